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
        let cases = try FTS5Vectors.bm25Cases()
        #expect(cases.count == 140)
        for vector in cases {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("t.sqlite")
            try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: vector.columns, tokenizer: FTS5Vectors.tokenizer("unicode61")),
                                      documents: vector.documents)
            let results = try FTS5Backend(path: path).search(vector.query, options: SearchOptions(limit: 1_000_000, weights: vector.weights))
            #expect(Dictionary(uniqueKeysWithValues: results.hits.map { ($0.id, bitsHex(-$0.score)) }) == vector.expectedBits, "\(vector.name)")
            #expect(results.totalMatches == vector.expectedBits.count, "\(vector.name)")
        }
    }

    /// `bm25-pyvideo.jsonl`: 200 top-20 lists over the real corpus (title, description), two tokenizers.
    @Test(arguments: ["unicode61", "porter"])
    func pyvideoTop20AgreeBitForBit(config: String) throws {
        let cases = try FTS5Vectors.pyvideoCases(config: config)
        #expect(cases.count == 100)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("pyvideo.sqlite")
        try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: ColumnSchema(names: ["title", "description"]), tokenizer: FTS5Vectors.tokenizer(config)),
                                  documents: try FTS5Vectors.pyvideoTitleDescriptionDocuments())
        let backend = try FTS5Backend(path: path)
        for vector in cases {
            for problem in FTS5Vectors.check(backend, vector) { Issue.record("\(problem)") }
        }
    }
}
