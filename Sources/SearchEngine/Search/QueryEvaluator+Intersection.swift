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
        // Keys for counts below the radix: 16² for two terms, 8³ for three, 4⁴ for four; none beyond.
        let radix = [1, 64, 16, 8, 4][min(leafCount, 4)]
        var cutoffs = LengthCutoffs(ranking: ranking, weight: weight, phrases: leafCount <= 4 ? phrases : [], radix: radix)
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
            var key = 0, scale = 1, most = 0, inRange = leafCount <= 4
            for leaf in 0..<leafCount {
                let occurrences = Int(starts[leaf][slots[leaf] + 1] - starts[leaf][slots[leaf]])
                most = max(most, occurrences)
                if occurrences >= radix { inRange = false }
                key += occurrences * scale
                scale *= radix
            }
            if !inRange { key = cutoffs.size }
            let cutoff = cutoffs.cutoff(count: key)
            if cutoff < most { continue }
            let length = index.documentLength(document)
            if length > cutoff { continue }
            for leaf in 0..<leafCount {
                frequencies[phrases[leaf]] = Self.termFrequency(starts[leaf][slots[leaf] + 1] - starts[leaf][slots[leaf]], weight: weight)
            }
            guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: document) else {
                cutoffs.refine(count: key, below: length)
                continue
            }
            if best.isFull { cutoffs.lower(to: best.worst) }
        }
        return (count, best.ranked())
    }
}
