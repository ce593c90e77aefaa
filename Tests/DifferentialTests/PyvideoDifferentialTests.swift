import Foundation
import SearchEngine
import SearchFTS5
import Testing
import TestSupport

/// The engine against SQLite FTS5 over the 21,715-talk pyvideo catalog: 100% agreement or failure.
///
/// Not serialized: this suite is most of the test run's time, and its tests (each opening its own FTS5
/// connection over fixtures built once, ``Fixtures``) run side by side on every core.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct PyvideoDifferentialTests {
    /// The 400 public queries at limits 10 and 1000, weights (1,1,1) and (10,5,1), both tokenizers.
    @Test(arguments: ["unicode61", "porter"])
    func publicQueries(tokenizer: String) throws {
        let pair = try Fixtures.pyvideo(tokenizer)
        let reference = try pair.fts5()
        let queries = try Fixtures.publicQueries()
        #expect(queries.count == 400)
        for limit in [10, 1000] {
            for weights in [ColumnWeights.uniform, ColumnWeights([10, 5, 1])] {
                let options = SearchOptions(limit: limit, weights: weights)
                for (id, query) in queries {
                    if let difference = pair.difference(query, options: options, reference: reference) {
                        Issue.record("\(id) \(query) [\(tokenizer), limit \(limit), weights \(weights.values)]: \(difference)")
                    }
                }
            }
        }
    }

    /// Highlights of every column and a description snippet on the top 10 of every public query.
    @Test func publicQueriesHighlightsAndSnippets() throws {
        let pair = try Fixtures.pyvideo("unicode61")
        let reference = try pair.fts5()
        var options = SearchOptions(limit: 10)
        options.highlight = HighlightMarkers(open: "[", close: "]")
        options.highlightColumns = [0, 1, 2]
        options.snippet = SnippetRequest(column: -1, markers: HighlightMarkers(open: "<", close: ">"), ellipsis: "...", tokens: 12)
        for (id, query) in try Fixtures.publicQueries() {
            if let difference = pair.difference(query, options: options, reference: reference) {
                Issue.record("\(id) \(query): \(difference)")
            }
        }
    }

    /// 2,000 generated queries of every shape and 500 token soups per tokenizer; seeds fixed and printed.
    @Test(arguments: [("unicode61", UInt64(20261125)), ("porter", UInt64(31415926))])
    func randomizedQueries(tokenizer: String, seed: UInt64) throws {
        let pair = try Fixtures.pyvideo(tokenizer)
        let reference = try pair.fts5()
        let words = Fixtures.pyvideoWords
        var generator = QueryGenerator(seed: seed, common: words.common, rare: words.rare,
                                       columns: ["title", "speakers", "description", "Title", "nosuch"])
        var accepted = 0
        for number in 0..<2500 {
            let query = number < 2000 ? generator.valid() : generator.soup()
            let weights = number % 3 == 0 ? ColumnWeights([10, 5, 1]) : .uniform
            if let difference = pair.difference(query, options: SearchOptions(limit: 20, weights: weights), reference: reference) {
                Issue.record("seed \(seed) query #\(number) \(query.debugDescription) [\(tokenizer)]: \(difference)")
            }
            if (try? reference.search(query, options: SearchOptions(limit: 0))) != nil { accepted += 1 }
        }
        // The generator must exercise both sides: mostly valid queries, and a real share of rejected ones.
        #expect(accepted > 1500 && accepted < 2450, "accepted \(accepted) of 2500")
    }

    /// Layer 1: every talk tokenized by SQLite (fts5vocab 'instance') and by our analyzer, token for token.
    @Test(arguments: ["unicode61", "porter"])
    func everyTokenOfTheCatalog(tokenizer: String) throws {
        let pair = try Fixtures.pyvideo(tokenizer)
        let reference = try pair.fts5()
        let documents = try Fixtures.pyvideoDocuments.get()
        let analyzer = try Analyzer(pair.tokenizer)
        // Terms are compared as bytes: Swift's String equality would equate NFC and NFD spellings.
        var expected: [Int64: [[[UInt8]]]] = [:]
        var mismatches = 0
        try reference.forEachIndexedToken { rowid, column, offset, term in
            var columns = expected[rowid] ?? Array(repeating: [], count: 3)
            #expect(columns[column].count == offset)
            columns[column].append(Array(term.utf8))
            expected[rowid] = columns
        }
        for (index, document) in documents.enumerated() {
            let wanted = expected[Int64(index + 1)] ?? Array(repeating: [], count: 3)
            for column in 0..<3 {
                let ours = analyzer.tokens(document.columns[column]).map { Array($0.term.utf8) }
                if ours != wanted[column] {
                    mismatches += 1
                    if mismatches <= 5 { Issue.record("\(document.id) column \(column): ours \(ours.prefix(20).map { String(decoding: $0, as: UTF8.self) }) vs SQLite \(wanted[column].prefix(20).map { String(decoding: $0, as: UTF8.self) })") }
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Layer 2: the vocabulary and every document frequency.
    @Test(arguments: ["unicode61", "porter"])
    func vocabularyAndDocumentFrequencies(tokenizer: String) throws {
        let pair = try Fixtures.pyvideo(tokenizer)
        let vocabulary = try pair.fts5().vocabulary()
        let index = pair.engine.index
        #expect(index.termCount == vocabulary.count)
        // Keyed by bytes: Swift's String equality would equate NFC and NFD spellings of a term.
        var ours: [[UInt8]: Int] = [:]
        for slot in 0..<index.termCount {
            let entry = try index.term(at: slot)
            ours[entry.term] = entry.documentFrequency
        }
        var mismatches = 0
        for (term, documents) in vocabulary where ours[Array(term.utf8)] != documents {
            mismatches += 1
            if mismatches <= 5 { Issue.record("\(term): ours \(ours[Array(term.utf8)] ?? 0), SQLite \(documents)") }
        }
        #expect(mismatches == 0)
        #expect(index.checkInvariants().isEmpty)
    }

    /// The measured vectors of `bm25-pyvideo.jsonl` (columns title, description), bit for bit.
    @Test(arguments: ["unicode61", "porter"])
    func sharedPyvideoVectors(config: String) throws {
        let engine = try EngineBackend(documents: try FTS5Vectors.pyvideoTitleDescriptionDocuments(),
                                       schema: ColumnSchema(names: ["title", "description"]), tokenizer: FTS5Vectors.tokenizer(config))
        let cases = try FTS5Vectors.pyvideoCases(config: config)
        #expect(cases.count == 100)
        for vector in cases {
            for problem in FTS5Vectors.check(engine, vector) { Issue.record("\(problem)") }
        }
    }
}
