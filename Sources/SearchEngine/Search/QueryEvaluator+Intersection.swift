extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an AND of bare terms (leaf i's term list `lists[i]`, its
    /// phrase `phrases[i]`): the number of documents in every list, and the best `limit` of them.
    ///
    /// The shortest list drives; each of its documents is looked up in the others by a forward
    /// galloping search. At a match every phrase's frequency is its term's count there (the walk's:
    /// an AND stops where all its leaves agree), so the document's combination of counts is one key
    /// of ``LengthCutoffs`` over all the phrases, and a document longer than its key's cutoff is
    /// passed over without a bm25 (without reading its length when the cutoff is below its largest
    /// count: a document holds at least that many tokens).
    func bestOfIntersection(_ lists: [PostingList], phrases: [Int], ranking: FTS5BM25, weight: Double,
                            limit: Int) -> (count: Int, best: [Match]) {
        let leafCount = lists.count
        guard let driver = lists.indices.min(by: { lists[$0].count < lists[$1].count }) else { return (0, []) }
        // Keys for counts below the radix: 64 for one term, 16² for two, 8³ for three, 4⁴ for four;
        // beyond four terms no keys, and every match is scored.
        let keyed = leafCount <= 4
        let radix = keyed ? [64, 16, 8, 4][leafCount - 1] : 1
        var cutoffs = LengthCutoffs(ranking: ranking, weight: weight, phrases: keyed ? phrases : [], radix: radix)
        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        let documents = lists.map(\.documents), starts = lists.map(\.positionStarts)
        var cursors = [Int](repeating: 0, count: leafCount), slots = cursors
        var occurrences = [Int32](repeating: 0, count: leafCount)
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
            var key = 0, scale = 1, most = 0, inRange = keyed
            for leaf in 0..<leafCount {
                occurrences[leaf] = starts[leaf][slots[leaf] + 1] - starts[leaf][slots[leaf]]
                let here = Int(occurrences[leaf])
                most = max(most, here)
                if here >= radix { inRange = false }
                key += here * scale
                scale *= radix
            }
            if !inRange { key = cutoffs.size }
            let cutoff = cutoffs.cutoff(count: key)
            if cutoff < most { continue }
            let length = index.documentLength(document)
            if length > cutoff { continue }
            for leaf in 0..<leafCount { frequencies[phrases[leaf]] = Self.termFrequency(occurrences[leaf], weight: weight) }
            guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: document) else {
                cutoffs.refine(count: key, below: length)
                continue
            }
            if best.isFull { cutoffs.lower(to: best.worst) }
        }
        return (count, best.ranked())
    }
}
