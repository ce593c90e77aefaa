extension QueryEvaluator {
    /// The leaves of `expression` when it is leaves of one phrase each under ORs only (a lone leaf
    /// included), none of them empty: the shape ``runLeafByLeaf(_:columnWeights:sharedWeight:_:)`` answers.
    static func singlePhraseLeaves(of expression: QueryExpression) -> [NearGroup]? {
        guard isOrOfSinglePhraseLeaves(expression) else { return nil }
        var groups: [NearGroup] = []
        func collect(_ expression: QueryExpression) {
            switch expression {
            case .leaf(let group): groups.append(group)
            case .or(let children): children.forEach(collect)
            case .and, .not: break
            }
        }
        collect(expression)
        return groups.contains(where: \.isEmpty) ? nil : groups
    }

    /// ``run(weights:scoring:phraseWeights:collectInstances:_:)`` for ORs of one-phrase leaves with
    /// FTS5's bm25: the same matches, frequencies and bits, each leaf evaluated alone and the results
    /// merged.
    ///
    /// Why that is the walk's answer: an OR emits the documents where some child matches, with every
    /// child that holds the document's terms positioned on it; a one-phrase leaf's instances there are
    /// empty exactly when it does not match, so phrase p's frequency at an emitted document is its
    /// leaf's frequency when the leaf matches there and 0 otherwise. And n(P), the documents where the
    /// phrase alone (with its leaf's columns and `^`) occurs, is the number its leaf matches. A leaf of
    /// one bare term with equal column weights (`sharedWeight`) needs no positions: its documents
    /// and counts are its list.
    func runLeafByLeaf(_ groups: [NearGroup], columnWeights: [Double], sharedWeight: Double?,
                       _ visit: (Match, [Double], [[Position]]) -> Void) throws(IndexFileError) -> [Match] {
        let (ranking, leaves) = try leafResults(groups, columnWeights: columnWeights, sharedWeight: sharedWeight)
        let documents = leaves.documents, leafFrequencies = leaves.frequencies, bounds = leaves.bounds, phraseOfLeaf = leaves.phrases
        var frequencies = [Double](repeating: 0, count: query.phrases.count)
        var matches: [Match] = []
        if bounds.count == 2 { matches.reserveCapacity(documents.count) }
        // The union in ascending order: at each step the lowest document any leaf is on.
        var cursors = Array(bounds.dropLast())
        while true {
            var lowest = Int32.max, any = false
            for leaf in cursors.indices where cursors[leaf] < bounds[leaf + 1] {
                lowest = min(lowest, documents[cursors[leaf]])
                any = true
            }
            guard any else { break }
            for leaf in cursors.indices {
                let cursor = cursors[leaf]
                if cursor < bounds[leaf + 1], documents[cursor] == lowest {
                    frequencies[phraseOfLeaf[leaf]] = leafFrequencies[cursor]
                    cursors[leaf] = cursor + 1
                } else {
                    frequencies[phraseOfLeaf[leaf]] = 0
                }
            }
            let match = Match(ordinal: lowest, bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(lowest)))
            visit(match, frequencies, [])
            matches.append(match)
        }
        return matches
    }

    /// Every leaf's results end to end (leaf i's at `bounds[i] ..< bounds[i + 1]`, reporting phrase
    /// `phrases[i]`): flat, so the merges read plain arrays (reading each leaf's through its tuple
    /// retained and released its arrays at every document: perf, the column-filter class).
    struct LeafResults {
        var documents: [Int32] = []
        var frequencies: [Double] = []
        var bounds = [0]
        var phrases: [Int] = []
    }

    /// Each of `groups` (one phrase each) evaluated alone, as ``runLeafByLeaf(_:columnWeights:sharedWeight:_:)``
    /// describes, and FTS5's bm25 with each phrase's n(P) the number of its leaf's documents.
    func leafResults(_ groups: [NearGroup], columnWeights: [Double], sharedWeight: Double?) throws(IndexFileError)
        -> (ranking: FTS5BM25, leaves: LeafResults) {
        var documentFrequencies = [Int](repeating: 0, count: query.phrases.count)
        var leaves = LeafResults()
        for group in groups {
            let phraseIndex = group.phrases[0]
            let result = try leafResult(group, columnWeights: columnWeights, sharedWeight: sharedWeight)
            documentFrequencies[phraseIndex] = result.documents.count
            leaves.documents += result.documents
            leaves.frequencies += result.frequencies
            leaves.bounds.append(leaves.documents.count)
            leaves.phrases.append(phraseIndex)
        }
        let ranking = FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens,
                               phraseDocumentFrequencies: documentFrequencies)
        return (ranking, leaves)
    }

    /// One group (one phrase) evaluated alone: its documents and its frequency at each.
    func leafResult(_ group: NearGroup, columnWeights: [Double], sharedWeight: Double?) throws(IndexFileError) -> PhraseScan.Result {
        let phrase = query.phrases[group.phrases[0]]
        if let sharedWeight, phrase.terms.count == 1, !phrase.mustStartColumn, group.columns == nil {
            let list = try cache.postings(for: phrase.terms[0], detail: .counts)
            return PhraseScan.Result(documents: list.documents,
                                     frequencies: (0..<list.count).map { Self.termFrequency(list.occurrences(at: $0), weight: sharedWeight) })
        }
        if phrase.terms.count == 1, !phrase.terms[0].isPrefix, !phrase.mustStartColumn,
           let scanned = try index.scanOneTerm(phrase.terms[0].bytes, allowed: PhraseScan.allowed(group.columns, count: columnWeights.count),
                                               weights: columnWeights) {
            return scanned
        }
        return PhraseScan.scan(try cache.phraseParts(phrase), columns: group.columns, mustStartColumn: phrase.mustStartColumn,
                               weights: columnWeights)
    }
}
