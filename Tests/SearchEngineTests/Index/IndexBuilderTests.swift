import Foundation
import TalkCatalog
import Testing
import TestSupport
@testable import SearchEngine

@Suite struct IndexBuilderTests {
    /// 1,200 documents of random words from a small vocabulary, so runs share most terms.
    static func documents() -> [IndexedDocument] {
        var random = SeededRandom(seed: 77)
        let words = ["deep", "learning", "networks", "robust", "robustness", "poincaré", "data", "sampling", "geometry", "x"]
            + (0..<300).map { "w\($0)" }
        return (0..<1_200).map { index in
            let columns = (0..<3).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            }
            return IndexedDocument(id: "d\(index)", columns: columns, stored: "{\"n\":\(index)}")
        }
    }

    static func fileBytes(parallelism: Int, directory: TemporaryDirectory) throws -> Data {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["a", "b", "c"]), tokenizer: .porter, parallelism: parallelism)
        for document in documents() { builder.add(document) }
        let index = builder.build()
        #expect(index.checkInvariants().isEmpty)
        let path = directory.file("p\(parallelism).tsidx")
        try index.write(to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func theIndexDoesNotDependOnTheNumberOfThreads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let single = try Self.fileBytes(parallelism: 1, directory: directory)
        for threads in [2, 3, 4] {
            #expect(try Self.fileBytes(parallelism: threads, directory: directory) == single, "\(threads) threads")
        }
    }

    @Test func postingsOfATermSpanningRunsAreJoinedInOrdinalOrder() throws {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["a", "b", "c"]), tokenizer: .porter, parallelism: 4)
        let documents = Self.documents()
        for document in documents { builder.add(document) }
        let index = builder.build()
        let list = try #require(try index.postings(for: Array("deep".utf8)))
        let expected = documents.indices.filter { documents[$0].columns.contains { $0.split(separator: " ").contains("deep") } }
        #expect(list.documents == expected.map { Int32($0 + 1) })
    }

    /// A token longer than FTS5_MAX_TOKEN_SIZE is indexed (term and word) as its first 32,768 bytes,
    /// and the query parser cuts the same word to the same term; shorter words are stemmed as usual.
    @Test func longTokensAreCutToTheMaximumTokenSize() throws {
        let long = String(repeating: "q", count: QueryParser.maximumTokenBytes + 100)
        let cut = Array(long.utf8.prefix(QueryParser.maximumTokenBytes))
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["a"]), tokenizer: .porter)
        builder.add(IndexedDocument(id: "d1", columns: ["\(long) running"]))
        builder.add(IndexedDocument(id: "d2", columns: ["runs \(long)x"]))
        let index = builder.build()
        #expect(try index.postings(for: cut)?.documents == [1, 2])
        #expect(try index.postings(for: Array("run".utf8))?.documents == [1, 2])
        let words = try index.words()
        #expect(words.frequency(of: cut) == 2)
        let hits = try EngineBackend(index: index).search(long, options: SearchOptions(limit: 5)).hits.map(\.id)
        #expect(Set(hits) == ["d1", "d2"])
    }
}
