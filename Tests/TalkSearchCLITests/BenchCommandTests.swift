import Foundation
import Testing
import TestSupport

@Suite struct BenchCommandTests {
    @Test func measuresBothBackendsPerQueryClass() throws {
        let output = try TalkSearchBinary.run(["bench", "--repeat", "1", "--format", "json", "--catalog", SharedData.seedCatalog])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(report["talks"] as? Int == 6)
        #expect(report["queries"] as? Int == 16)
        #expect(report["agree"] as? Int == 16, "the exact mode gives FTS5's hits and scores")
        #expect(report["interleaved"] as? Bool == false)
        for backend in ["engine", "fts5"] {
            let side = try #require(report[backend] as? [String: Any])
            let build = try #require(side["build"] as? [String: Any])
            #expect((build["bytes"] as? Double ?? 0) > 0 && (build["peak_resident"] as? Double ?? 0) > 0)
            // The documents (ids, stored records, texts) are part of the file, not all of it.
            let documents = try #require(build["document_bytes"] as? Double)
            #expect(documents > 0 && documents < build["bytes"] as? Double ?? 0, "\(backend)")
            // Of the memory after the queries, the pages of mapped files are a part (on Linux, where
            // /proc says so: the executable's at least).
            let open = try #require(side["open"] as? [String: Any])
            let resident = try #require(open["resident_queries"] as? Double), mapped = try #require(open["file_resident_queries"] as? Double)
            #if os(Linux)
            #expect(mapped > 0 && mapped < resident, "\(backend)")
            #endif
            let queries = try #require(side["queries"] as? [String: Any])
            #expect(queries["queries"] as? Int == 16)
            let p50 = try #require(queries["p50_ms"] as? Double), p99 = try #require(queries["p99_ms"] as? Double)
            #expect(p50 > 0 && p50 <= p99)
            let classes = try #require(side["classes"] as? [String: Any])
            #expect(Set(classes.keys) == ["term", "and", "or", "phrase", "prefix", "near", "column", "speaker", "not", "initial", "empty"])
        }
    }

    /// `--memory-limit`: both builds stream the catalog in batches (the engine's merged into one file);
    /// the backends still agree (3,000 generated talks at 1 MB: 3 batches), and the report says how the
    /// builds ran.
    @Test func streamedBuildsUnderAMemoryLimitStillAgree() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalog = directory.file("talks.jsonl")
        #expect(try TalkSearchBinary.run(["generate", "--talks", "3000", "--seed", "2", "--like", SharedData.seedCatalog, "-o", catalog]).status == 0)
        let output = try TalkSearchBinary.run(["bench", "--repeat", "1", "--format", "json", "--catalog", catalog, "--memory-limit", "1"])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(report["talks"] as? Int == 3000)
        #expect(report["memory_limit_mb"] as? Int == 1)
        #expect(report["agree"] as? Int == report["queries"] as? Int)
        let text = try TalkSearchBinary.run(["bench", "--repeat", "1", "--catalog", catalog, "--memory-limit", "1"])
        #expect(text.standardOutput.contains("builds in batches of 1 MB (estimated), the catalog read talk by talk: build times include reading it"))
    }

    @Test func textReportNamesTheSetupAndTheRatios() throws {
        let output = try TalkSearchBinary.run(["bench", "--repeat", "1", "--catalog", SharedData.seedCatalog, "--scoring", "bm25f"])
        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("6 talks (\(SharedData.seedCatalog)); 16 queries × 1") == true)
        #expect(lines.dropFirst().first == "tokenizer porter, engine scoring bm25f (FTS5: its bm25; not compared)")
        #expect(lines.contains("queries timed pass by pass: each pass runs every query on one backend, then on the other"))
        for label in ["build", "index on disk", "  (of which documents)", "build peak memory", "open", "memory after open", "memory after the queries", "  (of which mapped files)", "QPS", "p50", "p95", "p99"] {
            #expect(lines.contains { $0.hasPrefix(label + " ") }, "missing row \(label)")
        }
    }

    /// `--interleave` alternates the backends query by query; every query is still timed once per pass
    /// on each backend.
    @Test func interleavedPassesTimeEveryQueryOnBothBackends() throws {
        let output = try TalkSearchBinary.run(["bench", "--repeat", "2", "--interleave", "--format", "json", "--catalog", SharedData.seedCatalog])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(report["interleaved"] as? Bool == true)
        for backend in ["engine", "fts5"] {
            let side = try #require(report[backend] as? [String: Any])
            let queries = try #require(side["queries"] as? [String: Any])
            #expect(queries["queries"] as? Int == 32, "16 queries × 2 passes on \(backend)")
        }
        let text = try TalkSearchBinary.run(["bench", "--repeat", "1", "--interleave", "--catalog", SharedData.seedCatalog])
        #expect(text.standardOutput.contains("queries timed with the backends alternating query by query (--interleave)"))
    }

    @Test func aMissingQueryFileIsAClearError() throws {
        let output = try TalkSearchBinary.run(["bench", "--catalog", SharedData.seedCatalog, "--queries", "/nonexistent.tsv"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("/nonexistent.tsv: cannot read query file"))
    }
}
