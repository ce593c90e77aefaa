/// Runs a ``ParsedQuery`` over an ``InvertedIndex`` and scores every match (FTS5's bm25, or BM25F).
///
/// Matching walks the ``MatchNode`` tree as FTS5 does (`sqlite3Fts5ExprFirst/Next`); at each matching
/// document, a phrase's term frequency is taken from its leaf's instances when that leaf is positioned
/// on the document (FTS5's `xInst`), weighted by column.
struct QueryEvaluator {
    let index: InvertedIndex
    let query: ParsedQuery
    let cache: PostingCache

    init(index: InvertedIndex, query: ParsedQuery) {
        self.index = index
        self.query = query
        cache = PostingCache(index: index)
    }

    struct Match {
        var ordinal: Int32
        /// FTS5's bm25 (negative is better); for other scorings, the negated score, so the order is the same.
        var bm25: Double
    }

    /// Every matching document with its bm25, in ascending ordinal order.
    /// `visit` sees each match with its per-phrase frequencies and, when `collectInstances` is set, the
    /// instances each phrase reported there (empty when its leaf was elsewhere).
    func run(weights: ColumnWeights, scoring: ScoringVariant = .fts5, phraseWeights: [Double]? = nil, collectInstances: Bool = false,
             _ visit: (Match, [Double], [[Position]]) -> Void = { _, _, _ in }) throws(IndexFileError) -> [Match] {
        var leaves: [LeafMatcher] = []
        let root = try MatchNode(query.root, phrases: query.phrases, postings: cache, leaves: &leaves)
        // Which leaf and which of its buffers report each phrase.
        var reporters = [(leaf: LeafMatcher, slot: Int)?](repeating: nil, count: query.phrases.count)
        for leaf in leaves {
            for (slot, phrase) in leaf.phraseIndices.enumerated() { reporters[phrase] = (leaf, slot) }
        }
        let columnCount = index.schema.count
        let columnWeights = weights.expanded(to: columnCount)
        // A query that is one phrase (or one-phrase NEAR) in one leaf matches exactly where the phrase
        // alone occurs, so its n(P) is its number of matches: one walk collects them and scoring
        // follows, instead of a second walk to count (a third of a phrase query's time).
        let countsItself = !collectInstances && query.phrases.count == 1 && leaves.count == 1 && {
            guard case .leaf(let group) = query.root, !group.isEmpty else { return false }
            let phrase = query.phrases[0]
            return phrase.terms.count > 1 || phrase.mustStartColumn || group.columns != nil
        }()
        struct Scorers {
            var ranking: FTS5BM25
            var fielded: BM25F?
        }
        func scorers(_ phraseFrequencies: [Int]) -> Scorers {
            Scorers(ranking: FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens,
                                      phraseDocumentFrequencies: phraseFrequencies),
                    fielded: scoring == .bm25f
                        ? BM25F(documentCount: index.documentCount, columnTotals: index.columnTotals,
                                phraseDocumentFrequencies: phraseFrequencies, weights: columnWeights)
                        : nil)
        }
        let scorer: Scorers? = countsItself ? nil : scorers(try documentFrequencies(leaves: leaves))
        let isFielded = scoring == .bm25f
        var columnCounts = [[Int]](repeating: [Int](repeating: 0, count: columnCount), count: isFielded ? query.phrases.count : 0)
        var columnLengths = [Int](repeating: 0, count: columnCount)
        func score(_ ordinal: Int32, frequencies: [Double], columnCounts: [[Int]], with scorer: Scorers) -> Double {
            if let fielded = scorer.fielded {
                for column in 0..<columnCount { columnLengths[column] = index.columnSize(ordinal, column: column) }
                return -fielded.score(counts: columnCounts, columnLengths: columnLengths)
            }
            if let phraseWeights {
                return scorer.ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal), phraseWeights: phraseWeights)
            }
            return scorer.ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal))
        }
        var matches: [Match] = []
        var frequencies = [Double](repeating: 0, count: query.phrases.count)
        var instances = [[Position]](repeating: [], count: collectInstances ? query.phrases.count : 0)
        /// Deferred scoring (`countsItself`): each match's frequency and column counts, in walk order.
        var pending: [(ordinal: Int32, frequency: Double, columnCounts: [Int])] = []
        root.first()
        while !root.isEOF && root.isNoMatch { root.next() }
        while !root.isEOF {
            let ordinal = root.rowid
            for phrase in frequencies.indices {
                var frequency = 0.0
                if isFielded { for column in 0..<columnCount { columnCounts[phrase][column] = 0 } }
                if let (leaf, slot) = reporters[phrase], !leaf.isEOF, leaf.rowid == ordinal {
                    for position in leaf.buffers[slot] { frequency += columnWeights[Positions.column(position)] }
                    if isFielded {
                        for position in leaf.buffers[slot] { columnCounts[phrase][Positions.column(position)] += 1 }
                    }
                    if collectInstances { instances[phrase] = leaf.buffers[slot] }
                } else if collectInstances {
                    instances[phrase] = []
                }
                frequencies[phrase] = frequency
            }
            if let scorer {
                let match = Match(ordinal: ordinal, bm25: score(ordinal, frequencies: frequencies, columnCounts: columnCounts, with: scorer))
                visit(match, frequencies, instances)
                matches.append(match)
            } else {
                pending.append((ordinal, frequencies[0], isFielded ? columnCounts[0] : []))
            }
            repeat { root.next() } while !root.isEOF && root.isNoMatch
        }
        if countsItself {
            let scorer = scorers([pending.count])
            matches.reserveCapacity(pending.count)
            for entry in pending {
                let match = Match(ordinal: entry.ordinal, bm25: score(entry.ordinal, frequencies: [entry.frequency],
                                                                       columnCounts: isFielded ? [entry.columnCounts] : [], with: scorer))
                visit(match, [entry.frequency], instances)
                matches.append(match)
            }
        }
        return matches
    }

    /// n(P) for every phrase: the documents where the phrase alone (with its leaf's column filter and
    /// `^`, without NEAR) occurs. FTS5 counts them by running the phrase as a query of its own.
    func documentFrequencies(leaves: [LeafMatcher]) throws(IndexFileError) -> [Int] {
        var columnsOfPhrase = [[Int]?](repeating: nil, count: query.phrases.count)
        for leaf in leaves {
            for phrase in leaf.phraseIndices { columnsOfPhrase[phrase] = leaf.columns }
        }
        var counted: [String: Int] = [:]
        var frequencies: [Int] = []
        for phrase in query.phrases.indices {
            let subject = query.phrases[phrase]
            guard !subject.terms.isEmpty else {
                frequencies.append(0)
                continue
            }
            let key = "\(subject.text)|\(columnsOfPhrase[phrase].map { "\($0)" } ?? "*")"
            if let known = counted[key] {
                frequencies.append(known)
                continue
            }
            // A single term without a column filter or `^` occurs in every document that holds it.
            if subject.terms.count == 1, !subject.mustStartColumn, columnsOfPhrase[phrase] == nil {
                let term = subject.terms[0]
                let count = try cache.postings(for: term).count
                counted[key] = count
                frequencies.append(count)
                continue
            }
            let alone = try LeafMatcher(group: NearGroup(phrases: [0], distance: nil, columns: columnsOfPhrase[phrase], isEmpty: false),
                                        phrases: [subject], postings: cache)
            var count = 0
            alone.first()
            while !alone.isEOF {
                if !alone.isNoMatch { count += 1 }
                alone.next(from: nil)
            }
            counted[key] = count
            frequencies.append(count)
        }
        return frequencies
    }
}
