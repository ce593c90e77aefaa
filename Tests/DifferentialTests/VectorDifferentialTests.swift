import Foundation
import SearchEngine
import Testing
import TestSupport

/// The engine against the measured SQLite 3.40 vectors of ../shared/docs/fts5-vectors/.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct VectorDifferentialTests {
    /// `bm25-vectors.jsonl`: 140 small tables with nested queries and weights; bm25 bits compared.
    @Test func bm25Vectors() throws {
        for vector in try FTS5Vectors.bm25Cases() {
            let engine = try EngineBackend(documents: vector.documents, schema: vector.columns, tokenizer: FTS5Vectors.tokenizer("unicode61"))
            let results = try engine.search(vector.query, options: SearchOptions(limit: 1_000_000, weights: vector.weights))
            #expect(Dictionary(uniqueKeysWithValues: results.hits.map { ($0.id, bitsHex(-$0.score)) }) == vector.expectedBits,
                    "\(vector.name) \(vector.query)")
        }
    }

    /// `query-syntax.jsonl`: 171 queries accepted (with their matching rows) or rejected (with the message).
    @Test func querySyntaxVectors() throws {
        let table = try #require(try JSONFixtures.object(SharedData.vectors("query-syntax-table.json")) as? [String: Any])
        let rows = try #require(table["rows"] as? [[Any]])
        let documents = rows.map { row in IndexedDocument(id: "\(row[0])", columns: row.dropFirst().map { $0 as? String ?? "" }) }
        let engine = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["title", "body", "tags"]),
                                       tokenizer: TokenizerConfiguration(removeDiacritics: 1))
        let vectors = try JSONFixtures.lines(SharedData.vectors("query-syntax.jsonl"))
        #expect(vectors.count == 171)
        for vector in vectors {
            let query = try #require(vector["query"] as? String)
            let outcome = Result { () throws(SearchError) in try engine.search(query, options: SearchOptions(limit: 100)) }
            if vector["ok"] as? Bool == true {
                let rowids = (vector["rowids"] as? [Int]) ?? []
                #expect((try? outcome.get().hits.map(\.ordinal).sorted()) == rowids.map(Int64.init), "\(query)")
            } else {
                let message = vector["error"] as? String ?? "?"
                guard case .failure(let error) = outcome else {
                    Issue.record("\(query): accepted, SQLite says \(message)")
                    continue
                }
                #expect(error.description == message, "\(query)")
            }
        }
    }
}
