import Foundation
import Testing
import TestSupport
import TalkCatalog

/// `talksearch rebuild` and `talksearch search`, run as the built binary; whole outputs compared.
@Suite struct SearchCommandTests {
    let seed: SeedIndex
    var directory: TemporaryDirectory { seed.directory }
    var index: String { seed.path }

    init() throws { seed = try SeedIndex() }

    @Test func rebuildReportsCountsTimeAndSize() throws {
        let output = try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", index])
        #expect(output.status == 0)
        #expect(output.standardOutput.maskingMeasurements == """
            Indexed 6 talks from \(SharedData.seedCatalog)
            Tokenizer: porter
            Time: #; peak memory: #
            Index: \(index)/ # (engine-000001.tsidx #, fts5.sqlite #, manifest.json #)

            """)
    }

    @Test func textOutputShowsRankScoreTitleSpeakersEventAndDate() throws {
        let output = try TalkSearchBinary.run(["search", "robustness", "--index", index])
        #expect(output.status == 0)
        #expect(output.standardOutput.maskingMeasurements == """
            2 talks match "robustness" (engine, #)
            1. 0.6195  Fundamental Limitations on Adversarial Robustness
                       Fawzi, H · The Mathematics of Deep Learning and Data Science · 2019-05-23
            2. 0.5592  Robustness and Geometry of Deep Neural Networks
                       Fawzi, A · The Mathematics of Deep Learning and Data Science · 2019-05-23

            """)
    }

    @Test func colorAlwaysBoldsMatchedTerms() throws {
        let output = try TalkSearchBinary.run(["search", "fawzi", "--index", index, "--limit", "1", "--color", "always"])
        #expect(output.standardOutput.contains("\u{1B}[1mFawzi\u{1B}[0m, H"))
    }

    @Test func jsonOutputCarriesEveryFieldAndRoundTripScores() throws {
        let output = try TalkSearchBinary.run(["search", "learning", "--index", index, "--format", "json", "--weights", "10,5,1"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "learning")
        #expect(object["backend"] as? String == "engine")
        #expect(object["total_matches"] as? Int == 3)
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 3)
        #expect(hits.map { $0["rank"] as? Int } == [1, 2, 3])
        let first = hits[0]
        #expect(Set(first.keys) == ["rank", "score", "id", "title", "speakers", "description", "event", "recorded",
                                     "language", "tags", "duration", "url", "institution", "slot"])
        // The score text is the shortest form that parses back to the same double.
        let scoreText = try #require(output.standardOutput.firstMatch(of: /"score":([^,]+),/)?.1)
        let score = try #require(Double(String(scoreText)))
        #expect("\(score)" == scoreText)
    }

    /// A talk's id, title and description are not in its stored record: both backends give them from
    /// the hit and its indexed columns, as they were in the catalog.
    @Test func jsonOutputHasTheDescriptionFromTheIndexedColumn() throws {
        let talks = [
            Talk(id: "t/1", title: "Kernels and learning", speakers: ["Ada"], description: "Learning with \"kernels\",\nline two: ünïcode."),
            Talk(id: "t/2", title: "Deep learning", speakers: ["Bo"], description: ""),
        ]
        let catalog = directory.file("described.jsonl")
        try TalkJSONLWriter.write(talks, to: catalog)
        let described = directory.file("described-index")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", described]).status == 0)
        for backend in ["engine", "fts5"] {
            let output = try TalkSearchBinary.run(["search", "learning", "--index", described, "--format", "json", "--backend", backend])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            let hits = try #require(object["hits"] as? [[String: Any]])
            let descriptions = Dictionary(uniqueKeysWithValues: hits.map { ($0["id"] as? String ?? "", $0["description"] as? String) })
            #expect(descriptions == ["t/1": talks[0].description, "t/2": ""], "\(backend)")
            let titles = Dictionary(uniqueKeysWithValues: hits.map { ($0["id"] as? String ?? "", $0["title"] as? String) })
            #expect(titles == ["t/1": talks[0].title, "t/2": talks[1].title], "\(backend)")
            #expect(hits.map { $0["speakers"] as? [String] } == [["Bo"], ["Ada"]] || hits.map { $0["speakers"] as? [String] } == [["Ada"], ["Bo"]])
        }
    }

    @Test func trecOutputIsOneLinePerHit() throws {
        let output = try TalkSearchBinary.run(["search", "robustness", "--index", index, "--format", "trec"])
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        for (rank, line) in lines.enumerated() {
            let fields = line.split(separator: " ")
            #expect(fields.count == 6)
            #expect(fields[0] == "1" && fields[1] == "Q0" && fields[3] == "\(rank + 1)" && fields[5] == "talksearch-engine")
            #expect(Double(String(fields[4])) != nil)
        }
        #expect(lines[0].hasPrefix("1 Q0 ini-mathematics-of-deep-learning-2019/fundamental-limitations-on-adversarial-robustness 1 "))
    }

    @Test func batchAnswersEveryQueryAndReportsFailures() throws {
        let queries = try directory.write("queries.tsv", "q1\trobustness\nq2\tdeep OR\nno tab here\nq3\tethics\n")
        let output = try TalkSearchBinary.run(["search", "--batch", queries, "--index", index, "--format", "trec"])
        #expect(output.status == 1)
        #expect(output.standardOutput.split(separator: "\n").map { $0.split(separator: " ")[0] } == ["q1", "q1", "q3"])
        #expect(output.standardError.contains("\(queries):3: expected ID<TAB>QUERY, found no tab"))
        #expect(output.standardError.contains(#"\#(queries):2: query q2: invalid query "deep OR" at byte 7: fts5: syntax error near """#))
    }

    @Test func invalidQueryIsAClearErrorNotAnEmptyResult() throws {
        let output = try TalkSearchBinary.run(["search", "nosuch:deep", "--index", index])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains(#"invalid query "nosuch:deep" at byte 0: no such column: nosuch"#))
        let fts5 = try TalkSearchBinary.run(["search", "nosuch:deep", "--index", index, "--backend", "fts5"])
        #expect(fts5.status == 1 && fts5.standardOutput.isEmpty)
        #expect(fts5.standardError.contains(#"invalid query "nosuch:deep": no such column: nosuch"#))
    }

    @Test func bothBackendsPrintTheSameResults() throws {
        for query in ["learning OR robustness", "title:learning NOT privacy", "NEAR(machine learning)", "fawz*"] {
            let engine = try TalkSearchBinary.run(["search", query, "--index", index, "--format", "json", "--backend", "engine"])
            let fts5 = try TalkSearchBinary.run(["search", query, "--index", index, "--format", "json", "--backend", "fts5"])
            #expect(engine.status == 0 && fts5.status == 0)
            #expect(engine.standardOutput.replacingOccurrences(of: #""backend":"engine""#, with: #""backend":"fts5""#) == fts5.standardOutput, "\(query)")
        }
    }

    /// The engine's highlighting matches FTS5's highlight() on the title and speakers columns.
    @Test func bothBackendsHighlightAlike() throws {
        for query in ["learning", "\"machine learning\" OR fawzi", "NEAR(deep neural, 0)", "learn* OR title:robustness", "deep+neural+networks"] {
            let engine = try TalkSearchBinary.run(["search", query, "--index", index, "--color", "always", "--backend", "engine"])
            let fts5 = try TalkSearchBinary.run(["search", query, "--index", index, "--color", "always", "--backend", "fts5"])
            #expect(engine.standardOutput.contains("\u{1B}[1m"), "\(query)")
            #expect(engine.standardOutput.replacingOccurrences(of: "(engine,", with: "(fts5,").maskingMeasurements == fts5.standardOutput.maskingMeasurements, "\(query)")
        }
    }

    @Test func bothBackendsRejectTheSameQueriesAlike() throws {
        let engine = try TalkSearchBinary.run(["search", "learning (deep)", "--index", index, "--backend", "engine"])
        let fts5 = try TalkSearchBinary.run(["search", "learning (deep)", "--index", index, "--backend", "fts5"])
        #expect(engine.status == 1 && fts5.status == 1)
        // The engine knows where the error is and points at it.
        #expect(engine.standardError.contains("""
            invalid query "learning (deep)" at byte 0: fts5: syntax error near "learning"
              learning (deep)
              ^
            """))
        #expect(fts5.standardError.contains(#"invalid query "learning (deep)": fts5: syntax error near "learning""#))
    }

    @Test func explainShowsTheScoreAsATreeOfBM25Terms() throws {
        let output = try TalkSearchBinary.run(["search", "fawzi robustness", "--index", index, "--explain", "--limit", "1"])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("#1 ini-mathematics-of-deep-learning-2019/fundamental-limitations-on-adversarial-robustness"))
        #expect(lines.contains { $0.hasPrefix("1.2389") && $0.contains(" = score = -bm25 = Σ phrase terms (k1 = 1.2, b = 0.75)") })
        #expect(lines.contains { $0.hasPrefix("  ") && $0.contains(#"= phrase 1 "fawzi""#) })
        #expect(lines.contains { $0.contains("= idf = ln((N - n + 0.5) / (n + 0.5)), floored at 1e-6; N = 6, n = 2") })
        let refused = try TalkSearchBinary.run(["search", "x", "--index", index, "--explain", "--backend", "fts5"])
        #expect(refused.status != 0 && refused.standardError.contains("--explain needs --backend engine"))
    }

    @Test func aFailedRebuildKeepsThePreviousIndex() throws {
        let before = try TalkSearchBinary.run(["search", "learning", "--index", index, "--format", "json"])
        let bad = try directory.write("bad.jsonl", #"{"id": "a", "title": "ok"}"# + "\n" + #"{"id": "b", "title": 3}"# + "\n")
        let failed = try TalkSearchBinary.run(["rebuild", "--catalog", bad, "--index", index])
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("rebuild failed, the previous index is unchanged: \(bad):2: title: expected a string, got a number"))
        let after = try TalkSearchBinary.run(["search", "learning", "--index", index, "--format", "json"])
        #expect(after.standardOutput == before.standardOutput)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasPrefix("tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func skipInvalidIndexesTheRestAndReportsSkippedLines() throws {
        let mixed = try directory.write("mixed.jsonl", #"{"id": "a", "title": "Geometry"}"# + "\nbroken\n")
        let output = try TalkSearchBinary.run(["rebuild", "--catalog", mixed, "--index", directory.file("mixed"), "--skip-invalid"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("Indexed 1 talks from \(mixed) (1 invalid records skipped)"))
        #expect(output.standardError.hasPrefix("skipped \(mixed):2: invalid JSON"))
    }

    @Test func searchWithoutAnIndexBuildsTheDefaultOneFirst() throws {
        let fresh = try TemporaryDirectory()
        defer { fresh.remove() }
        let output = try TalkSearchBinary.run(["search", "robustness", "--format", "trec"], in: fresh.path)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.hasPrefix("No index at .talksearch/ yet: building it from "))
        #expect(output.standardOutput.split(separator: "\n").count == 2)
        #expect(FileManager.default.fileExists(atPath: fresh.file(".talksearch/CURRENT")))
    }

    @Test func aMissingNonDefaultIndexIsAnError() throws {
        let output = try TalkSearchBinary.run(["search", "deep", "--index", directory.file("nowhere")])
        #expect(output.status != 0)
        #expect(output.standardError.contains("no index here; build one with `talksearch rebuild --index"))
    }
}

/// `talksearch check` on a sound index and on a damaged one.
@Suite struct CheckCommandTests {
    @Test func verifiesASoundIndexAndNamesDamage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let index = directory.file("index")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", index]).status == 0)
        let sound = try TalkSearchBinary.run(["check", "--index", index])
        #expect(sound.status == 0, "\(sound.standardError)")
        #expect(sound.standardOutput.contains("engine: 6 documents in 1 segment"))
        #expect(sound.standardOutput.contains("fts5: 6 documents, integrity verified"))
        let generation = try String(contentsOfFile: index + "/CURRENT", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let enginePath = "\(index)/\(generation)/engine-000001.tsidx"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: enginePath)))
        bytes[bytes.count - 200] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: enginePath))
        let damaged = try TalkSearchBinary.run(["check", "--index", index])
        #expect(damaged.status == 1)
        #expect(damaged.standardError.contains("\(enginePath): section "))
        #expect(damaged.standardError.contains("checksum"))

        // A segment file the manifest lists is missing: named, and search says to rebuild.
        try FileManager.default.removeItem(atPath: enginePath)
        let missing = try TalkSearchBinary.run(["check", "--index", index])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains(enginePath), "\(missing.standardError)")
        let search = try TalkSearchBinary.run(["search", "learning", "--index", index])
        #expect(search.status != 0 && search.standardError.contains(enginePath), "\(search.standardError)")
        // A manifest of an older format asks for a rebuild.
        let manifestPath = "\(index)/\(generation)/manifest.json"
        let old = try String(contentsOfFile: manifestPath, encoding: .utf8).replacingOccurrences(of: "\"format\" : 2", with: "\"format\" : 1")
        try old.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let older = try TalkSearchBinary.run(["search", "learning", "--index", index])
        #expect(older.standardError.contains("an index of format 1 from an older TalkSearch (this one reads 2); run `talksearch rebuild`"),
                "\(older.standardError)")
    }
}
