import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct KeywordFieldsTests {
    static let documents: [IndexedDocument] = [
        IndexedDocument(id: "a", columns: ["deep learning", "", ""], keywords: [["PyCon 2019"], ["2019"], ["José", "Ann", "Ann"]]),
        IndexedDocument(id: "b", columns: ["deep networks", "", ""], keywords: [["EuroPython"], ["2017"], ["Jose\u{301}"]]),
        IndexedDocument(id: "c", columns: ["learning", "", ""], keywords: [["PyCon 2019"]]),
        IndexedDocument(id: "d", columns: ["deep", "", ""], keywords: []),
    ]

    static func engine() throws -> EngineBackend {
        try EngineBackend(documents: documents, schema: ColumnSchema(names: ["t", "s", "d"]), tokenizer: .unicode61,
                          keywordFields: ["event", "year", "speaker"])
    }

    @Test func valuesAreDistinctBytesInByteOrderAndCountedOncePerDocument() throws {
        let fields = try Self.engine().index.keywordFields()
        let speaker = try #require(fields.field(named: "speaker"))
        // "José" precomposed and decomposed are two values, as they are to SQLite.
        #expect(speaker.values.map { Array($0.utf8) } == [Array("Ann".utf8), Array("Jose\u{301}".utf8), Array("José".utf8)])
        #expect(speaker.values(of: 1).count == 2, "Ann once")
        #expect(speaker.values(of: 3).isEmpty && speaker.values(of: 4).isEmpty)
        #expect(fields.field(named: "year")?.values == ["2017", "2019"])
    }

    /// Against a plain model (a set of byte strings per field, sorted; each document's values as the
    /// sorted set of their ranks) over random values with repeats, empty fields and missing fields.
    @Test func buildMatchesAPlainModel() {
        var random = SeededRandom(seed: 41)
        let pool = ["a", "b", "B", "ab", "", "José", "Jose\u{301}", "2019", "zz", "é"]
        let documents: [[[String]]] = (0..<500).map { _ in
            (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (0..<Int.random(in: 0...4, using: &random)).map { _ in pool.randomElement(using: &random)! }
            }
        }
        let fields = KeywordFields.build(names: ["f0", "f1", "f2"], documents: documents)
        for (field, built) in fields.fields.enumerated() {
            let values = Set(documents.flatMap { field < $0.count ? $0[field].map { Array($0.utf8) } : [] })
                .sorted { $0.lexicographicallyPrecedes($1) }
            #expect(built.values.map { Array($0.utf8) } == values)
            for (index, document) in documents.enumerated() {
                let own = field < document.count ? Set(document[field].map { Array($0.utf8) }) : []
                let expected = own.map { UInt32(values.firstIndex(of: $0)!) }.sorted()
                #expect(Array(built.ids(of: Int32(index + 1))) == expected, "field \(field) document \(index + 1)")
            }
        }
    }

    /// Segments' fields concatenated: every part's values in byte order (NFC and NFD apart), each
    /// live document's ids renumbered into them, a dropped document with none; against building the
    /// fields from all the documents at once, values first seen in other orders in each part.
    @Test func concatenatedPartsMatchOneBuild() {
        var random = SeededRandom(seed: 43)
        // Later parts bring values that sort before earlier parts' ones.
        let pools = [["zz", "é", "b"], ["a", "Jose\u{301}", "b"], ["", "ab", "José", "a"]]
        let parts: [[[[String]]]] = pools.map { pool in
            (0..<Int.random(in: 6...40, using: &random)).map { _ in
                (0..<2).map { _ in (0..<Int.random(in: 0...3, using: &random)).map { _ in pool.randomElement(using: &random)! } }
            }
        }
        let dropped: Set<[Int]> = [[0, 2], [1, 1], [2, 5]]
        let built = parts.map { KeywordFields.build(names: ["f", "g"], documents: $0) }
        let joined = KeywordFields.concatenate(built) { part, local in dropped.contains([part, Int(local)]) }
        let all = KeywordFields.build(names: ["f", "g"], documents: parts.flatMap { $0 })
        var ordinal: Int32 = 0
        for (part, documents) in parts.enumerated() {
            for local in 1...documents.count {
                ordinal += 1
                for field in 0..<2 {
                    let expected = dropped.contains([part, local]) ? [] : all.fields[field].values(of: ordinal)
                    #expect(joined.fields[field].values(of: ordinal) == expected, "part \(part) document \(local)")
                }
            }
        }
        #expect(joined.fields.map(\.values) == all.fields.map(\.values))
    }

    @Test func conditionsTestExactBytesAndInclusiveRanges() {
        let range = KeywordCondition(field: "year", test: .between(lower: "2017", upper: "2019"))
        #expect(range.accepts("2017") && range.accepts("2019") && !range.accepts("2016") && !range.accepts("2020"))
        #expect(KeywordCondition(field: "year", test: .between(lower: nil, upper: "2018")).accepts("1999"))
        #expect(KeywordCondition(field: "year", test: .between(lower: "2018", upper: nil)).accepts("2025"))
        let name = KeywordCondition(field: "speaker", test: .anyOf(["José"]))
        #expect(name.accepts("José") && !name.accepts("Jose\u{301}") && !name.accepts("josé"))
    }

    @Test func filtersSelectMatchesWithoutChangingScores() throws {
        let engine = try Self.engine()
        let all = try engine.search("deep OR learning", options: SearchOptions(limit: 10))
        var options = SearchOptions(limit: 10)
        options.filters = [KeywordCondition(field: "event", test: .anyOf(["PyCon 2019"]))]
        let filtered = try engine.search("deep OR learning", options: options)
        #expect(filtered.totalMatches == 2)
        #expect(filtered.hits.map(\.id) == all.hits.filter { ["a", "c"].contains($0.id) }.map(\.id))
        for hit in filtered.hits { #expect(hit.score == all.hits.first { $0.id == hit.id }?.score) }
        options.filters.append(KeywordCondition(field: "year", test: .anyOf(["2019"])))
        #expect(try engine.search("deep OR learning", options: options).hits.map(\.id) == ["a"])
    }

    @Test func facetsCountMatchesByCountThenValue() throws {
        var options = SearchOptions(limit: 0)
        options.facets = [FacetRequest(field: "speaker", limit: 2), FacetRequest(field: "event", limit: 5)]
        let results = try Self.engine().search("deep", options: options)
        #expect(results.hits.isEmpty && results.totalMatches == 3)
        #expect(results.facets == [
            Facet(field: "speaker", counts: [Facet.Count(value: "Ann", count: 1), Facet.Count(value: "Jose\u{301}", count: 1)], distinctValues: 3),
            Facet(field: "event", counts: [Facet.Count(value: "EuroPython", count: 1), Facet.Count(value: "PyCon 2019", count: 1)], distinctValues: 2),
        ])
    }

    @Test func pagesAreSlicesOfTheWholeRanking() throws {
        let engine = try Self.engine()
        let whole = try engine.search("deep OR learning", options: SearchOptions(limit: 10)).hits
        for offset in 0...4 {
            var options = SearchOptions(limit: 2)
            options.offset = offset
            #expect(try engine.search("deep OR learning", options: options).hits == Array(whole.dropFirst(offset).prefix(2)))
        }
    }

    @Test func unknownFieldsAreErrors() throws {
        var options = SearchOptions()
        options.filters = [KeywordCondition(field: "venue", test: .anyOf(["x"]))]
        #expect(throws: SearchError.invalidFilter("no keyword field \"venue\" (the index has: event, year, speaker)")) {
            try Self.engine().search("deep", options: options)
        }
        options.filters = []
        options.facets = [FacetRequest(field: "venue")]
        #expect(throws: SearchError.invalidFilter("no keyword field \"venue\" to count (the index has: event, year, speaker)")) {
            try Self.engine().search("deep", options: options)
        }
    }
}
