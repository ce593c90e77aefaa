import Foundation
import Testing
import TestSupport

@Suite struct CompareCommandTests {
    @Test func reportsAgreementPerQueryAndASummary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let queries = try directory.write("q.tsv", "a\trobustness\nb\tlearning NOT privacy\nc\tdeep OR\nd\tNEAR(machine learning, 0)\n")
        let output = try TalkSearchBinary.run(["compare", "--queries", queries, "--catalog", SharedData.seedCatalog, "--tokenizer", "unicode61"])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.maskingMeasurements == """
            a\tagree\trobustness
            b\tagree\tlearning NOT privacy
            c\tagree\tdeep OR
            d\tagree\tNEAR(machine learning, 0)
            4 of 4 queries agree, 0 differ (6 talks, tokenizer unicode61, limit 10)
            mean latency: fts5 #, engine #

            """)
    }

    @Test func jsonFormatCarriesCountsAndLatencies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let queries = try directory.write("q.tsv", "a\trobustness\n")
        let output = try TalkSearchBinary.run(["compare", "--queries", queries, "--catalog", SharedData.seedCatalog, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["agree"] as? Int == 1 && object["differ"] as? Int == 0 && object["total"] as? Int == 1)
        #expect(object["mean_ms_fts5"] is Double && object["mean_ms_engine"] is Double)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func publicQueriesAgreeOnThePyvideoCatalog() throws {
        let output = try TalkSearchBinary.run(["compare", "--queries", SharedData.publicQueries, "--catalog", SharedData.pyvideoCatalog, "--limit", "20"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("400 of 400 queries agree, 0 differ (21715 talks, tokenizer porter, limit 20)"))
    }
}
