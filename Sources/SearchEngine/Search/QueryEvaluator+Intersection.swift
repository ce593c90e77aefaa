extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an AND of bare terms (leaf i's term list `lists[i]`, its
    /// phrase `phrases[i]`): the number of documents in every list, and the best `limit` of them.
    ///
    /// The shortest list drives; each of its documents is looked up in the others by a forward
    /// galloping search. At a match every phrase's frequency is its term's count there (the walk's:
    /// an AND stops where all its leaves agree). Every match is scored and offered only when not
    /// worse than the worst kept (why not ``LengthCutoffs``: ``bestOfTwo``).
    func bestOfIntersection(_ lists: [PostingList], phrases: [Int], ranking: FTS5BM25, weight: Double,
                            limit: Int) -> (count: Int, best: [Match]) {
        let leafCount = lists.count
        guard let driver = lists.indices.min(by: { lists[$0].count < lists[$1].count }) else { return (0, []) }
        if leafCount == 2 { return bestOfTwo(lists, driver: driver, phrases: phrases, ranking: ranking, weight: weight, limit: limit) }
        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        let documents = lists.map(\.documents), starts = lists.map(\.positionStarts)
        var cursors = [Int](repeating: 0, count: leafCount), slots = cursors
        var count = 0
        let drivingDocuments = documents[driver]
        outer: for slot in drivingDocuments.indices {
            let document = drivingDocuments[slot]
            for leaf in 0..<leafCount where leaf != driver {
                let found = documents[leaf].firstIndex(atLeast: document, from: cursors[leaf])
                cursors[leaf] = found
                guard found < documents[leaf].count else { break outer }
                if documents[leaf][found] != document { continue outer }
                slots[leaf] = found
            }
            slots[driver] = slot
            count += 1
            for leaf in 0..<leafCount {
                frequencies[phrases[leaf]] = Self.termFrequency(starts[leaf][slots[leaf] + 1] - starts[leaf][slots[leaf]], weight: weight)
            }
            score(document, frequencies: frequencies, best: &best, ranking: ranking)
        }
        return (count, best.ranked())
    }

    /// ``bestOfIntersection(_:phrases:ranking:weight:limit:)`` for two lists (most ANDs), walking their
    /// arrays through buffers: the shorter drives, the other is searched forward by galloping. The
    /// same documents are offered in the same order with the same counts as by the general walk.
    ///
    /// Every match is scored (the same `FTS5BM25/bm25(frequencies:documentLength:)` over the same
    /// frequencies as ``offer(_:_:_:phrases:cutoffs:frequencies:best:ranking:weight:)``, so the same
    /// bits) and offered only when it is not worse than the worst kept: no ``LengthCutoffs``. Their
    /// tests branch on each document's counts and length, which a branch predictor cannot learn from
    /// one pass; a bm25 costs less than those mispredictions. pyvideo, the 400 public queries timed
    /// pass by pass, alternated three times: python programs 92.6 -> 85.1, 95.5 -> 87.7 µs,
    /// development create 71.0 -> 66.2, 71.7 -> 66.1, learning start 66.9 -> 63.8, 68.1 -> 62.9, with
    /// 5% more instructions (callgrind, python programs 756,990 -> 793,106).
    private func bestOfTwo(_ lists: [PostingList], driver: Int, phrases: [Int], ranking: FTS5BM25, weight: Double,
                           limit: Int) -> (count: Int, best: [Match]) {
        let other = 1 - driver
        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        var count = 0
        lists[driver].documents.withUnsafeBufferPointer { drivingDocuments in
        lists[driver].positionStarts.withUnsafeBufferPointer { drivingStarts in
        lists[other].documents.withUnsafeBufferPointer { otherDocuments in
        lists[other].positionStarts.withUnsafeBufferPointer { otherStarts in
            var cursor = 0
            let end = otherDocuments.count
            // Within a list at most 32 times as long, the next document is a few slots on: stepping
            // there costs one mispredicted jump (the last), where a gallop and its binary search
            // mispredict about half of theirs.
            let steps = end <= 32 * drivingDocuments.count
            for slot in 0..<drivingDocuments.count {
                let document = drivingDocuments[slot]
                if steps {
                    while cursor < end && otherDocuments[cursor] < document { cursor &+= 1 }
                } else {
                    cursor = otherDocuments.firstIndex(atLeast: document, from: cursor, end: end)
                }
                guard cursor < end else { return }
                if otherDocuments[cursor] != document { continue }
                count += 1
                let driving = drivingStarts[slot + 1] - drivingStarts[slot], others = otherStarts[cursor + 1] - otherStarts[cursor]
                frequencies[phrases[0]] = Self.termFrequency(driver == 0 ? driving : others, weight: weight)
                frequencies[phrases[1]] = Self.termFrequency(driver == 0 ? others : driving, weight: weight)
                score(document, frequencies: frequencies, best: &best, ranking: ranking)
            }
        }
        }
        }
        }
        return (count, best.ranked())
    }

    /// Scores `document` with `frequencies` (every phrase's) and offers it to `best`, which turns it
    /// away unless it is not worse than the worst kept: an AND's match, an OR's shared document.
    @inline(__always)
    func score(_ document: Int32, frequencies: [Double], best: inout BestKept, ranking: FTS5BM25) {
        _ = best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(document)), ordinal: document)
    }

    /// ``offer(_:occurrences:phrases:cutoffs:frequencies:best:ranking:weight:)`` for two leaves, their
    /// counts `first` and `second` (one may be 0), without an array of them.
    @inline(__always)
    func offer(_ document: Int32, _ first: Int32, _ second: Int32, phrases: [Int], cutoffs: inout LengthCutoffs,
               frequencies: inout [Double], best: inout BestKept, ranking: FTS5BM25, weight: Double) {
        let (key, most) = cutoffs.key(first, second)
        let cutoff = cutoffs.cutoff(count: key)
        if cutoff < most { return }
        let length = index.documentLength(document)
        if length > cutoff { return }
        frequencies[phrases[0]] = Self.termFrequency(first, weight: weight)
        frequencies[phrases[1]] = Self.termFrequency(second, weight: weight)
        guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: document) else {
            cutoffs.refine(count: key, below: length)
            return
        }
    }

    /// Offers `document`, whose phrases' counts are `occurrences` (per leaf, leaf i reporting
    /// `phrases[i]`; documents in ordinal order), to `best`, unless its combination's `cutoffs` pass it
    /// over (by its largest count, then by its length); refines them when it is scored and does not enter.
    @inline(__always)
    func offer(_ document: Int32, occurrences: [Int32], phrases: [Int], cutoffs: inout LengthCutoffs, frequencies: inout [Double],
               best: inout BestKept, ranking: FTS5BM25, weight: Double) {
        let (key, most) = cutoffs.key(of: occurrences)
        let cutoff = cutoffs.cutoff(count: key)
        if cutoff < most { return }
        let length = index.documentLength(document)
        if length > cutoff { return }
        for leaf in occurrences.indices { frequencies[phrases[leaf]] = Self.termFrequency(occurrences[leaf], weight: weight) }
        guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: document) else {
            cutoffs.refine(count: key, below: length)
            return
        }
    }
}
