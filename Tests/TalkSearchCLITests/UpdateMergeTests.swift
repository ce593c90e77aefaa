import Foundation
import Testing
import TestSupport

/// An update that merges segments without deleted talks joins them from their postings: the merged
/// segment is the very file a rebuild of all the talks writes.
@Suite struct UpdateMergeTests {
    @Test func aMergeWithoutDeletionsWritesTheRebuildsFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalog = directory.file("all.jsonl")
        let generated = try TalkSearchBinary.run(["generate", "--talks", "160", "--seed", "4", "--like", SharedData.seedCatalog, "-o", catalog])
        #expect(generated.status == 0, "\(generated.standardError)")
        let lines = try String(contentsOfFile: catalog, encoding: .utf8).split(separator: "\n")
        let first = try directory.write("first.jsonl", lines[0..<100].joined(separator: "\n") + "\n")
        let second = try directory.write("second.jsonl", lines[100...].joined(separator: "\n") + "\n")

        let updated = directory.file("updated"), rebuilt = directory.file("rebuilt")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", first, "--index", updated]).status == 0)
        // 100 talks, then 60: the policy merges the two (100 <= 2 x 60), and no talk is deleted.
        let added = try TalkSearchBinary.run(["add", "--catalog", second, "--index", updated])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", rebuilt]).status == 0)

        func segments(_ index: String) throws -> [String] {
            let generation = "\(index)/\(try UpdateDifferentialTests.current(index))"
            return try FileManager.default.contentsOfDirectory(atPath: generation).filter { $0.hasSuffix(".tsidx") }.sorted()
                .map { "\(generation)/\($0)" }
        }
        let merged = try segments(updated), reference = try segments(rebuilt)
        #expect(merged.count == 1 && reference.count == 1, "\(merged)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged[0])) == Data(contentsOf: URL(fileURLWithPath: reference[0])))
        #expect(try TalkSearchBinary.run(["check", "--index", updated]).status == 0)
    }
}
