/// Runs a ``ParsedQuery`` over an ``InvertedIndex`` and scores every match (FTS5's bm25, or BM25F).
///
/// Matching walks the ``MatchNode`` tree as FTS5 does (`sqlite3Fts5ExprFirst/Next`); at each matching
/// document, a phrase's term frequency is taken from its leaf's instances when that leaf is positioned
/// on the document (FTS5's `xInst`), weighted by column.
struct QueryEvaluator {
    let index: InvertedIndex
    let query: ParsedQuery
    let cache: PostingCache
    /// Whether to take the shortcuts that give the walk's results for less (counts instead of positions,
    /// ``BareTermQuery``, n(P) counted in the walk); off, every query takes the plain walk with positions
    /// and a separate count per phrase (the tests' reference for the shortcuts).
    var usesShortcuts = true

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
        let columnCount = index.schema.count
        let columnWeights = weights.expanded(to: columnCount)
        // With every column weighing the same, a term's frequency is its number of instances times
        // that weight (added once per instance, as FTS5 adds them), so TERM leaves need no positions.
        let sharedWeight: Double? = usesShortcuts && scoring != .bm25f && !collectInstances && columnWeights.dropFirst().allSatisfy { $0 == columnWeights[0] }
            ? columnWeights[0] : nil
        // ORs of one-phrase leaves (a lone phrase, column-filtered terms) are answered leaf by leaf,
        // before the match tree is built; bare terms with equal weights go to the flat lists below.
        if usesShortcuts, scoring == .fts5, phraseWeights == nil, !collectInstances,
           sharedWeight == nil || BareTermQuery.shape(of: query.root, phrases: query.phrases) == nil,
           let groups = Self.singlePhraseLeaves(of: query.root) {
            return try runLeafByLeaf(groups, columnWeights: columnWeights, sharedWeight: sharedWeight, visit)
        }
        if usesShortcuts, scoring == .fts5, phraseWeights == nil, !collectInstances,
           let group = Self.loneNearOfTerms(query.root, phrases: query.phrases) {
            return try runNear(group, columnWeights: columnWeights, visit)
        }
        var leaves: [LeafMatcher] = []
        let root = try MatchNode(query.root, phrases: query.phrases, postings: cache, countsOnly: sharedWeight != nil, leaves: &leaves)
        if let sharedWeight, scoring == .fts5, phraseWeights == nil, let bare = BareTermQuery(query.root, phrases: query.phrases, leaves: leaves) {
            return try runBare(bare, sharedWeight: sharedWeight, leaves: leaves, visit)
        }
        // Which leaf and which of its buffers report each phrase.
        var reporters = [(leaf: LeafMatcher, slot: Int)?](repeating: nil, count: query.phrases.count)
        for leaf in leaves {
            for (slot, phrase) in leaf.phraseIndices.enumerated() { reporters[phrase] = (leaf, slot) }
        }
        // Where the match tree is ORs over leaves of one phrase each, the walk tests every candidate of
        // every leaf, and a phrase's n(P) (the documents where it alone occurs, FTS5's separate count) is
        // the number of documents where its leaf matched: one walk counts them and scoring follows,
        // instead of a second walk per phrase (a third of a phrase query's time). Worth it only when
        // some phrase needs a walk to count (more than one term, `^` or a column filter); a bare
        // term's n(P) is its list's length.
        let countsInWalk = usesShortcuts && !collectInstances && Self.isOrOfSinglePhraseLeaves(query.root) && leaves.contains { leaf in
            leaf.phrases.contains { $0.terms.count > 1 || $0.mustStartColumn } || leaf.columns != nil
        }
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
        let scorer: Scorers? = countsInWalk ? nil : scorers(try documentFrequencies(leaves: leaves))
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
        /// Deferred scoring (`countsInWalk`): each match's ordinal, then its frequencies and column
        /// counts (flattened, phrase by phrase), in walk order; and each phrase's n(P) so far.
        var pendingOrdinals: [Int32] = []
        var pendingFrequencies: [Double] = []
        var pendingColumnCounts: [Int] = []
        var walkCounts = [Int](repeating: 0, count: query.phrases.count)
        root.first()
        while !root.isEOF && root.isNoMatch { root.next() }
        while !root.isEOF {
            let ordinal = root.rowid
            for phrase in frequencies.indices {
                var frequency = 0.0
                if isFielded { for column in 0..<columnCount { columnCounts[phrase][column] = 0 } }
                if let (leaf, slot) = reporters[phrase], !leaf.isEOF, leaf.rowid == ordinal {
                    if leaf.countsOnly, let sharedWeight { frequency = Self.termFrequency(leaf.occurrences, weight: sharedWeight) }
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
                for phrase in frequencies.indices {
                    if let (leaf, _) = reporters[phrase], !leaf.isEOF, leaf.rowid == ordinal, !leaf.isNoMatch { walkCounts[phrase] += 1 }
                }
                pendingOrdinals.append(ordinal)
                pendingFrequencies.append(contentsOf: frequencies)
                if isFielded { for counts in columnCounts { pendingColumnCounts.append(contentsOf: counts) } }
            }
            repeat { root.next() } while !root.isEOF && root.isNoMatch
        }
        if countsInWalk {
            let scorer = scorers(walkCounts)
            let phraseCount = frequencies.count
            matches.reserveCapacity(pendingOrdinals.count)
            for (slot, ordinal) in pendingOrdinals.enumerated() {
                let matchFrequencies = Array(pendingFrequencies[(slot * phraseCount)..<((slot + 1) * phraseCount)])
                if isFielded {
                    let base = slot * phraseCount * columnCount
                    for phrase in 0..<phraseCount {
                        for column in 0..<columnCount { columnCounts[phrase][column] = pendingColumnCounts[base + phrase * columnCount + column] }
                    }
                }
                let match = Match(ordinal: ordinal, bm25: score(ordinal, frequencies: matchFrequencies, columnCounts: columnCounts, with: scorer))
                visit(match, matchFrequencies, instances)
                matches.append(match)
            }
        }
        return matches
    }

    /// ``run(weights:scoring:phraseWeights:collectInstances:_:)`` for a query of bare terms: the same
    /// matches, frequencies and bm25, from the lists directly (``BareTermQuery``).
    private func runBare(_ bare: BareTermQuery, sharedWeight: Double, leaves: [LeafMatcher],
                         _ visit: (Match, [Double], [[Position]]) -> Void) throws(IndexFileError) -> [Match] {
        let ranking = FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens,
                               phraseDocumentFrequencies: try documentFrequencies(leaves: leaves))
        var frequencies = [Double](repeating: 0, count: query.phrases.count)
        var matches: [Match] = []
        if bare.shape == .single || bare.shape == .or { matches.reserveCapacity(bare.documents.count) }
        let phrases = bare.phrases, counts = bare.counts
        bare.forEachMatch { ordinal, slots in
            for leaf in phrases.indices {
                frequencies[phrases[leaf]] = slots[leaf] >= 0 ? Self.termFrequency(counts[slots[leaf]], weight: sharedWeight) : 0
            }
            let match = Match(ordinal: ordinal, bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal)))
            visit(match, frequencies, [])
            matches.append(match)
        }
        return matches
    }

    /// A term's frequency from its number of instances when every column weighs `weight`: the weight
    /// added once per instance, as FTS5 adds a column's weight per instance (`count * weight` can round
    /// differently). At weight 1 that sum is the count itself (each partial sum an integer below 2^53,
    /// so exact), which is returned without the loop.
    @inline(__always)
    static func termFrequency(_ occurrences: Int32, weight: Double) -> Double {
        if weight == 1 { return Double(occurrences) }
        var frequency = 0.0
        for _ in 0..<occurrences { frequency += weight }
        return frequency
    }

    /// Whether `expression` is leaves of one phrase each (a NEAR group of one phrase included) under
    /// ORs only.
    static func isOrOfSinglePhraseLeaves(_ expression: QueryExpression) -> Bool {
        switch expression {
        case .leaf(let group): group.phrases.count == 1
        case .or(let children): children.allSatisfy(isOrOfSinglePhraseLeaves)
        case .and, .not: false
        }
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
                let count = try cache.postings(for: term, detail: .counts).count
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
