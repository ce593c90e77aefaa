import Dispatch

extension CommonPairs {
    /// The pairs of the index the builder's `runs` were just merged into, found in the runs' token
    /// streams: each run walks its documents' tokens once and, where two adjacent tokens of a column are
    /// both common, records the pair at the first one's position. No postings are decoded.
    ///
    /// The same tables as ``build(commonTerms:documentCount:columns:columnSizes:parallelism:postings:)``,
    /// which finds them from the postings instead (`check` compares the two): common terms are those in
    /// at least `minimumDocuments` documents (`documentFrequency(term index)`), and each pair's list is
    /// encoded as a term's. Runs work on all threads; each puts its occurrences in pair order (a
    /// counting sort when K * K slots fit in 4 Mi, else a sort), encodes one pair at a time, and the
    /// runs' lists of a pair are joined in run order, so the result does not depend on the threads.
    /// `firstOrdinals[r]` is run r's first document; every run's ``RunPostings/termIndices`` is set.
    /// `countingSortSlots` bounds K * K for the counting sort (tests set 0 to take the other way).
    static func build(runs: [RunPostings], firstOrdinals: [Int32], termCount: Int, columns: Int, minimumDocuments: Int,
                      countingSortSlots: Int = 1 << 22, documentFrequency: (Int) -> Int) -> CommonPairs {
        var pairs = CommonPairs()
        pairs.commonTerms = (0..<termCount).filter { documentFrequency($0) >= minimumDocuments }.map(Int32.init)
        let commonCount = pairs.commonTerms.count
        guard commonCount > 0 else { return pairs }
        var numbers = [Int32](repeating: -1, count: termCount)
        for (number, term) in pairs.commonTerms.enumerated() { numbers[Int(term)] = Int32(number) }
        let commonNumber = numbers
        let slots = ResultSlots<[(key: Int, list: PostingEncoder)]>(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { run in
            let found = RunPairs(run: runs[run], firstOrdinal: firstOrdinals[run], columns: columns,
                                 commonNumber: commonNumber, commonCount: commonCount)
            slots.store(found.lists(countingSortSlots: countingSortSlots), at: run)
        }
        pairs.join(slots.values())
        return pairs
    }

    /// One run's adjacent pairs of common terms, found in its token stream.
    struct RunPairs {
        let run: RunPostings
        let firstOrdinal: Int32
        let columns: Int
        let commonCount: Int
        /// The common number of each of the run's term ids, or -1.
        let local: [Int32]

        /// `commonNumber[term index]` is the term's number among the common ones, or -1.
        init(run: RunPostings, firstOrdinal: Int32, columns: Int, commonNumber: [Int32], commonCount: Int) {
            self.run = run
            self.firstOrdinal = firstOrdinal
            self.columns = columns
            self.commonCount = commonCount
            local = run.termIndices.map { commonNumber[Int($0)] }
        }

        /// Calls `body(key, ordinal, position)` for each pair occurrence (key = first common * K +
        /// second), in document and position order: the run's documents from `firstOrdinal`, each
        /// column's tokens (columns end to end in `tokens`, sized by `columnSizes`).
        @inline(__always)
        func forEachPair(_ body: (Int, Int32, Position) -> Void) {
            var token = 0, size = 0
            for document in 0..<run.columnSizes.count / columns {
                let ordinal = firstOrdinal + Int32(document)
                for column in 0..<columns {
                    let count = Int(run.columnSizes[size])
                    size += 1
                    guard count > 1 else {
                        token += count
                        continue
                    }
                    var first = local[Int(run.tokens[token])]
                    for offset in 0..<count - 1 {
                        let second = local[Int(run.tokens[token + offset + 1])]
                        if first >= 0, second >= 0 {
                            body(Int(first) * commonCount + Int(second), ordinal, Positions.make(column: column, offset: offset))
                        }
                        first = second
                    }
                    token += count
                }
            }
        }

        /// Each pair's list, keys ascending, encoded one list at a time from the occurrences in key
        /// order (each key's in document and position order). With at most 4 Mi keys (`countingSortSlots`), a counting sort
        /// over two walks of the tokens (count per key in 32 bits, at most 16 MiB, then place): only the
        /// placed occurrences are held. Else the occurrences are gathered and sorted by (key, order found).
        func lists(countingSortSlots: Int) -> [(key: Int, list: PostingEncoder)] {
            var ordinals: [Int32] = [], positions: [Position] = []
            let slots = commonCount * commonCount
            // Counts fit 32 bits: a run has fewer pair occurrences than tokens.
            if slots <= countingSortSlots, run.tokens.count < Int(Int32.max) {
                var starts = [Int32](repeating: 0, count: slots + 1)
                forEachPair { key, _, _ in starts[key + 1] += 1 }
                for slot in 0..<slots { starts[slot + 1] += starts[slot] }
                let total = Int(starts[slots])
                ordinals = [Int32](repeating: 0, count: total)
                positions = [Position](repeating: 0, count: total)
                var fill = starts
                forEachPair { key, ordinal, position in
                    ordinals[Int(fill[key])] = ordinal
                    positions[Int(fill[key])] = position
                    fill[key] += 1
                }
                fill = []
                var result: [(key: Int, list: PostingEncoder)] = []
                for key in 0..<slots where starts[key] < starts[key + 1] {
                    let range = Int(starts[key])..<Int(starts[key + 1])
                    var list = PostingEncoder(reserving: range.count)
                    for index in range { list.add(document: ordinals[index], position: positions[index]) }
                    result.append((key, list))
                }
                return result
            }
            var keys: [Int] = []
            forEachPair { key, ordinal, position in
                keys.append(key)
                ordinals.append(ordinal)
                positions.append(position)
            }
            let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            var result: [(key: Int, list: PostingEncoder)] = []
            var start = 0
            while start < order.count {
                let key = keys[order[start]]
                var end = start + 1
                while end < order.count, keys[order[end]] == key { end += 1 }
                var list = PostingEncoder(reserving: end - start)
                for index in order[start..<end] { list.add(document: ordinals[index], position: positions[index]) }
                result.append((key, list))
                start = end
            }
            return result
        }
    }
}
