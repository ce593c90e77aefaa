/// The keyword filters and facets of one search, compiled against the index's keyword fields.
struct KeywordSelection {
    private let fields: KeywordFields
    private let evaluator: KeywordEvaluator?
    private let facetRequests: [FacetRequest]

    /// Checks every filter and facet field name against the index (an unknown one is
    /// ``SearchError/invalidFilter(_:)``); reads the keyword fields only when some are asked for.
    init(options: SearchOptions, index: InvertedIndex) throws(SearchError) {
        facetRequests = options.facets
        guard !options.filters.isEmpty || !options.facets.isEmpty else {
            fields = .none
            evaluator = nil
            return
        }
        do throws(IndexFileError) {
            fields = try index.keywordFields()
        } catch {
            throw .backend(error.description)
        }
        for request in options.facets where fields.field(named: request.field) == nil {
            throw .unknownKeywordField(request.field, known: fields.names, counting: true)
        }
        evaluator = options.filters.isEmpty ? nil : try KeywordEvaluator(conditions: options.filters, fields: fields)
    }

    /// No filters and no facets: every match counts and only the best are needed.
    var isEmpty: Bool { evaluator == nil && facetRequests.isEmpty }

    /// The matches that pass every filter, in their order.
    func apply(to matches: [QueryEvaluator.Match]) -> [QueryEvaluator.Match] {
        guard let evaluator else { return matches }
        return matches.filter { evaluator.passes($0.ordinal) }
    }

    func facets(of matches: [QueryEvaluator.Match]) -> [Facet] {
        guard !facetRequests.isEmpty else { return [] }
        return KeywordEvaluator.facets(facetRequests, ordinals: matches.map(\.ordinal), fields: fields)
    }
}
