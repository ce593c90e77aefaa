import Foundation
import Testing
import TestSupport

/// `search` and `compare` with keyword filters, facets and pages, on the seed catalog.
@Suite struct FilterCommandTests {
    let seed: SeedIndex
    var directory: TemporaryDirectory { seed.directory }
    var index: String { seed.path }

    init() throws { seed = try SeedIndex() }

    @Test func filtersAndFacetsInTextOutput() throws {
        let output = try TalkSearchBinary.run(["search", "learning OR robustness", "--index", index, "--speaker", "Fawzi, A",
                                               "--speaker", "Thesing, L", "--facets", "speaker,year"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.maskingMeasurements == """
            2 talks match "learning OR robustness" (engine, #)
            1. 0.5592  Robustness and Geometry of Deep Neural Networks
                       Fawzi, A · The Mathematics of Deep Learning and Data Science · 2019-05-23
            2. 0.0000  A Stable Learning Framework
                       Thesing, L · The Mathematics of Deep Learning and Data Science · 2019-05-23
            Facets:
              speaker: Fawzi, A (1) · Thesing, L (1)
              year: 2019 (2)

            """)
    }

    @Test func bothBackendsGiveTheSameFacetsAndPagesInJSON() throws {
        var outputs: [String] = []
        for backend in ["engine", "fts5"] {
            let output = try TalkSearchBinary.run(["search", "deep OR learning OR robustness", "--index", index, "--backend", backend,
                                                   "--format", "json", "--facets", "speaker", "--facet-limit", "2",
                                                   "--limit", "2", "--offset", "1", "--year", "2018..2019", "--language", "eng"])
            #expect(output.status == 0, "\(output.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            #expect(object["offset"] as? Int == 1)
            let hits = try #require(object["hits"] as? [[String: Any]])
            #expect(hits.map { $0["rank"] as? Int } == [2, 3])
            let speaker = try #require((object["facets"] as? [String: Any])?["speaker"] as? [String: Any])
            #expect((speaker["values"] as? [Any])?.count == 2)
            outputs.append(output.standardOutput.replacingOccurrences(of: "\"backend\":\"\(backend)\"", with: ""))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func aFilterThatExcludesEverythingIsAnEmptyResultNotAnError() throws {
        let output = try TalkSearchBinary.run(["search", "learning", "--index", index, "--year", "2020.."])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("0 talks match \"learning\""))
    }

    @Test(arguments: [(["--year", "20x"], "The value '20x' is invalid for '--year <years>'"),
                      (["--year", "2020..2018"], "The value '2020..2018' is invalid for '--year <years>'"),
                      (["--facets", "venue"], "The value 'venue' is invalid for '--facets <fields>'")])
    func badFilterArgumentsAreClearErrors(arguments: [String], message: String) throws {
        let output = try TalkSearchBinary.run(["search", "learning", "--index", index] + arguments)
        #expect(output.status != 0)
        #expect(output.standardError.contains(message), "\(output.standardError)")
    }

    @Test func compareAgreesWithFiltersInSQL() throws {
        let queries = try directory.write("q.tsv", "a\tlearning\nb\tdeep OR robustness\n")
        let output = try TalkSearchBinary.run(["compare", "--queries", queries, "--catalog", SharedData.seedCatalog,
                                               "--speaker", "Fawzi, H", "--speaker", "Lawrence, N", "--facets", "speaker,event"])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("2 of 2 queries agree, 0 differ"))
    }
}
