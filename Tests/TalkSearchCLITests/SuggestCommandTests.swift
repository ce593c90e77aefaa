import Foundation
import Testing
import TestSupport

/// "Did you mean", `--fuzzy` and `talksearch complete`, on the seed catalog.
@Suite struct SuggestCommandTests {
    let seed: SeedIndex
    var directory: TemporaryDirectory { seed.directory }
    var index: String { seed.path }

    init() throws { seed = try SeedIndex() }

    @Test func aMisspeltQuerySuggestsTheCorrection() throws {
        let output = try TalkSearchBinary.run(["search", "robustnes", "--index", index])
        #expect(output.status == 0)
        #expect(output.standardOutput.maskingMeasurements == """
            0 talks match "robustnes" (engine, #)
            Did you mean "robustness"? (--fuzzy searches it)

            """)
        let json = try TalkSearchBinary.run(["search", "robustnes", "--index", index, "--format", "json", "--backend", "fts5"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["suggestion"] as? String == "robustness")
        #expect(object["searched_instead"] is NSNull)
    }

    @Test func fuzzySearchesTheWordOrItsCorrection() throws {
        let output = try TalkSearchBinary.run(["search", "adversrial", "--fuzzy", "--index", index])
        #expect(output.status == 0)
        #expect(output.standardOutput.maskingMeasurements == """
            1 talk matches "(adversrial OR adversarial)" (engine, #)
            Searched "(adversrial OR adversarial)" for "adversrial"
            1. 1.3693  Fundamental Limitations on Adversarial Robustness
                       Fawzi, H · The Mathematics of Deep Learning and Data Science · 2019-05-23

            """)
    }

    @Test func aWellSpeltQueryHasNoSuggestion() throws {
        let output = try TalkSearchBinary.run(["search", "robustness", "--index", index, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["suggestion"] is NSNull)
    }

    @Test func completeListsWordsMostTalksFirst() throws {
        let output = try TalkSearchBinary.run(["complete", "deep lea", "--index", index])
        #expect(output.status == 0)
        #expect(output.standardOutput == "deep learning\t3\n")
        let several = try TalkSearchBinary.run(["complete", "ro", "--index", index, "--limit", "2"])
        #expect(several.standardOutput == "robustness\t2\n")
    }
}
