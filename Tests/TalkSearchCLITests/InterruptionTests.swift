import Foundation
import TalkCatalog
import Testing
import TestSupport

/// Rebuilds and updates killed (SIGKILL) at random moments: the index must stay whole every time: its
/// checksums and invariants verified, searches answered, and the talk count either the old or the new.
@Suite(.serialized) struct InterruptionTests {
    /// Starts `talksearch ARGUMENTS`, kills it after `delay` seconds unless it finished; true if it finished.
    static func run(_ arguments: [String], killAfter delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TalkSearchBinary.path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }

    /// The number of documents `talksearch check` reports, after asserting that the index is sound.
    static func verifiedTalkCount(_ index: String) throws -> Int {
        let check = try TalkSearchBinary.run(["check", "--index", index])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let search = try TalkSearchBinary.run(["search", "learning OR data", "--index", index, "--format", "json"])
        #expect(search.status == 0, "\(search.standardError)")
        let line = try #require(check.standardOutput.split(separator: "\n").first { $0.hasPrefix("engine: ") })
        return try #require(Int(line.split(separator: " ")[1]))
    }

    @Test func killedRebuildsAndUpdatesLeaveAWholeIndex() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let catalog = seed.directory.file("big.jsonl")
        let generated = try TalkSearchBinary.run(["generate", "--talks", "3000", "--seed", "9", "--like", SharedData.seedCatalog, "-o", catalog])
        #expect(generated.status == 0)
        // How long an uninterrupted run takes here, to spread the kills over it.
        let start = Date()
        #expect(try Self.run(["rebuild", "--catalog", catalog, "--index", seed.directory.file("timing")], killAfter: 600))
        let duration = Date().timeIntervalSince(start)

        var random = SeededRandom(seed: 4242)
        var count = try Self.verifiedTalkCount(seed.path)
        #expect(count == 6)
        var completed = 0
        for attempt in 0..<8 {
            let update = attempt % 2 == 1
            let arguments = update ? ["add", "--catalog", catalog, "--index", seed.path] : ["rebuild", "--catalog", catalog, "--index", seed.path]
            // An add of the 3,000 talks to the 6 seed talks gives 3,006; once they are in, it replaces them.
            let expected = update ? (count == 6 ? 3006 : count) : 3000
            let delay = Double.random(in: 0...(1.2 * duration), using: &random)
            let finished = try Self.run(arguments, killAfter: delay)
            let now = try Self.verifiedTalkCount(seed.path)
            #expect(now == count || now == expected, "attempt \(attempt) (\(arguments[0]), killed after \(delay) s): \(now) talks")
            if finished {
                completed += 1
                #expect(now == expected)
            }
            count = now
        }
        #expect(completed < 8, "some runs must have been killed part way")
        // Staging folders of killed runs are never visible as the index, and the next run clears them.
        #expect(try Self.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", seed.path], killAfter: 600))
        let names = try FileManager.default.contentsOfDirectory(atPath: seed.path)
        #expect(!names.contains { $0.hasPrefix("tmp-") }, "\(names)")
        #expect(names.filter { $0.hasPrefix("gen-") }.count == 1, "\(names)")
        #expect(try Self.verifiedTalkCount(seed.path) == 6)
    }
}
