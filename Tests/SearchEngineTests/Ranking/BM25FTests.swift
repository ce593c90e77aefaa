import Foundation
import Testing
@testable import SearchEngine

@Suite struct BM25FTests {
    /// Two columns; `learning` in the title of document 1 and twice in the body of document 2.
    @Test func formulaByHand() throws {
        let engine = try EngineBackend(documents: [
            IndexedDocument(id: "1", columns: ["learning python", "a b c d"]),
            IndexedDocument(id: "2", columns: ["web", "learning learning x"]),
            IndexedDocument(id: "3", columns: ["other", "words"]),
        ], schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        let results = try engine.search("learning", options: SearchOptions(limit: 10, weights: ColumnWeights([2, 1]), scoring: .bm25f))
        // N = 3, n = 2; average title length 4/3, average body length 8/3.
        let idf = log(1.0 + (3.0 - 2.0 + 0.5) / (2.0 + 0.5))
        func score(_ tf: Double) -> Double { idf * tf * 2.2 / (tf + 1.2) }
        let document1 = 2.0 * 1.0 / (0.25 + 0.75 * 2.0 / (4.0 / 3.0))
        let document2 = 1.0 * 2.0 / (0.25 + 0.75 * 3.0 / (8.0 / 3.0))
        #expect(results.hits.map(\.id) == (score(document1) > score(document2) ? ["1", "2"] : ["2", "1"]))
        let byID = Dictionary(uniqueKeysWithValues: results.hits.map { ($0.id, $0.score) })
        #expect(abs(byID["1"]! - score(document1)) < 1e-12)
        #expect(abs(byID["2"]! - score(document2)) < 1e-12)
    }

    @Test func idfNeverGoesNegative() {
        #expect(BM25F.idf(documentCount: 10, documentFrequency: 10) > 0)
        #expect(BM25F.idf(documentCount: 10, documentFrequency: 9) > BM25F.idf(documentCount: 10, documentFrequency: 10))
    }

    @Test func matchesAreTheSameAsWithFTS5Scoring() throws {
        let engine = try EngineBackend(documents: (1...50).map { IndexedDocument(id: "\($0)", columns: ["t\($0 % 7) common", "b\($0 % 5) common x"]) },
                                       schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        for query in ["common", "t3 OR b2", "NEAR(common x)", "title:common NOT t1"] {
            let exact = try engine.search(query, options: SearchOptions(limit: 100))
            let fielded = try engine.search(query, options: SearchOptions(limit: 100, scoring: .bm25f))
            #expect(exact.totalMatches == fielded.totalMatches)
            #expect(Set(exact.hits.map(\.id)) == Set(fielded.hits.map(\.id)), "\(query)")
        }
    }
}
