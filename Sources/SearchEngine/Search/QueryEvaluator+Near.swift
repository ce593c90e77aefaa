extension QueryEvaluator {
    /// The group of `expression` when it is one NEAR group alone whose phrases are each one term
    /// without `^`, and without a column filter (`NEAR(python volunteer, 5)`): the shape
    /// ``runNear(_:columnWeights:_:)`` answers.
    static func loneNearOfTerms(_ expression: QueryExpression, phrases: [QueryPhrase]) -> NearGroup? {
        guard case .leaf(let group) = expression, !group.isEmpty, group.phrases.count >= 2, group.columns == nil,
              group.phrases.allSatisfy({ phrases[$0].terms.count == 1 && !phrases[$0].mustStartColumn }) else { return nil }
        return group
    }

    /// ``run(weights:scoring:phraseWeights:collectInstances:_:)`` for a lone NEAR group of terms
    /// with FTS5's bm25: the same matches, frequencies and bits, from one scan of the terms' lists
    /// (``PhraseScan/near(_:distance:weights:)``) instead of the match walk.
    ///
    /// Why that is the walk's answer: the walk's only node is the group's leaf, whose candidates
    /// are the documents holding every term; at each it fills every phrase's buffer with its term's
    /// positions (all of them: no phrase is empty there, no column filter), keeps what FTS5's NEAR
    /// sweep keeps (``NearMatcher``) and matches when the sweep finds a match; phrase p's frequency
    /// is then the sum of the column weights of its kept positions, in order. Each phrase's n(P) is
    /// its term's list's length (a term alone, without a filter, occurs wherever it is listed).
    /// A term's list at least ``PostingCache/phraseRatio`` times the shortest's is read only at the
    /// shortest's documents (``PostingCache/nearLists(_:)``): no other document holds every term.
    func runNear(_ group: NearGroup, columnWeights: [Double],
                 _ visit: (Match, [Double], [[Position]]) -> Void) throws(IndexFileError) -> [Match] {
        let (lists, lengths) = try cache.nearLists(group.phrases.map { query.phrases[$0].terms[0] })
        let ranking = self.ranking(group.phrases, documentFrequencies: lengths)
        let found = PhraseScan.near(lists, distance: group.distance ?? QueryParser.defaultNearDistance, weights: columnWeights)
        let width = group.phrases.count
        var frequencies = [Double](repeating: 0, count: query.phrases.count)
        var matches: [Match] = []
        matches.reserveCapacity(found.documents.count)
        for (row, ordinal) in found.documents.enumerated() {
            for (slot, phrase) in group.phrases.enumerated() { frequencies[phrase] = found.frequencies[row * width + slot] }
            let match = Match(ordinal: ordinal, bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal)))
            visit(match, frequencies, [])
            matches.append(match)
        }
        return matches
    }
}
