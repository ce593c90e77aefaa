import Testing
@testable import SearchEngine

@Suite struct QuerySuggesterTests {
    static func suggester(_ tokenizer: TokenizerConfiguration = .porter) throws -> QuerySuggester {
        var documents: [IndexedDocument] = []
        for number in 0..<60 {
            let title = number % 2 == 0 ? "Adversarial examples and robustness" : "Python asyncio in practice"
            documents.append(IndexedDocument(id: "\(number)", columns: [title, "", number % 3 == 0 ? "Learning networks" : "Django views"]))
        }
        documents.append(IndexedDocument(id: "rare", columns: ["Adversary", "", ""]))
        let engine = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["t", "s", "d"]), tokenizer: tokenizer)
        return try QuerySuggester(index: engine.index)
    }

    @Test func misspeltWordsGetTheirMostFrequentNeighbour() throws {
        let suggester = try Self.suggester()
        let corrections = try suggester.corrections("adversrial robustness pyhton")
        #expect(corrections.map(\.replacement) == ["adversarial", "python"])
        #expect(corrections.map(\.original) == ["adversrial", "pyhton"])
        // "adversarial" and "Adversary" share the stem "adversari": 30 + 1 documents.
        #expect(corrections.first?.documentFrequency == 31)
        #expect(QuerySuggester.apply(corrections, to: "adversrial robustness pyhton") == "adversarial robustness python")
    }

    @Test func wordsTheIndexKnowsWellAreLeftAlone() throws {
        let suggester = try Self.suggester()
        // "learnings" stems to "learn", which 20 documents contain.
        #expect(try suggester.corrections("learnings django robustness").isEmpty)
    }

    @Test func quotedPrefixAndColumnNamesAreNotCorrectedTermsInFiltersAndNearAre() throws {
        let suggester = try Self.suggester()
        let query = "\"pyhton\" pyhto* tx:pyhton NEAR(pyhton django)"
        let corrections = try suggester.corrections(query)
        #expect(corrections.map(\.range) == [19..<25, 31..<37])
        #expect(QuerySuggester.apply(corrections, to: query) == "\"pyhton\" pyhto* tx:python NEAR(python django)")
    }

    @Test func suggestionsAreWordsNotStems() throws {
        // With porter the index term is "adversari"; the suggestion is the word people type.
        #expect(try Self.suggester(.porter).corrections("adversarail").map(\.replacement) == ["adversarial"])
        #expect(try Self.suggester(.unicode61).corrections("adversarail").map(\.replacement) == ["adversarial"])
    }

    /// `--fuzzy` widens each corrected word to (word OR correction), writing out the AND that FTS5 needs
    /// beside a group, and substitutes where a group cannot go.
    @Test(arguments: [
        ("adversrial", "(adversrial OR adversarial)"),
        ("adversrial robustness", "(adversrial OR adversarial) AND robustness"),
        ("robustness adversrial", "robustness AND (adversrial OR adversarial)"),
        ("robustness adversrial \"deep\"", "robustness AND (adversrial OR adversarial) AND \"deep\""),
        ("robustness OR adversrial", "robustness OR (adversrial OR adversarial)"),
        ("robustness NOT adversrial", "robustness NOT (adversrial OR adversarial)"),
        ("(pyhton OR django) AND views", "((pyhton OR python) OR django) AND views"),
        ("NEAR(pyhton asyncio, 3)", "NEAR(python asyncio, 3)"),
        ("t:pyhton", "t:python"),
        ("^pyhton", "^python"),
        ("pyhton + asyncio", "python + asyncio"),
    ])
    func fuzzyExpansion(query: String, expected: String) throws {
        let suggester = try Self.suggester()
        let expanded = QuerySuggester.expand(try suggester.corrections(query), in: query)
        #expect(expanded == expected)
        let engine = try EngineBackend(index: suggester.index)
        _ = try engine.parse(expanded)  // FTS5's grammar accepts it
        let original = Set((try? engine.search(query, options: SearchOptions(limit: 100)))?.hits.map(\.id) ?? [])
        let widened = Set(try engine.search(expanded, options: SearchOptions(limit: 100)).hits.map(\.id))
        if !query.contains("NOT") {  // under NOT, widening excludes more, as it should
            #expect(widened.isSuperset(of: original), "the talks the query matched as typed are kept")
        }
    }

    @Test func completionsAreMostFrequentFirst() throws {
        let suggester = try Self.suggester()
        let completions = try suggester.complete("robust advers", limit: 3)
        #expect(completions.map(\.text) == ["robust adversarial", "robust adversary"])
        #expect(completions.map(\.documents) == [30, 1])
        #expect(try suggester.complete("advers ", limit: 3).isEmpty, "nothing to complete after a space")
        #expect(try suggester.complete("PYTH", limit: 3).map(\.text) == ["python"])
    }
}
