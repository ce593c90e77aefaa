import Testing
@testable import SearchEngine

@Suite struct RM3Tests {
    let analyzer = try! Analyzer(.unicode61)

    @Test func weightsMixTheQueryAndTheRelevanceModel() {
        let model = RM3(feedbackDocuments: 2, feedbackTerms: 2, originalWeight: 0.5)
        let expanded = model.expand(queryTerms: [Array("wing".utf8)], feedback: [
            (score: 3, texts: ["wing lift lift", ""]),
            (score: 1, texts: ["wing drag", "body"]),
        ], analyzer: analyzer)
        let weights = Dictionary(uniqueKeysWithValues: expanded.map { (String(decoding: $0.term, as: UTF8.self), $0.weight) })
        // P(t|R): wing 0.75·1/3 + 0.25·1/3 = 1/3, lift 0.75·2/3 = 1/2, drag and body 0.25·1/3 = 1/12.
        // Top 2: lift, wing (mass 5/6); final = 0.5·query + 0.5·P/mass.
        #expect(Set(weights.keys) == ["wing", "lift"])
        #expect(abs(weights["lift"]! - 0.5 * (0.5 / (5.0 / 6.0))) < 1e-12)
        #expect(abs(weights["wing"]! - (0.5 + 0.5 * ((1.0 / 3.0) / (5.0 / 6.0)))) < 1e-12)
        #expect(abs(expanded.reduce(0) { $0 + $1.weight } - 1.0) < 1e-12)
    }

    @Test func termsTooCommonToRankAreNotExpansionTerms() {
        let expanded = RM3(feedbackDocuments: 1, feedbackTerms: 5).expand(
            queryTerms: [Array("wing".utf8)], feedback: [(score: 1, texts: ["the wing and the lift"])], analyzer: analyzer,
            isTooCommon: { $0 == Array("the".utf8) || $0 == Array("and".utf8) })
        #expect(expanded.map { String(decoding: $0.term, as: UTF8.self) } == ["lift", "wing"])
    }

    /// "lift" and "drag" (in 2 of 6 documents) come from the feedback document and find document 2.
    @Test func feedbackFindsDocumentsWithoutTheQueryTerms() throws {
        let engine = try EngineBackend(documents: [
            IndexedDocument(id: "1", columns: ["wing lift", "lift and drag of a wing"]),
            IndexedDocument(id: "2", columns: ["lift", "lift drag coefficients"]),
            IndexedDocument(id: "3", columns: ["heat", "conduction in slabs"]),
            IndexedDocument(id: "4", columns: ["other", "unrelated words here"]),
            IndexedDocument(id: "5", columns: ["more", "unrelated text"]),
            IndexedDocument(id: "6", columns: ["still", "more unrelated text"]),
        ], schema: ColumnSchema(names: ["title", "text"]), tokenizer: .unicode61)
        var options = SearchOptions(limit: 10, scoring: .rm3)
        options.feedback = RM3(feedbackDocuments: 1, feedbackTerms: 3, originalWeight: 0.5)
        let plain = try engine.search("\"wing\"", options: SearchOptions(limit: 10))
        let expanded = try engine.search("\"wing\"", options: options)
        #expect(plain.hits.map(\.id) == ["1"])
        #expect(expanded.hits.map(\.id) == ["1", "2"])
    }
}
