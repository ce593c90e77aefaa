extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an OR of one-phrase leaves (a lone phrase, column-filtered
    /// terms, `^`: the shape ``runLeafByLeaf(_:columnWeights:sharedWeight:_:)`` answers) when every
    /// column weighs 1: the number of documents any leaf matches, and the best `limit` of them; nil when
    /// two leaves report one phrase (never from the parser) or a frequency is not a count.
    ///
    /// Each leaf is evaluated alone as the walk by leaves does (``leafResults(_:columnWeights:sharedWeight:)``).
    /// At weight 1 a phrase's frequency is its number of instances (1.0 added that many times, exact),
    /// so the leaves' union, merged in ordinal order, is decided as an AND's matches are: by the
    /// ``LengthCutoffs`` of the document's combination of counts (0 for a leaf not there), a longer
    /// document passed over without a bm25. The bm25 of a scored document is the walk's (the same
    /// frequencies, each phrase's n(P) its leaf's documents), and documents come in ordinal order, so
    /// the exclusive cutoffs keep exactly the walk's best. (200,000 synthetic talks: the walk scored
    /// every one of `title: python OR description: "starting to"`'s matches.)
    func bestOfPhraseLeaves(_ groups: [NearGroup], limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        let (ranking, leaves) = try leafResults(groups, columnWeights: [Double](repeating: 1, count: index.schema.count), sharedWeight: 1)
        let phrases = leaves.phrases, documents = leaves.documents, bounds = leaves.bounds
        guard Set(phrases).count == phrases.count else { return nil }
        var counts: [Int32] = []
        counts.reserveCapacity(leaves.frequencies.count)
        for frequency in leaves.frequencies {
            guard let count = Int32(exactly: frequency), count > 0 else { return nil }
            counts.append(count)
        }
        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        if phrases.count == 1 {
            var cutoffs = LengthCutoffs(ranking: ranking, weight: 1, phrase: phrases[0])
            for slot in documents.indices {
                offer(documents[slot], occurrences: counts[slot], phrase: phrases[0], cutoffs: &cutoffs, frequencies: &frequencies,
                      best: &best, ranking: ranking, weight: 1)
            }
            return (documents.count, best.ranked())
        }
        var cutoffs = LengthCutoffs.combinations(of: phrases, ranking: ranking, weight: 1)
        var occurrences = [Int32](repeating: 0, count: phrases.count)
        var cursors = Array(bounds.dropLast())
        var total = 0
        while true {
            var lowest = Int32.max
            for leaf in cursors.indices where cursors[leaf] < bounds[leaf + 1] { lowest = min(lowest, documents[cursors[leaf]]) }
            guard lowest != Int32.max else { break }
            for leaf in cursors.indices {
                let cursor = cursors[leaf]
                if cursor < bounds[leaf + 1], documents[cursor] == lowest {
                    occurrences[leaf] = counts[cursor]
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
}
