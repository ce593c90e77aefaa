/// FTS5's NEAR test (`fts5ExprNearIsMatch`), step for step.
///
/// Each phrase's instance start positions (`column << 32 | offset`), ascending. A match is one
/// position per phrase such that every phrase i starts no earlier than `max - length(i) - distance`,
/// `max` being the latest start: at most `distance` tokens between the end of one phrase and the start
/// of the latest. The sweep advances whichever reader has the smallest next position and keeps every
/// match's positions (without repeating one), which decides which occurrences count for BM25.
///
/// One sweep over the positions laid out flat (phrase i's at `positions[starts[i] ..< starts[i + 1]]`)
/// serves two callers: the match walk's leaves, whose buffers (an array per phrase) get back only the
/// kept positions (``filter(_:phraseLengths:distance:scratch:)``), and the NEAR scan of terms, which
/// adds up the kept positions' column weights as they are kept (``filterFlat(_:starts:phraseLengths:distance:weights:scratch:frequencies:)``).
enum NearMatcher {
    /// One phrase's place in the sweep: the index of its next unread position in the flat array, the
    /// end of its range, the current position and the one after it (`.max` past the end).
    fileprivate struct Reader {
        var next: Int
        let end: Int
        var position: Position = .max
        var lookahead: Position = .max

        init(_ positions: [Position], from start: Int, to end: Int) {
            next = start
            self.end = end
            _ = advance(in: positions)
            _ = advance(in: positions)
        }

        /// Moves to the lookahead; true when that is the end.
        @inline(__always)
        mutating func advance(in positions: [Position]) -> Bool {
            position = lookahead
            if next < end {
                lookahead = positions[next]
                next += 1
            } else {
                lookahead = .max
            }
            return position == .max
        }
    }

    /// What a caller keeps from one call to the next, so that a call allocates nothing once its arrays
    /// have grown: the flat positions, the readers, each phrase's last kept position, and the arrays
    /// the buffered filter writes its matches into (swapped with the buffers).
    struct Scratch {
        fileprivate var flat: [Position] = []
        fileprivate var starts: [Int] = []
        fileprivate var readers: [Reader] = []
        /// Per phrase, the last position it kept (-1 before any: positions are never negative).
        fileprivate var lastKept: [Position] = []
        fileprivate var outputs: [[Position]] = []
    }

    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int) -> Bool {
        var scratch = Scratch()
        return filter(&buffers, phraseLengths: phraseLengths, distance: distance, scratch: &scratch)
    }

    /// Keeps in each buffer only its positions that take part in a match; whether there is one. The
    /// matches are written into `scratch`'s arrays, then swapped with `buffers`, so that a caller that
    /// keeps `scratch` from document to document allocates nothing once both have grown (a NEAR leaf
    /// calls this at every candidate: fresh arrays there were a quarter of a NEAR query's time,
    /// `talksearch bench`).
    static func filter(_ buffers: inout [[Position]], phraseLengths: [Int], distance: Int, scratch: inout Scratch) -> Bool {
        if scratch.outputs.count != buffers.count { scratch.outputs = Array(repeating: [], count: buffers.count) }
        for index in scratch.outputs.indices { scratch.outputs[index].removeAll(keepingCapacity: true) }
        defer { swap(&buffers, &scratch.outputs) }
        scratch.flat.removeAll(keepingCapacity: true)
        scratch.starts.removeAll(keepingCapacity: true)
        scratch.starts.append(0)
        for buffer in buffers {
            scratch.flat.append(contentsOf: buffer)
            scratch.starts.append(scratch.flat.count)
        }
        var outputs = scratch.outputs
        scratch.outputs = []
        defer { scratch.outputs = outputs }
        return sweep(scratch.flat, starts: scratch.starts, phraseLengths: phraseLengths, distance: distance, scratch: &scratch) { phrase, position in
            outputs[phrase].append(position)
        }
    }

    /// The sweep over one document's positions laid out flat, adding up instead of writing out what it
    /// keeps: `frequencies[i]` becomes the sum of `weights[column]` over phrase i's kept positions in
    /// ascending order (as a caller of ``filter(_:phraseLengths:distance:scratch:)`` adds them
    /// afterwards, so the bits agree), 0 where nothing is kept; whether any match was found.
    ///
    /// For the NEAR scan of terms (``PhraseScan``), which calls it at every document where the terms
    /// come within reach: one flat array filled per document instead of an array per phrase swapped
    /// with the scratch's (each append to a nested array checked both arrays' uniqueness, and the
    /// swaps and readers retained them: a sixth of `NEAR(development create, 5)` on pyvideo, perf).
    static func filterFlat(_ positions: [Position], starts: [Int], phraseLengths: [Int], distance: Int, weights: [Double],
                           scratch: inout Scratch, frequencies: inout [Double]) -> Bool {
        for phrase in 0..<(starts.count - 1) { frequencies[phrase] = 0 }
        return sweep(positions, starts: starts, phraseLengths: phraseLengths, distance: distance, scratch: &scratch) { phrase, position in
            frequencies[phrase] += weights[Positions.column(position)]
        }
    }

    /// The sweep itself, its readers and last kept positions set up in `scratch` for each phrase's
    /// range of `positions`: calls `keep(phrase, position)` for each position of each match, in the
    /// order of the sweep (ascending per phrase), once per position; whether any match was found.
    @inline(__always)
    private static func sweep(_ positions: [Position], starts: [Int], phraseLengths: [Int], distance: Int, scratch: inout Scratch,
                              keep: (Int, Position) -> Void) -> Bool {
        let count = starts.count - 1
        scratch.readers.removeAll(keepingCapacity: true)
        scratch.lastKept.removeAll(keepingCapacity: true)
        for phrase in 0..<count {
            scratch.readers.append(Reader(positions, from: starts[phrase], to: starts[phrase + 1]))
            scratch.lastKept.append(-1)
        }
        return sweep(positions, readers: &scratch.readers, lastKept: &scratch.lastKept, phraseLengths: phraseLengths, distance: distance,
                     keep: keep)
    }

    /// The sweep over `readers`, `lastKept` holding each phrase's last kept position.
    @inline(__always)
    private static func sweep(_ positions: [Position], readers: inout [Reader], lastKept: inout [Position], phraseLengths: [Int],
                              distance: Int, keep: (Int, Position) -> Void) -> Bool {
        let count = readers.count
        var kept = false
        let near = Position(distance)
        sweep: while true {
            var latest = readers[0].position
            var matched: Bool
            repeat {
                matched = true
                for index in 0..<count {
                    let earliest = latest - Position(phraseLengths[index]) - near
                    if readers[index].position < earliest || readers[index].position > latest {
                        matched = false
                        while readers[index].position < earliest {
                            if readers[index].advance(in: positions) { break sweep }
                        }
                        if readers[index].position > latest { latest = readers[index].position }
                    }
                }
            } while !matched
            for index in 0..<count {
                let position = readers[index].position
                if lastKept[index] != position {
                    lastKept[index] = position
                    keep(index, position)
                }
            }
            kept = true
            var advancing = 0
            var smallest = readers[0].lookahead
            for index in 0..<count where readers[index].lookahead < smallest {
                smallest = readers[index].lookahead
                advancing = index
            }
            if readers[advancing].advance(in: positions) { break sweep }
        }
        return kept
    }
}
