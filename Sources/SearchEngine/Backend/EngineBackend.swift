/// TalkSearch's own backend: the hand-built index, FTS5's query language and FTS5's bm25.
///
/// For the same documents, tokenizer and query it returns what ``SearchBackend`` promises of FTS5:
/// the same matches, total and bm25 bits, ordered by (score descending, rowid ascending). Hits carry
/// rowids; ordinals (which increase with them) stay inside.
public final class EngineBackend: SearchBackend, Sendable {
    public let name = "engine"
    public let index: InvertedIndex
    let analyzer: Analyzer

    public init(index: InvertedIndex) throws(TokenizerError) {
        self.index = index
        analyzer = try Analyzer(index.tokenizer)
    }

    /// Builds an in-memory index of `documents` and a backend over it.
    public convenience init(documents: [IndexedDocument], schema: ColumnSchema, tokenizer: TokenizerConfiguration,
                            keywordFields: [String] = []) throws(TokenizerError) {
        var builder = try IndexBuilder(schema: schema, tokenizer: tokenizer, keywordFields: keywordFields)
        for document in documents { builder.add(document) }
        try self.init(index: builder.build())
    }

    public var documentCount: Int { index.documentCount }

    public func parse(_ query: String) throws(SearchError) -> ParsedQuery {
        try QueryParser.parse(query, schema: index.schema, analyzer: analyzer)
    }

    public func search(_ query: String, options: SearchOptions) throws(SearchError) -> SearchResults {
        let parsed = try parse(query)
        let selection = try KeywordSelection(options: options, index: index)
        do throws(IndexFileError) {
            return try search(parsed, query: query, options: options, selection: selection)
        } catch {
            throw .backend(error.description)
        }
    }

    private func search(_ parsed: ParsedQuery, query: String, options: SearchOptions,
                        selection: KeywordSelection) throws(IndexFileError) -> SearchResults {
        if options.scoring == .rm3 { return try searchWithFeedback(parsed, query: query, options: options, selection: selection) }
        let evaluator = QueryEvaluator(index: index, query: parsed)
        // Bare terms without filters or facets: count every match, score only those that can rank.
        if options.scoring == .fts5, selection.isEmpty,
           let (count, best) = try evaluator.bestMatches(weights: options.weights, limit: options.offset + options.limit) {
            var hits = try topHits(best, options: options, ranked: true)
            try decorate(&hits, evaluator: evaluator, phrases: parsed.phrases, options: options)
            return SearchResults(query: query, totalMatches: count, hits: hits, facets: [])
        }
        let matches = selection.apply(to: try evaluator.run(weights: options.weights, scoring: options.scoring))
        var hits = try topHits(matches, options: options)
        try decorate(&hits, evaluator: evaluator, phrases: parsed.phrases, options: options)
        return SearchResults(query: query, totalMatches: matches.count, hits: hits, facets: selection.facets(of: matches))
    }

    /// The matches ranked `offset ..< offset + limit` as hits, FTS5's order (bm25 ascending, ordinal
    /// ascending); `ranked` when `matches` are already the best in that order (``QueryEvaluator/bestMatches(weights:limit:)``'s,
    /// whose order is the same), so that they are not selected again.
    private func topHits(_ matches: [QueryEvaluator.Match], options: SearchOptions, ranked: Bool = false) throws(IndexFileError) -> [SearchHit] {
        var hits: [SearchHit] = []
        let page = ranked
            ? matches.prefix(options.offset + options.limit).dropFirst(options.offset).map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }
            : Array(TopK.select(matches.lazy.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) },
                                limit: options.offset + options.limit).dropFirst(options.offset))
        hits.reserveCapacity(page.count)
        for match in page {
            let ordinal = Int32(match.ordinal)
            let record = try index.documentRecord(ordinal)
            var hit = SearchHit(ordinal: index.rowid(ordinal), id: record.id, score: -match.bm25, stored: record.stored)
            for column in options.columns where column >= 0 && column < index.schema.count {
                hit.columns[column] = try index.text(ordinal, column: column)
            }
            hits.append(hit)
        }
        return hits
    }

    /// Adds the requested highlights and snippet to `hits`, from the instances the match walk reports
    /// at each of them (a second walk of the same query).
    private func decorate(_ hits: inout [SearchHit], evaluator: QueryEvaluator, phrases: [QueryPhrase],
                          phraseWeights: [Double]? = nil, options: SearchOptions) throws(IndexFileError) {
        guard options.highlight != nil || options.snippet != nil, !hits.isEmpty else { return }
        var slots: [Int32: Int] = [:]
        for (slot, hit) in hits.enumerated() {
            if let ordinal = index.ordinal(ofRowid: hit.ordinal) { slots[ordinal] = slot }
        }
        let sizes = phrases.map(\.terms.count)
        var captured: [(slot: Int, ordinal: Int32, instances: PhraseInstances)] = []
        _ = try evaluator.run(weights: options.weights, scoring: options.scoring == .rm3 ? .fts5 : options.scoring,
                              phraseWeights: phraseWeights, collectInstances: true) { match, _, positions in
            if let slot = slots[match.ordinal] { captured.append((slot, match.ordinal, PhraseInstances(positions: positions, phraseSizes: sizes))) }
        }
        for (slot, ordinal, instances) in captured {
            if let markers = options.highlight {
                for column in options.highlightColumns where column < index.schema.count {
                    hits[slot].highlights[column] = FTS5Auxiliary.highlight(
                        try index.text(ordinal, column: column), column: column, instances: instances, analyzer: analyzer,
                        open: markers.open, close: markers.close)
                }
            }
            if let request = options.snippet, request.column < index.schema.count {
                var texts: [String] = []
                for column in 0..<index.schema.count { texts.append(try index.text(ordinal, column: column)) }
                hits[slot].snippet = FTS5Auxiliary.snippet(
                    texts: texts, columnSizes: (0..<index.schema.count).map { index.columnSize(ordinal, column: $0) },
                    column: request.column, instances: instances, analyzer: analyzer, open: request.markers.open,
                    close: request.markers.close, ellipsis: request.ellipsis, tokens: request.tokens)
            }
        }
    }

    /// RM3: a first pass with FTS5's bm25, then the query's terms and the feedback terms as a weighted
    /// OR of single-term phrases. Highlights and snippets mark the terms of the second pass.
    private func searchWithFeedback(_ parsed: ParsedQuery, query: String, options: SearchOptions,
                                    selection: KeywordSelection) throws(IndexFileError) -> SearchResults {
        let model = options.feedback
        var first = options
        first.scoring = .fts5
        first.limit = model.feedbackDocuments
        first.offset = 0
        first.highlight = nil
        first.snippet = nil
        let initial = try search(parsed, query: query, options: first, selection: selection)
        var feedback: [(score: Double, texts: [String])] = []
        for hit in initial.hits {
            var texts: [String] = []
            guard let ordinal = index.ordinal(ofRowid: hit.ordinal) else { continue }
            for column in 0..<index.schema.count { texts.append(try index.text(ordinal, column: column)) }
            feedback.append((hit.score, texts))
        }
        let queryTerms = parsed.phrases.flatMap { $0.terms.map(\.bytes) }
        let documentCount = index.documentCount
        let cache = PostingCache(index: index)
        let expanded = model.expand(queryTerms: queryTerms, feedback: feedback, analyzer: analyzer) { term in
            let count = (try? cache.postings(for: QueryTerm(bytes: term, isPrefix: false), detail: .counts).count) ?? 0
            return count * 2 >= documentCount
        }
        guard !expanded.isEmpty else {
            var plain = options
            plain.scoring = .fts5
            return try search(parsed, query: query, options: plain, selection: selection)
        }
        let phrases = expanded.map { QueryPhrase(terms: [QueryTerm(bytes: $0.term, isPrefix: false)], mustStartColumn: false) }
        let leaves = phrases.indices.map { QueryExpression.leaf(NearGroup(phrases: [$0], distance: nil, columns: nil, isEmpty: false)) }
        let bag = ParsedQuery(root: leaves.count == 1 ? leaves[0] : .or(leaves), phrases: phrases)
        let evaluator = QueryEvaluator(index: index, query: bag)
        let matches = selection.apply(to: try evaluator.run(weights: options.weights, phraseWeights: expanded.map(\.weight)))
        var hits = try topHits(matches, options: options)
        try decorate(&hits, evaluator: evaluator, phrases: phrases, phraseWeights: expanded.map(\.weight), options: options)
        return SearchResults(query: query, totalMatches: matches.count, hits: hits, facets: selection.facets(of: matches))
    }

    /// The phrase instances (FTS5's `xInst`) of each listed matching document (by rowid), for
    /// highlight() and snippet(); documents that do not match are absent.
    public func instances(_ query: String, ordinals rowids: Set<Int64>) throws(SearchError) -> [Int64: PhraseInstances] {
        let parsed = try parse(query)
        let sizes = parsed.phrases.map(\.terms.count)
        var wanted: [Int32: Int64] = [:]
        for rowid in rowids { if let ordinal = index.ordinal(ofRowid: rowid) { wanted[ordinal] = rowid } }
        var found: [Int64: PhraseInstances] = [:]
        do throws(IndexFileError) {
            _ = try QueryEvaluator(index: index, query: parsed).run(weights: .uniform, collectInstances: true) { match, _, positions in
                if let rowid = wanted[match.ordinal] { found[rowid] = PhraseInstances(positions: positions, phraseSizes: sizes) }
            }
        } catch {
            throw .backend(error.description)
        }
        return found
    }

    /// The score of the document with rowid `ordinal` (a hit's) for `query` as a tree of its BM25
    /// terms; nil when it does not match.
    public func explain(_ query: String, ordinal rowid: Int64, weights: ColumnWeights = .uniform) throws(SearchError) -> ScoreExplanation? {
        let parsed = try parse(query)
        guard let ordinal = index.ordinal(ofRowid: rowid) else { return nil }
        do throws(IndexFileError) {
            return try explain(parsed, ordinal: Int64(ordinal), weights: weights)
        } catch {
            throw .backend(error.description)
        }
    }

    private func explain(_ parsed: ParsedQuery, ordinal: Int64, weights: ColumnWeights) throws(IndexFileError) -> ScoreExplanation? {
        let evaluator = QueryEvaluator(index: index, query: parsed)
        var found: (QueryEvaluator.Match, [Double])?
        _ = try evaluator.run(weights: weights) { match, frequencies, _ in
            if Int64(match.ordinal) == ordinal { found = (match, frequencies) }
        }
        guard let (match, frequencies) = found else { return nil }
        var leaves: [LeafMatcher] = []
        _ = try MatchNode(parsed.root, phrases: parsed.phrases, postings: evaluator.cache, leaves: &leaves)
        let documentFrequencies = try evaluator.documentFrequencies(leaves: leaves)
        let ranking = FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens,
                               phraseDocumentFrequencies: documentFrequencies)
        let length = index.documentLength(match.ordinal)
        let k1 = FTS5BM25.k1, b = FTS5BM25.b
        let children = parsed.phrases.indices.map { phrase in
            let idf = ranking.inverseDocumentFrequencies[phrase]
            let tf = frequencies[phrase]
            let k = k1 * ((1.0 - b) + (b * Double(length)) / ranking.averageDocumentLength)
            let value = idf * ((tf * (k1 + 1.0)) / (tf + k))
            return ScoreExplanation(value: value, label: "phrase \(phrase + 1) \(parsed.phrases[phrase].text): idf × tf·(k1+1) / (tf + k1·(1-b+b·D/avgdl))", children: [
                ScoreExplanation(value: idf, label: "idf = ln((N - n + 0.5) / (n + 0.5)), floored at 1e-6; N = \(index.documentCount), n = \(documentFrequencies[phrase])"),
                ScoreExplanation(value: tf, label: "tf = Σ column weight over counted occurrences"),
                ScoreExplanation(value: Double(length) / ranking.averageDocumentLength, label: "D / avgdl; D = \(length), avgdl = \(ranking.averageDocumentLength)"),
            ])
        }
        return ScoreExplanation(value: -match.bm25, label: "score = -bm25 = Σ phrase terms (k1 = \(k1), b = \(b))", children: children)
    }
}
