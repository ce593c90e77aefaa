/// FTS5's NEAR test (`fts5ExprNearIsMatch`), step for step.
///
/// Each buffer holds one phrase's instance start positions (`column << 32 | offset`). A match is one
/// position per phrase such that every phrase i starts no earlier than `max - length(i) - distance`,
/// `max` being the latest start: at most `distance` tokens between the end of one phrase and the start
/// of the latest. The sweep advances whichever reader has the smallest next position, writes every
/// match's positions (without repeating one) back into the buffers, and so decides which occurrences
/// count for BM25. Returns whether any match was found.
enum NearMatcher {
    /// One buffer's place in the sweep: the index of its next unread position, the current position
    /// and the one after it (`.max` past the end).
    fileprivate struct Reader {
        var next = 0
        var position: Position = .max
        var lookahead: Position = .max

        init(_ positions: [Position]) {
            _ = advance(in: positions)
            _ = advance(in: positions)
        }

        /// Moves to the lookahead in `positions` (the buffer this reader reads); true when that is the end.
        @inline(__always)
        mutating func advance(in positions: [Position]) -> Bool {
            position = lookahead
            if next < positions.count {
                lookahead = positions[next]
                next += 1
            } else {
                lookahead = .max
            }
            return position == .max
        }
    }

    /// What a caller keeps from one call of ``filter(_:phraseLengths:distance:scratch:)`` to the next,
    /// so that a call allocates nothing once its arrays have grown: the arrays the matches are written
    /// into (swapped with the buffers) and the readers.
    struct Scratch {
        var outputs: [[Position]] = []
        fileprivate var readers: [Reader] = []
    }

    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int) -> Bool {
        var scratch = Scratch()
        return filter(&buffers, phraseLengths: phraseLengths, distance: distance, scratch: &scratch)
    }

    /// The same, writing the matches into `scratch`'s arrays and then swapping them with `buffers`,
    /// so that a caller that keeps `scratch` from document to document allocates nothing once both
    /// have grown (a NEAR leaf calls this at every candidate: fresh arrays there were a quarter of a
    /// NEAR query's time, `talksearch bench`; fresh readers, each holding its buffer, 3-4% of the
    /// public NEAR queries' on pyvideo).
    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int, scratch: inout Scratch) -> Bool {
        if scratch.outputs.count != buffers.count { scratch.outputs = Array(repeating: [], count: buffers.count) }
        for index in scratch.outputs.indices { scratch.outputs[index].removeAll(keepingCapacity: true) }
        defer { swap(&buffers, &scratch.outputs) }
        scratch.readers.removeAll(keepingCapacity: true)
        for buffer in buffers { scratch.readers.append(Reader(buffer)) }
        return sweep(buffers, readers: &scratch.readers, outputs: &scratch.outputs, phraseLengths: phraseLengths, distance: distance)
    }

    /// The sweep itself over `buffers` with their `readers`, the matches appended to `outputs`;
    /// whether any was found.
    private static func sweep(_ buffers: [[Position]], readers: inout [Reader], outputs: inout [[Position]], phraseLengths: [Int],
                              distance: Int) -> Bool {
        let near = Position(distance)
        sweep: while true {
            var latest = readers[0].position
            var matched: Bool
            repeat {
                matched = true
                for index in readers.indices {
                    let earliest = latest - Position(phraseLengths[index]) - near
                    if readers[index].position < earliest || readers[index].position > latest {
                        matched = false
                        while readers[index].position < earliest {
                            if readers[index].advance(in: buffers[index]) { break sweep }
                        }
                        if readers[index].position > latest { latest = readers[index].position }
                    }
                }
            } while !matched
            for index in readers.indices {
                let position = readers[index].position
                if outputs[index].last != position { outputs[index].append(position) }
            }
            var advancing = 0
            var smallest = readers[0].lookahead
            for index in readers.indices where readers[index].lookahead < smallest {
                smallest = readers[index].lookahead
                advancing = index
            }
            if readers[advancing].advance(in: buffers[advancing]) { break sweep }
        }
        return !outputs[0].isEmpty
    }
}
