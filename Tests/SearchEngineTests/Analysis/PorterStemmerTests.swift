import Testing
import TestSupport
@testable import SearchEngine

@Suite struct PorterStemmerTests {
    let stemmer = PorterStemmer()

    @Test(arguments: [("learning", "learn"), ("networks", "network"), ("adversarial", "adversari"), ("generalization", "gener"),
                      ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"), ("sized", "size"),
                      ("falling", "fall"), ("filing", "file"), ("sky", "sky"), ("relational", "relat"), ("is", "is"),
                      ("naive", "naiv")])
    func classicExamples(word: String, stem: String) {
        #expect(stemmer.stem(word) == stem)
    }

    @Test func longTokensPassThrough() {
        let long = String(repeating: "ing", count: 22)
        #expect(stemmer.stem(long) == long)
    }

    /// `porter-curated.json` and the 8,000 most frequent pyvideo tokens, stemmed by SQLite.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage), arguments: ["porter-curated.json", "porter-corpus-vocab.json"])
    func sharedVocabularies(file: String) throws {
        let object = try #require(try JSONFixtures.object(SharedData.vectors(file)) as? [String: Any])
        let pairs = try #require(object["pairs"] as? [[String]])
        #expect(pairs.count > 300)
        let analyzer = try Analyzer(TokenizerConfiguration(porter: true, removeDiacritics: 1))
        for pair in pairs {
            let stems = analyzer.tokens(pair[0]).map(\.term)
            #expect(stems == [pair[1]], "\(pair[0])")
        }
    }
}
