extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an OR of one-phrase leaves (a lone phrase, column-filtered
    /// terms, `^`: the shape ``runLeafByLeaf(_:columnWeights:sharedWeight:_:)`` answers) when every
    /// column weighs 1: the number of documents any leaf matches, and the best `limit` of them; nil when
    /// two leaves report one phrase (never from the parser).
    ///
    /// Each leaf is evaluated alone as the walk by leaves does (``leafResults(_:columnWeights:sharedWeight:)``).
    /// At weight 1 a phrase's frequency is its number of instances (1.0 added that many times, exact),
    /// so the leaves' union, merged in ordinal order, is decided as an AND's matches are: by the
    /// ``LengthCutoffs`` of the document's combination of counts (0 for a leaf not there), a longer
    /// document passed over without a bm25. The bm25 of a scored document is the walk's (the same
    /// frequencies, each phrase's n(P) its leaf's documents), and documents come in ordinal order, so
    /// the cutoffs keep exactly the walk's best. (200,000 synthetic talks: the walk scored
    /// every one of `title: python OR description: "starting to"`'s matches.)
    ///
    /// One leaf of one term filtered to one column that has lists (`title: python`) is that column's
    /// list read by its blocks (``bestOfBlocks(_:phrase:limit:)``): its documents, counts, n(P) and
    /// bm25 are the leaf's, so the blocks' bounds are this query's.
    func bestOfPhraseLeaves(_ groups: [NearGroup], limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        var blocked: [BlockedUnion?] = []
        for group in groups { blocked.append(try blockedColumnList(of: group)) }
        if groups.count == 1, let list = blocked[0] {
            return try bestOfBlocks(list, phrase: groups[0].phrases[0], limit: limit)
        }
        if blocked.contains(where: { $0 != nil }) { return try bestOfLeafUnion(groups, blocked: blocked, limit: limit) }
        let (ranking, leaves) = try leafResults(groups, columnWeights: [Double](repeating: 1, count: index.schema.count), sharedWeight: 1)
        let phrases = leaves.phrases, documents = leaves.documents, bounds = leaves.bounds, leafFrequencies = leaves.frequencies
        guard Set(phrases).count == phrases.count else { return nil }
        /// A frequency at weight 1 as its count: every one here is 1.0 added once per instance (a
        /// document's instances of one phrase, fewer than 2^31), so an integer the conversion keeps
        /// exactly. (Checked up front, the conversion was a tenth of `title: python OR description:
        /// "starting to"` on pyvideo.)
        @inline(__always) func count(_ slot: Int) -> Int32 {
            let count = Int32(leafFrequencies[slot])
            assert(Double(count) == leafFrequencies[slot], "a frequency at weight 1 that is not a count")
            return count
        }
        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        if phrases.count == 1 {
            var cutoffs = LengthCutoffs(phrase: phrases[0])
            for slot in documents.indices {
                offer(documents[slot], occurrences: count(slot), phrase: phrases[0], cutoffs: &cutoffs, frequencies: &frequencies,
                      best: &best, ranking: ranking, weight: 1)
            }
            return (documents.count, best.ranked())
        }
        var cutoffs = LengthCutoffs.combinations(of: phrases)
        var occurrences = [Int32](repeating: 0, count: phrases.count)
        var total = 0
        if phrases.count == 2 {
            // Two leaves (most such ORs): a merge of the two results.
            var first = 0, second = bounds[1]
            let firstEnd = bounds[1], secondEnd = bounds[2]
            while first < firstEnd || second < secondEnd {
                let a = first < firstEnd ? documents[first] : Int32.max, b = second < secondEnd ? documents[second] : Int32.max
                let lowest = min(a, b)
                var firstCount: Int32 = 0, secondCount: Int32 = 0
                if a == lowest {
                    firstCount = count(first)
                    first += 1
                }
                if b == lowest {
                    secondCount = count(second)
                    second += 1
                }
                total += 1
                offer(lowest, firstCount, secondCount, phrases: phrases, cutoffs: &cutoffs, frequencies: &frequencies, best: &best,
                      ranking: ranking, weight: 1)
            }
            return (total, best.ranked())
        }
        var cursors = Array(bounds.dropLast())
        while true {
            var lowest = Int32.max
            for leaf in cursors.indices where cursors[leaf] < bounds[leaf + 1] { lowest = min(lowest, documents[cursors[leaf]]) }
            guard lowest != Int32.max else { break }
            for leaf in cursors.indices {
                let cursor = cursors[leaf]
                if cursor < bounds[leaf + 1], documents[cursor] == lowest {
                    occurrences[leaf] = count(cursor)
                    cursors[leaf] = cursor + 1
                } else {
                    occurrences[leaf] = 0
                }
            }
            total += 1
            offer(lowest, occurrences: occurrences, phrases: phrases, cutoffs: &cutoffs, frequencies: &frequencies, best: &best,
                  ranking: ranking, weight: 1)
        }
        return (total, best.ranked())
    }

    /// The column list with blocks that answers `group` (``InvertedIndex/blockedColumnList(for:column:)``)
    /// when it is one term, not a prefix, without `^`, filtered to one column; else nil.
    private func blockedColumnList(of group: NearGroup) throws(IndexFileError) -> BlockedUnion? {
        guard let columns = group.columns, let column = columns.first, columns.allSatisfy({ $0 == column }), group.phrases.count == 1 else {
            return nil
        }
        let phrase = query.phrases[group.phrases[0]]
        guard phrase.terms.count == 1, !phrase.terms[0].isPrefix, !phrase.mustStartColumn else { return nil }
        return try index.blockedColumnList(for: phrase.terms[0].bytes, column: column)
    }

    /// An OR of one-phrase leaves at weight 1 where some leaf has a column list with blocks
    /// (`blocked[i]`, from ``blockedColumnList(of:)``): ``bestOfUnion(_:phrases:bounds:ranking:weight:limit:)``
    /// over the leaves' documents and counts (a column list's as stored, slot for slot with its
    /// blocks; any other leaf's from ``leafResult(_:columnWeights:sharedWeight:)``, whose frequencies
    /// at weight 1 are counts), each phrase's n(P) its leaf's documents: the terms of an OR of bare
    /// terms in all but name, so the union's exactness carries over, and the blocked leaf passes over
    /// the blocks where no document it alone holds can enter.
    private func bestOfLeafUnion(_ groups: [NearGroup], blocked: [BlockedUnion?], limit: Int) throws(IndexFileError)
        -> (count: Int, best: [Match])? {
        let phrases = groups.map { $0.phrases[0] }
        guard Set(phrases).count == phrases.count else { return nil }
        let weights = [Double](repeating: 1, count: index.schema.count)
        var lists: [PostingList] = []
        for (group, list) in zip(groups, blocked) {
            if list != nil, let column = group.columns?.first,
               let stored = try index.columnList(for: query.phrases[group.phrases[0]].terms[0].bytes, column: column) {
                lists.append(stored)
                continue
            }
            let result = try leafResult(group, columnWeights: weights, sharedWeight: 1)
            var counts = PostingList()
            counts.documents = result.documents
            counts.positionStarts = [Int32](unsafeUninitializedCapacity: result.documents.count + 1) { starts, initialized in
                starts[0] = 0
                for slot in result.frequencies.indices {
                    let count = Int32(result.frequencies[slot])
                    assert(Double(count) == result.frequencies[slot], "a frequency at weight 1 that is not a count")
                    starts[slot + 1] = starts[slot] + count
                }
                initialized = result.documents.count + 1
            }
            counts.detail = .counts
            lists.append(counts)
        }
        let ranking = self.ranking(phrases, documentFrequencies: lists.map(\.count))
        return bestOfUnion(lists, phrases: phrases, bounds: blocked.map { $0.map { BlockBounds(size: $0.blockSize, best: $0.blocks.best) } },
                           ranking: ranking, weight: 1, limit: limit)
    }
}
