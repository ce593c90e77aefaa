import Testing
import TestSupport
@testable import SearchEngine

/// The worked example of the FTS5 reference: six rows, `learning`.
@Suite struct BM25Tests {
    let engine: EngineBackend = try! EngineBackend(documents: [
        ["Deep learning", "learning with deep networks"], ["Python packaging", "wheels and pip"], ["Statistics", "a course"],
        ["Learning Python", "learning learning"], ["Web APIs", "rest and graphql"], ["Testing", "pytest fixtures"],
    ].enumerated().map { IndexedDocument(id: "\($0 + 1)", columns: $1) }, schema: ColumnSchema(names: ["title", "body"]),
        tokenizer: TokenizerConfiguration(removeDiacritics: 1))

    @Test func idfIsFlooredAtOneMillionth() {
        #expect(FTS5BM25.idf(documentCount: 6, documentFrequency: 2) == 0.5877866649021191)
        #expect(FTS5BM25.idf(documentCount: 6, documentFrequency: 3) == 1e-6)
        #expect(FTS5BM25.idf(documentCount: 6, documentFrequency: 6) == 1e-6)
    }

    @Test func workedExample() throws {
        let results = try engine.search("learning", options: SearchOptions(limit: 10))
        #expect(results.hits.map(\.id) == ["4", "1"])
        #expect(results.hits.map { -$0.score } == [-0.9391451740894194, -0.7293144735878788])
        let weighted = try engine.search("learning", options: SearchOptions(limit: 10, weights: ColumnWeights([10, 1])))
        #expect(weighted.hits.map { -$0.score } == [-1.1817714317188475, -1.1337687601361537])
        let both = try engine.search("learning python", options: SearchOptions(limit: 10))
        #expect(both.hits.map { -$0.score } == [-1.5460296006670586])
    }

    @Test func explainRebuildsTheScore() throws {
        let explanation = try #require(try engine.explain("learning python", ordinal: 4))
        #expect(explanation.value == 1.5460296006670586)
        #expect(explanation.children.count == 2)
        #expect(explanation.children.map(\.children.count) == [3, 3])
        #expect(explanation.children[0].children[0].label.contains("N = 6, n = 2"))
        #expect(try engine.explain("learning python", ordinal: 1) == nil)
    }
}
