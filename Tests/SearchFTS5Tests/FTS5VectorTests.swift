import Foundation
import SearchEngine
import Testing
import TestSupport
@testable import SearchFTS5

/// The FTS5 backend reproduces the measured SQLite 3.40 vectors in ../shared/docs/fts5-vectors/ bit for bit.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct FTS5VectorTests {
    /// `bm25-vectors.jsonl`: 140 small tables, nested queries and weights; expected scores as IEEE-754 hex.
    @Test func bm25VectorsAgreeBitForBit() throws {
        let cases = try JSONFixtures.lines(SharedData.vectors("bm25-vectors.jsonl"))
        #expect(cases.count == 140)
        for vector in cases {
            let name = vector["name"] as? String ?? "?"
            let create = try #require(vector["create"] as? String)
            let columnList = try #require(create.split(separator: "(").last?.split(separator: ")").first)
            let columns = columnList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let rows = try #require(vector["rows"] as? [[Any]])
            let documents = rows.map { row in
                IndexedDocument(id: "\(row[0])", columns: (row[1] as? [Any] ?? []).map { $0 as? String ?? "" })
            }
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("t.sqlite")
            try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: ColumnSchema(names: columns),
                                                                   tokenizer: TokenizerConfiguration(removeDiacritics: 1)),
                                      documents: documents)
            let backend = try FTS5Backend(path: path)
            let weights = ColumnWeights((vector["weights"] as? [Double]) ?? [])
            let results = try backend.search(try #require(vector["query"] as? String),
                                             options: SearchOptions(limit: 1_000_000, weights: weights))
            let expected = try #require(vector["expected"] as? [[Any]])
            let expectedBits = Dictionary(uniqueKeysWithValues: expected.map { ("\($0[0])", $0[2] as? String ?? "") })
            let actualBits = Dictionary(uniqueKeysWithValues: results.hits.map { ($0.id, bitsHex(-$0.score)) })
            #expect(actualBits == expectedBits, "\(name)")
            #expect(results.totalMatches == expected.count, "\(name)")
        }
    }

    /// `bm25-pyvideo.jsonl`: 200 top-20 lists over the real corpus (title, description), two tokenizers.
    @Test(arguments: ["unicode61", "porter"])
    func pyvideoTop20AgreeBitForBit(config: String) throws {
        let cases = try JSONFixtures.lines(SharedData.vectors("bm25-pyvideo.jsonl")).filter { $0["config"] as? String == config }
        #expect(cases.count == 100)
        let talks = try JSONFixtures.lines(SharedData.pyvideoCatalog)
        let documents = talks.enumerated().map { index, talk in
            IndexedDocument(id: String(index + 1), columns: [talk["title"] as? String ?? "", talk["description"] as? String ?? ""])
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("pyvideo.sqlite")
        let tokenizer = TokenizerConfiguration(porter: config.hasPrefix("porter"), removeDiacritics: 1)
        try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: ColumnSchema(names: ["title", "description"]), tokenizer: tokenizer),
                                  documents: documents)
        let backend = try FTS5Backend(path: path)
        for vector in cases {
            let query = try #require(vector["query"] as? String)
            let weights = ColumnWeights((vector["weights"] as? [Double]) ?? [])
            let results = try backend.search(query, options: SearchOptions(limit: 20, weights: weights))
            let expected = try #require(vector["top20"] as? [[Any]])
            #expect(results.totalMatches == vector["match_count"] as? Int, "\(query)")
            #expect(results.hits.map(\.ordinal) == expected.map { Int64($0[0] as? Int ?? 0) }, "\(query) \(weights)")
            #expect(results.hits.map { bitsHex(-$0.score) } == expected.map { $0[2] as? String ?? "" }, "\(query)")
        }
    }
}
