import Foundation
import Testing
import TestSupport

/// A disk that fills up part way through a rebuild, or that is read-only: a clear error naming the file
/// and the system's reason, and the previous index still answering.
@Suite(.serialized, .enabled(if: TinyFileSystem.canMount, TinyFileSystem.absentMessage))
struct DiskFaultTests {
    static func search(_ index: String) throws -> String {
        let output = try TalkSearchBinary.run(["search", "robustness", "--index", index, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        return output.standardOutput
    }

    /// The sizes of a 3,000-talk index's files, built on an ordinary disk.
    static func bigIndex(in directory: TemporaryDirectory) throws -> (catalog: String, engine: Int, fts5: Int) {
        let catalog = directory.file("big.jsonl")
        _ = try TalkSearchBinary.run(["generate", "--talks", "3000", "--seed", "3", "--like", SharedData.seedCatalog, "-o", catalog])
        let built = try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", directory.file("reference")])
        #expect(built.status == 0)
        let generation = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.file("reference")).first { $0.hasPrefix("gen-") })
        func size(_ name: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: directory.file("reference/\(generation)/\(name)"))[.size] as? Int) ?? 0
        }
        return (catalog, try size("engine-000001.tsidx"), try size("fts5.sqlite"))
    }

    @Test func aDiskThatFillsUpKeepsThePreviousIndex() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let big = try Self.bigIndex(in: scratch)
        // Room for the seed index and half the new engine file; then for the engine file and half the FTS5 file.
        for (room, file, reason) in [(big.engine / 2, "engine-000001.tsidx", "No space left on device"),
                                     (big.engine + big.fts5 / 2, "fts5.sqlite", "database or disk is full")] {
            let disk = try TinyFileSystem(bytes: 200_000 + room)
            defer { disk.remove() }
            let index = disk.path + "/index"
            #expect(try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", index]).status == 0)
            let before = try Self.search(index)
            let failed = try TalkSearchBinary.run(["rebuild", "--catalog", big.catalog, "--index", index])
            #expect(failed.status != 0)
            #expect(failed.standardError.contains("rebuild failed, the previous index is unchanged: "), "\(failed.standardError)")
            #expect(failed.standardError.contains("/\(file): cannot write: \(reason)"), "\(failed.standardError)")
            #expect(try Self.search(index) == before)
            #expect(try TalkSearchBinary.run(["check", "--index", index]).status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasPrefix("tmp-") }.isEmpty, "staging removed")
        }
    }

    @Test func aReadOnlyDiskIsAClearErrorAndTheIndexStillAnswers() throws {
        let disk = try TinyFileSystem(bytes: 4_000_000)
        defer { disk.remove() }
        let index = disk.path + "/index"
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", index]).status == 0)
        let before = try Self.search(index)
        try disk.makeReadOnly()
        let failed = try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", index])
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("rebuild failed, the previous index is unchanged: \(index)/lock: cannot open lock file: Read-only file system"),
                "\(failed.standardError)")
        #expect(try Self.search(index) == before)
        let add = try TalkSearchBinary.run(["add", "--catalog", SharedData.seedCatalog, "--index", index])
        #expect(add.standardError.contains("add failed, the index is unchanged"), "\(add.standardError)")
    }
}
