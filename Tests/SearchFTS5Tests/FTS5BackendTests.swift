import Foundation
import SearchEngine
import Testing
import TestSupport
@testable import SearchFTS5

/// The FTS5 backend over the seed catalog's six talks (columns title, speakers, description).
@Suite struct FTS5BackendTests {
    let directory: TemporaryDirectory
    let backend: FTS5Backend

    init() throws {
        directory = try TemporaryDirectory()
        let path = directory.file("fts5.sqlite")
        try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Fixtures.columns, tokenizer: .unicode61),
                                  documents: Fixtures.seedDocuments)
        backend = try FTS5Backend(path: path)
    }

    @Test func countsAndRanksMatches() throws {
        let results = try backend.search("robustness", options: SearchOptions(limit: 10))
        #expect(results.totalMatches == 2)
        #expect(results.hits.map(\.ordinal) == [2, 5])
        #expect(results.hits.map(\.id) == [Fixtures.seedDocuments[1].id, Fixtures.seedDocuments[4].id])
        #expect(results.hits.allSatisfy { $0.score > 0 })
        #expect(results.hits[0].score > results.hits[1].score)
        #expect(results.hits[0].stored == "stored-2")
        #expect(backend.documentCount == 6)
    }

    /// bm25 of `fawzi` over six rows: N = 6, n = 2, IDF = ln(4.5/2.5); tf = 1 in a 2-token speakers
    /// column; D differs by title length only. The score is recomputed here in FTS5's operation order.
    @Test func scoreIsNegatedBM25() throws {
        let results = try backend.search("speakers:fawzi", options: SearchOptions(limit: 10))
        let totalTokens = Fixtures.seedDocuments.reduce(0) { $0 + Fixtures.tokenCount($1) }
        let avgdl = Double(totalTokens) / 6.0
        let idf = log((Double(6 - 2) + 0.5) / (Double(2) + 0.5))
        for hit in results.hits {
            let document = Fixtures.seedDocuments[Int(hit.ordinal) - 1]
            let length = Double(Fixtures.tokenCount(document))
            let k = 1.2 * ((1.0 - 0.75) + (0.75 * length) / avgdl)
            let expected = -1.0 * (0.0 + idf * ((1.0 * (1.2 + 1.0)) / (1.0 + k)))
            #expect(bitsHex(hit.score) == bitsHex(-expected))
        }
    }

    @Test func equalScoresComeInAscendingRowidOrder() throws {
        // Zero weights make every tf 0, so every matching row scores -0.0: one big tie.
        let results = try backend.search("learning OR robustness OR ethics", options: SearchOptions(limit: 10, weights: ColumnWeights([0, 0, 0])))
        #expect(results.totalMatches == 6)
        #expect(results.hits.map(\.ordinal) == results.hits.map(\.ordinal).sorted())
        #expect(Set(results.hits.map(\.score)).count == 1)
    }

    @Test func limitKeepsTheBestAndTotalCountsAll() throws {
        let all = try backend.search("learning OR deep OR robustness", options: SearchOptions(limit: 100))
        let top2 = try backend.search("learning OR deep OR robustness", options: SearchOptions(limit: 2))
        let none = try backend.search("learning OR deep OR robustness", options: SearchOptions(limit: 0))
        #expect(top2.hits == Array(all.hits.prefix(2)))
        #expect(top2.totalMatches == all.totalMatches && none.totalMatches == all.totalMatches)
        #expect(none.hits.isEmpty)
    }

    @Test func weightsMultiplyColumnTermFrequencies() throws {
        let plain = try backend.search("machine", options: SearchOptions(limit: 10))
        let boosted = try backend.search("machine", options: SearchOptions(limit: 10, weights: ColumnWeights([10, 1, 1])))
        #expect(plain.hits.map(\.ordinal) == boosted.hits.map(\.ordinal))
        #expect(zip(plain.hits, boosted.hits).allSatisfy { $1.score > $0.score })
    }

    @Test(arguments: [
        ("deep OR", #"fts5: syntax error near """#),
        ("NOT deep", #"fts5: syntax error near "NOT""#),
        (#""unterminated"#, "unterminated string"),
        ("nosuch:deep", "no such column: nosuch"),
        ("NEAR(a b, x)", #"expected integer, got "x""#),
        ("deep (learning)", #"fts5: syntax error near "deep""#),
        ("deep (learning OR python)", #"fts5: syntax error near "OR""#),
    ])
    func rejectedQueriesCarryFTS5sMessage(query: String, message: String) {
        #expect(throws: SearchError.invalidQuery(message: message, position: nil)) {
            try backend.search(query, options: SearchOptions())
        }
    }

    @Test func highlightsMatchedTokensInRequestedColumns() throws {
        var options = SearchOptions(limit: 1)
        options.highlight = HighlightMarkers(open: "[", close: "]")
        options.highlightColumns = [0, 1]
        let hit = try #require(try backend.search("fawzi robustness", options: options).hits.first)
        #expect(hit.highlights[0] == "Fundamental Limitations on Adversarial [Robustness]")
        #expect(hit.highlights[1] == "[Fawzi], H")
    }

    @Test func aFileThatIsNotAnIndexIsRefused() throws {
        let path = try directory.write("other.sqlite", "not a database at all, just text")
        #expect(throws: SQLiteError.self) { try FTS5Backend(path: path) }
        #expect(throws: SQLiteError.self) { try FTS5Backend(path: directory.file("missing.sqlite")) }
    }

    @Test func buildingOverAnExistingFileIsRefused() throws {
        let path = directory.file("fts5.sqlite")
        #expect(throws: SQLiteError.self) {
            try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Fixtures.columns, tokenizer: .unicode61), documents: [])
        }
    }
}

/// The seed catalog's talks as documents, written out so these tests do not depend on TalkCatalog.
enum Fixtures {
    static let columns = ColumnSchema(names: ["title", "speakers", "description"])

    static let seedDocuments: [IndexedDocument] = [
        ("A Stable Learning Framework", "Thesing, L"),
        ("Fundamental Limitations on Adversarial Robustness", "Fawzi, H"),
        ("Meta Modelling and Deploying Machine Learning Software", "Lawrence, N"),
        ("Privacy Preserving Machine Learning: A Human Imperative?", "Strohmer, T"),
        ("Robustness and Geometry of Deep Neural Networks", "Fawzi, A"),
        ("The Ethics of Algorithmic Decision Making", "Boon, J"),
    ].enumerated().map { index, talk in
        IndexedDocument(id: "seed/\(index + 1)", columns: [talk.0, talk.1, ""], stored: "stored-\(index + 1)")
    }

    /// Word count of a document whose text is plain ASCII words and punctuation.
    static func tokenCount(_ document: IndexedDocument) -> Int {
        document.columns.reduce(0) { count, text in
            count + text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count
        }
    }
}
