extension NearMatcher {
    /// ``filter(_:phraseLengths:distance:scratch:)``'s sweep over one document's positions laid out
    /// flat (phrase i's at `positions[starts[i] ..< starts[i + 1]]`, each ascending), step for step,
    /// adding up instead of writing out what it keeps: `frequencies[i]` becomes the sum of
    /// `weights[column]` over phrase i's kept positions in ascending order (as a caller of the
    /// buffered filter adds them afterwards, so the bits agree), 0 where nothing is kept. Returns
    /// whether any match was found.
    ///
    /// For the NEAR scan of terms (``PhraseScan``), which calls it at every document where the terms
    /// come within reach: one flat array filled per document instead of an array per phrase, swapped
    /// with the scratch's (each append to a nested array checked both arrays' uniqueness, and the
    /// swaps and readers retained them: a sixth of `NEAR(development create, 5)` on pyvideo, perf).
    static func filterFlat(_ positions: [Position], starts: [Int], phraseLengths: [Int], distance: Int, weights: [Double],
                           scratch: inout FlatScratch, frequencies: inout [Double]) -> Bool {
        let count = starts.count - 1
        scratch.readers.removeAll(keepingCapacity: true)
        scratch.lastKept.removeAll(keepingCapacity: true)
        for phrase in 0..<count {
            scratch.readers.append(FlatReader(positions, from: starts[phrase], to: starts[phrase + 1]))
            scratch.lastKept.append(-1)
            frequencies[phrase] = 0
        }
        return sweep(positions, readers: &scratch.readers, lastKept: &scratch.lastKept, phraseLengths: phraseLengths,
                     distance: distance, weights: weights, frequencies: &frequencies)
    }

    /// What a caller keeps from one call of ``filterFlat(_:starts:phraseLengths:distance:weights:scratch:frequencies:)``
    /// to the next, so that a call allocates nothing once its arrays have grown.
    struct FlatScratch {
        fileprivate var readers: [FlatReader] = []
        /// Per phrase, the last position it kept (-1 before any: positions are never negative).
        fileprivate var lastKept: [Position] = []
    }

    private static func sweep(_ positions: [Position], readers: inout [FlatReader], lastKept: inout [Position], phraseLengths: [Int],
                              distance: Int, weights: [Double], frequencies: inout [Double]) -> Bool {
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
                    frequencies[index] += weights[Positions.column(position)]
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

    /// ``Reader`` over a range of a flat array: the index of its next unread position, its end, the
    /// current position and the one after it (`.max` past the end).
    fileprivate struct FlatReader {
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
}
