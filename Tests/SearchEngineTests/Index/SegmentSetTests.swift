import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// Segments with deletions answer exactly as one index built from their live documents: the same
/// hits (rowids), bm25 bits, totals, facets and filters, and the same statistics.
@Suite struct SegmentSetTests {
    static let schema = ColumnSchema(names: ["title", "speakers", "description"])
    static let keywordFields = ["event", "year"]
    static let words = ["deep", "learning", "networks", "robust", "python", "data", "graph", "kernel", "sparse", "model",
                        "random", "matrix", "tensor", "privacy", "fair", "causal", "bayes", "markov", "signal", "noise"]

    /// 300 random documents, rowids 1...300.
    static func documents(seed: UInt64 = 7) -> [IndexedDocument] {
        var random = SeededRandom(seed: seed)
        func text(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        return (1...300).map { number in
            IndexedDocument(id: "talk-\(number)", columns: [text(1...6), text(1...2), text(0...30)], stored: "{\"n\":\(number)}",
                            keywords: [["event-\(number % 4)"], ["\(2015 + number % 6)"]], rowid: Int64(number))
        }
    }

    /// The documents split into three segments with some deleted, and some of the deleted ones added
    /// again (new rowids) as a fourth segment, as updates leave an index; and the live documents in
    /// rowid order.
    static func scenario() throws -> (segments: [InvertedIndex], deletions: [[Int32]], live: [IndexedDocument]) {
        let all = documents()
        var random = SeededRandom(seed: 11)
        let cuts = [0..<120, 120..<200, 200..<300]
        var segments: [InvertedIndex] = []
        var deletions: [[Int32]] = []
        var live: [IndexedDocument] = []
        var replaced: [IndexedDocument] = []
        for cut in cuts {
            let part = Array(all[cut])
            segments.append(try build(part))
            var deleted: [Int32] = []
            for (local, document) in part.enumerated() {
                if Double.random(in: 0..<1, using: &random) < 0.15 {
                    deleted.append(Int32(local + 1))
                    if replaced.count < 25 { replaced.append(document) }
                } else {
                    live.append(document)
                }
            }
            deletions.append(deleted)
        }
        let again = replaced.enumerated().map { offset, document in
            var copy = document
            copy.rowid = Int64(301 + offset)
            copy.columns[0] += " replaced"
            return copy
        }
        segments.append(try build(again))
        deletions.append([2])
        live += again.enumerated().filter { $0.offset != 1 }.map(\.element)
        return (segments, deletions, live)
    }

    static func build(_ documents: [IndexedDocument]) throws -> InvertedIndex {
        var builder = try IndexBuilder(schema: schema, tokenizer: .porter, keywordFields: keywordFields)
        for document in documents { builder.add(document) }
        return builder.build()
    }

    static func queries() -> [String] {
        var generator = QueryGenerator(seed: 5, common: Array(words.prefix(8)), rare: Array(words.suffix(12)) + ["replaced"],
                                       columns: schema.names)
        return (0..<250).map { _ in generator.valid() } + ["replaced", "rep*", "\"deep learning\"", "NEAR(deep model, 3)"]
    }

    @Test func segmentsAnswerAsOneIndexOfTheirLiveDocuments() throws {
        let (segments, deletions, live) = try Self.scenario()
        let segmented = try InvertedIndex(segments: segments, deletions: deletions)
        let reference = try Self.build(live)
        #expect(segmented.documentCount == reference.documentCount)
        #expect(segmented.totalTokens == reference.totalTokens)
        #expect(segmented.columnTotals == reference.columnTotals)
        #expect(segmented.termCount == reference.termCount)
        #expect(segmented.segmentCount == 4 && segmented.ordinalCount == 325)
        #expect(segmented.checkInvariants() == [])
        try Self.expectSameAnswers(EngineBackend(index: segmented), EngineBackend(index: reference))
    }

    @Test func fileSegmentsAnswerAsTheSameInMemory() throws {
        let (segments, deletions, live) = try Self.scenario()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var files: [InvertedIndex] = []
        for (slot, segment) in segments.enumerated() {
            let path = directory.file("engine-\(slot).tsidx")
            try segment.write(to: path)
            files.append(try InvertedIndex.open(path: path))
        }
        let segmented = try InvertedIndex(segments: files, deletions: deletions)
        #expect(segmented.checkInvariants() == [])
        try Self.expectSameAnswers(EngineBackend(index: segmented), EngineBackend(index: try Self.build(live)))
    }

    static func expectSameAnswers(_ segmented: EngineBackend, _ reference: EngineBackend) throws {
        var options = SearchOptions(limit: 15)
        options.facets = [FacetRequest(field: "event", limit: 10), FacetRequest(field: "year", limit: 10)]
        var filtered = SearchOptions(limit: 5)
        filtered.offset = 2
        filtered.filters = [KeywordCondition(field: "year", test: .between(lower: "2016", upper: "2018"))]
        filtered.snippet = SnippetRequest(column: 2, markers: HighlightMarkers(open: "[", close: "]"), ellipsis: "…", tokens: 6)
        var checked = 0
        for query in queries() {
            for options in [options, filtered] {
                let expected = Result { try reference.search(query, options: options) }
                let actual = Result { try segmented.search(query, options: options) }
                switch (expected, actual) {
                case (.success(let expected), .success(let actual)):
                    #expect(actual == expected, "\(query)")
                    if actual.totalMatches > 0 { checked += 1 }
                case (.failure(let expected), .failure(let actual)):
                    #expect("\(actual)" == "\(expected)", "\(query)")
                default:
                    Issue.record("\(query): \(expected) vs \(actual)")
                }
            }
        }
        #expect(checked > 200, "enough queries match something")
        let hit = try #require(try reference.search("replaced", options: SearchOptions(limit: 1)).hits.first)
        #expect(try segmented.explain("replaced", ordinal: hit.ordinal) == reference.explain("replaced", ordinal: hit.ordinal))
    }

    @Test func documentsAreFoundByIDAndRowidOnlyWhileLive() throws {
        let (segments, deletions, live) = try Self.scenario()
        let segmented = try InvertedIndex(segments: segments, deletions: deletions)
        for document in live {
            let ordinal = try #require(try segmented.ordinal(ofID: document.id), "\(document.id)")
            #expect(segmented.rowid(ordinal) == document.rowid)
            #expect(segmented.ordinal(ofRowid: document.rowid!) == ordinal)
            #expect(try segmented.document(ordinal) == document)
        }
        let liveIDs = Set(live.map(\.id))
        for document in Self.documents() where !liveIDs.contains(document.id) {
            #expect(try segmented.ordinal(ofID: document.id) == nil, "\(document.id) was deleted")
            #expect(segmented.ordinal(ofRowid: document.rowid!) == nil)
        }
    }

    @Test func segmentsThatDoNotFitAreRefused() throws {
        let all = Self.documents()
        let first = try Self.build(Array(all[0..<10])), second = try Self.build(Array(all[5..<20]))
        let overlap = try #require(throws: IndexFileError.self) { try InvertedIndex(segments: [first, second], deletions: [[], []]) }
        #expect(overlap.reason == "segment 1 starts at rowid 6, not above the previous segment's 10")
        let range = try #require(throws: IndexFileError.self) { try InvertedIndex(segments: [first], deletions: [[11]]) }
        #expect(range.reason == "segment 0: deleted document 11 is not in 1...10")
        var builder = try IndexBuilder(schema: Self.schema, tokenizer: .unicode61)
        builder.add(IndexedDocument(id: "x", columns: ["a", "b", "c"], rowid: 50))
        let otherTokenizer = builder.build()
        #expect(throws: IndexFileError.self) { try InvertedIndex(segments: [first, otherTokenizer], deletions: [[], []]) }
    }
}
