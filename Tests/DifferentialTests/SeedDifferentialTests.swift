import Foundation
import SearchEngine
import Testing
import TestSupport

/// The engine against SQLite FTS5 over the seed catalog shipped in Corpus/ (runs on a fresh clone too).
@Suite struct SeedDifferentialTests {
    static let documents: [IndexedDocument] = {
        let lines = (try? JSONFixtures.lines(SharedData.seedCatalog)) ?? []
        return lines.map { talk in
            IndexedDocument(id: talk["id"] as? String ?? "", columns: [
                talk["title"] as? String ?? "", (talk["speakers"] as? [String] ?? []).joined(separator: "; "),
                talk["description"] as? String ?? "",
            ])
        }
    }()

    static let queries = [
        "robustness", "deep learning", "\"deep neural\"", "learn*", "l*", "machine OR ethics", "learning NOT privacy",
        "title:learning", "speakers:fawzi", "-title:fawzi", "{title speakers}:fawzi", "-{title}:(fawzi OR learning)",
        "NEAR(machine learning)", "NEAR(deploying software, 2)", "NEAR(deploying software, 1)", "^robustness", "^the ethics",
        "title:^robustness", "fawzi AND (robustness OR geometry)", "(learning OR deep) AND NOT", "NOT deep", "deep OR",
        "\"unterminated", "nosuch:deep", "near(a b)", "NEAR(a b, x)", "deep (learning)", "*", "*id5", "*reads", "*ID", "deep+neural+networks",
        "\"\" robustness", "robustness \"\"", "NEAR(\"\" robustness)", "e-mail", "-", "a.b", "(((learning)))", "learning*",
        "\"machine learning\"* software", "privacy AND human AND imperative", "a OR b OR c OR learning", "x NOT y NOT learning",
        "Title:Robustness", "poincaré OR POINCARE", "{title description}: framework", "learning AND (NEAR(human imperative) OR ^meta)",
    ]

    @Test(arguments: ["unicode61", "porter"])
    func fixedQueries(tokenizer: String) throws {
        let pair = try BackendPair(documents: Self.documents, schema: Fixtures.columns,
                                   tokenizer: tokenizer == "porter" ? .porter : .unicode61, label: "seed-\(tokenizer)")
        let reference = try pair.fts5()
        #expect(Self.documents.count == 6)
        for query in Self.queries {
            for weights in [ColumnWeights.uniform, ColumnWeights([10, 5, 1]), ColumnWeights([0, -1, 2.5]), ColumnWeights([0.1, 0.1, 0.1])] {
                if let difference = pair.difference(query, options: SearchOptions(limit: 10, weights: weights), reference: reference) {
                    Issue.record("\(query.debugDescription) [\(tokenizer) \(weights.values)]: \(difference)")
                }
            }
        }
    }

    /// Hits carry the texts of the columns asked for, the same from both backends (FTS5 from its
    /// content), and they are the indexed texts.
    @Test func hitsCarryTheColumnsAskedFor() throws {
        let pair = try BackendPair(documents: Self.documents, schema: Fixtures.columns, tokenizer: .porter, label: "seed-columns")
        let reference = try pair.fts5()
        var options = SearchOptions(limit: 10)
        options.columns = [2, 0, 7]
        var carried = 0
        for query in ["robustness", "learn*", "title:learning OR fawzi", "\"deep neural\""] {
            #expect(pair.difference(query, options: options, reference: reference) == nil, "\(query)")
            for hit in try pair.engine.search(query, options: options).hits {
                let document = try #require(Self.documents.first { $0.id == hit.id })
                #expect(hit.columns == [0: document.columns[0], 2: document.columns[2]], "\(query) \(hit.id)")
                carried += 1
            }
        }
        #expect(carried > 6)
        #expect(try pair.engine.search("robustness", options: SearchOptions(limit: 10)).hits.allSatisfy { $0.columns.isEmpty })
    }

    /// FTS5's special queries `*reads` and `*id` are test hooks (SQLite 3.40 answers with a row of rowid
    /// 0 or "no such cursor: N"); both TalkSearch backends refuse them with one message. Documented in
    /// docs/FTS5-COMPATIBILITY.md.
    @Test func specialQueryHooksAreRefusedByBoth() throws {
        let pair = try BackendPair(documents: Self.documents, schema: Fixtures.columns, tokenizer: .unicode61, label: "seed-special")
        let reference = try pair.fts5()
        for (query, word) in [("*reads", "reads"), ("*id", "id"), ("* READS x", "READS")] {
            let expected = SearchError.invalidQuery(message: SpecialQuery.hookMessage(word), position: 0)
            #expect(throws: expected) { try pair.engine.search(query, options: SearchOptions()) }
            #expect(throws: expected) { try reference.search(query, options: SearchOptions()) }
        }
    }

    @Test func randomizedQueries() throws {
        let pair = try BackendPair(documents: Self.documents, schema: Fixtures.columns, tokenizer: .unicode61, label: "seed-random")
        let reference = try pair.fts5()
        let words = Self.documents.flatMap { $0.columns[0].lowercased().split(separator: " ").map(String.init) }
        var generator = QueryGenerator(seed: 7, common: words, rare: ["fawzi", "thesing", "boon"],
                                       columns: ["title", "speakers", "description", "TITLE", "nosuch"])
        for number in 0..<600 {
            let query = number % 4 == 3 ? generator.soup() : generator.valid()
            if let difference = pair.difference(query, options: SearchOptions(limit: 10), reference: reference) {
                Issue.record("seed 7 query #\(number) \(query.debugDescription): \(difference)")
            }
        }
    }
}
