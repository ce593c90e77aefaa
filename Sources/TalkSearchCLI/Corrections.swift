import SearchEngine

/// "Did you mean" for one query, from the engine index of the opened generation.
struct Corrections {
    var corrections: [QuerySuggester.Correction]
    /// The query with the corrections in place of the words ("Did you mean").
    var corrected: String?
    /// The query with each corrected word widened to (word OR correction) (what `--fuzzy` searches).
    var expanded: String?

    /// `searcher` is reused when it is the engine; otherwise the generation's engine file is opened.
    static func of(_ query: String, index: OpenedIndex, searcher: any SearchBackend) throws -> Corrections {
        let suggester = try (searcher as? EngineBackend).map { try QuerySuggester(index: $0.index) } ?? index.suggester()
        let corrections = try suggester.corrections(query)
        return Corrections(corrections: corrections,
                           corrected: corrections.isEmpty ? nil : QuerySuggester.apply(corrections, to: query),
                           expanded: corrections.isEmpty ? nil : QuerySuggester.expand(corrections, in: query))
    }
}
