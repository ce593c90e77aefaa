import Foundation
import Testing
import TestSupport

/// `rebuild --memory-limit`: the talks are indexed in batches, merged into one segment; both backends
/// hold the same talks under the same rowids and agree on all 400 public queries; updates afterwards
/// never make or merge segments beyond the largest batch, and split larger additions.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct RebuildMemoryLimitTests {
    static func manifest(_ index: String) throws -> [String: Any] {
        let generation = try UpdateDifferentialTests.current(index)
        return try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(index)/\(generation)/manifest.json"))) as? [String: Any])
    }

    @Test func batchesMergeIntoOneSegmentThatAnswersAsTheCatalog() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lines = try String(contentsOfFile: SharedData.pyvideoCatalog, encoding: .utf8).split(separator: "\n").map(String.init)
        let catalog = try directory.write("base.jsonl", lines[0..<3_000].joined(separator: "\n") + "\n")
        let index = directory.file("index")
        let built = try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", index, "--memory-limit", "2"])
        #expect(built.status == 0, "\(built.standardError)")
        let manifest = try Self.manifest(index)
        let segments = try #require(manifest["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["documents"] as? Int } == [3_000])
        let batches = try #require(built.standardOutput.firstMatch(of: /Memory limit: 2 MB; (\d+) batches merged into one segment/)
            .flatMap { Int($0.1) }, "\(built.standardOutput)")
        #expect(batches >= 3)
        let generation = try UpdateDifferentialTests.current(index)
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(index)/\(generation)")
        #expect(!files.contains { $0.hasPrefix("batch-") }, "the batch files are removed: \(files)")
        let largest = try #require(manifest["maximumSegmentDocuments"] as? Int)
        #expect(largest < 3_000 && largest * batches >= 3_000)

        func agree(_ talks: Int) throws {
            let compared = try TalkSearchBinary.run(["compare", "--index", index, "--queries", SharedData.publicQueries, "--limit", "20"])
            #expect(compared.standardOutput.contains("400 of 400 queries agree, 0 differ (\(talks) talks,"), "\(compared.standardOutput.suffix(2_000))")
        }
        try agree(3_000)
        let checked = try TalkSearchBinary.run(["check", "--index", index])
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardOutput.contains("engine: 3000 documents in 1 segment"), "\(checked.standardOutput)")

        // An update next to the merged segment: the new talks make a segment of their own, no larger
        // than the largest batch.
        let more = try directory.write("more.jsonl", lines[3_000..<3_400].joined(separator: "\n") + "\n")
        let added = try TalkSearchBinary.run(["add", "--catalog", more, "--index", index])
        #expect(added.status == 0, "\(added.standardError)")
        let after = try #require(try Self.manifest(index)["segments"] as? [[String: Any]]).compactMap { $0["documents"] as? Int }
        #expect(after.first == 3_000 && after.reduce(0, +) == 3_400)
        #expect(after.dropFirst().allSatisfy { $0 <= largest }, "\(after) vs \(largest)")
        try agree(3_400)

        // More new talks than the largest batch: they become several segments, none beyond it.
        let many = try directory.write("many.jsonl", lines[3_400..<(3_400 + 3 * largest)].joined(separator: "\n") + "\n")
        let bulk = try TalkSearchBinary.run(["add", "--catalog", many, "--index", index])
        #expect(bulk.status == 0, "\(bulk.standardError)")
        let final = try #require(try Self.manifest(index)["segments"] as? [[String: Any]]).compactMap { $0["documents"] as? Int }
        #expect(final.first == 3_000 && final.reduce(0, +) == 3_400 + 3 * largest)
        #expect(final.dropFirst().allSatisfy { $0 <= largest }, "\(final) vs \(largest)")
        #expect(final.count >= after.count + 3, "\(final)")
        try agree(3_400 + 3 * largest)
    }

    /// The catalog is read twice under a limit (validated, then indexed): a bad line near the end
    /// still stops the rebuild before anything is written, and the previous index keeps working.
    @Test func aBadLineStopsTheStreamedRebuildBeforeWriting() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let index = directory.file("index")
        let good = try directory.write("good.jsonl", (1...50).map { "{\"id\": \"t\($0)\", \"title\": \"Talk \($0) on graphs\"}" }.joined(separator: "\n") + "\n")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", good, "--index", index, "--memory-limit", "1"]).status == 0)
        let before = try UpdateDifferentialTests.current(index)
        let bad = try directory.write("bad.jsonl", try String(contentsOfFile: good, encoding: .utf8) + "{\"id\": \"t3\", \"title\": \"again\"}\n")
        let failed = try TalkSearchBinary.run(["rebuild", "--catalog", bad, "--index", index, "--memory-limit", "1"])
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("bad.jsonl:51: id: duplicate id \"t3\""), "\(failed.standardError)")
        #expect(try UpdateDifferentialTests.current(index) == before)
        let found = try TalkSearchBinary.run(["search", "graphs", "--index", index, "--limit", "1"])
        #expect(found.standardOutput.hasPrefix("50 talks match"), "\(found.standardOutput)")
    }

    @Test func aLimitBelowOneMegabyteIsRefused() throws {
        let output = try TalkSearchBinary.run(["rebuild", "--index", "/nonexistent/index", "--memory-limit", "0"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--memory-limit must be at least 1"))
    }
}
