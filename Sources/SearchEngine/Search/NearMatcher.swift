/// FTS5's NEAR test (`fts5ExprNearIsMatch`), step for step.
///
/// Each buffer holds one phrase's instance start positions (`column << 32 | offset`). A match is one
/// position per phrase such that every phrase i starts no earlier than `max - length(i) - distance`,
/// `max` being the latest start: at most `distance` tokens between the end of one phrase and the start
/// of the latest. The sweep advances whichever reader has the smallest next position, writes every
/// match's positions (without repeating one) back into the buffers, and so decides which occurrences
/// count for BM25. Returns whether any match was found.
enum NearMatcher {
    private struct Reader {
        let positions: [Position]
        var next = 0
        var position: Position = .max
        var lookahead: Position = .max

        init(_ positions: [Position]) {
            self.positions = positions
            _ = advance()
            _ = advance()
        }

        /// Moves to the lookahead; true when that is the end.
        mutating func advance() -> Bool {
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

    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int) -> Bool {
        var outputs: [[Position]] = []
        return filter(&buffers, phraseLengths: phraseLengths, distance: distance, scratch: &outputs)
    }

    /// The same, writing the matches into `scratch`'s arrays and then swapping them with `buffers`,
    /// so that a caller that keeps `scratch` from document to document allocates nothing once both
    /// have grown (a NEAR leaf calls this at every candidate: fresh arrays there were a quarter of a
    /// NEAR query's time, `talksearch bench`).
    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int, scratch outputs: inout [[Position]]) -> Bool {
        if outputs.count != buffers.count { outputs = Array(repeating: [], count: buffers.count) }
        for index in outputs.indices { outputs[index].removeAll(keepingCapacity: true) }
        defer { swap(&buffers, &outputs) }
        var readers = buffers.map(Reader.init)
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
                            if readers[index].advance() { break sweep }
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
            if readers[advancing].advance() { break sweep }
        }
        return !outputs[0].isEmpty
    }
}
