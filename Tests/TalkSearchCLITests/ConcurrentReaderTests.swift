import Foundation
import Testing
import TestSupport

/// Searches running while rebuilds swap generations: every answer is the old index's or the new one's,
/// never an error and never a mix.
@Suite(.serialized) struct ConcurrentReaderTests {
    static let extra = #"{"id": "x/extra", "title": "Learning Extra Things", "speakers": ["Ada Lovelace"], "event": "Extra", "recorded": "2021-03-04"}"#

    @Test func searchesDuringRebuildsSeeOneIndexOrTheOther() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let seedText = try String(contentsOfFile: SharedData.seedCatalog, encoding: .utf8)
        let catalogs = [SharedData.seedCatalog, try seed.directory.write("plus.jsonl", seedText + Self.extra + "\n")]
        var answers: [String] = []
        for catalog in catalogs.reversed() {
            #expect(try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", seed.path]).status == 0)
            answers.insert(try Self.answer(seed).standardOutput, at: 0)
        }
        #expect(answers[0] != answers[1])
        try Self.searchWhile(seed, accepting: answers, changes: "rebuild") { round in
            ["rebuild", "--catalog", catalogs[round % 2]]
        }
    }

    /// The same with updates: one talk added and deleted again, ten times, while searches run.
    @Test func searchesDuringUpdatesSeeOneIndexOrTheOther() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let extra = try seed.directory.write("extra.jsonl", Self.extra + "\n")
        let without = try Self.answer(seed).standardOutput
        #expect(try TalkSearchBinary.run(["add", "--catalog", extra, "--index", seed.path]).status == 0)
        let with = try Self.answer(seed).standardOutput
        #expect(with != without)
        try Self.searchWhile(seed, accepting: [with, without], changes: "update") { round in
            round % 2 == 0 ? ["delete", "x/extra"] : ["add", "--catalog", extra]
        }
        #expect(try TalkSearchBinary.run(["check", "--index", seed.path]).status == 0)
    }

    /// The JSON answer to "learning" on the seed index.
    static func answer(_ seed: SeedIndex) throws -> TalkSearchBinary.Output {
        try TalkSearchBinary.run(["search", "learning", "--index", seed.path, "--format", "json"])
    }

    /// Runs ten changes (`command(round)` on the index) in the background and searches until they are
    /// done: every change must succeed and every answer be one of `accepted`. Each change starts only
    /// after a search has finished since the one before (`searched`), so the searches interleave with
    /// the changes however the machine schedules them (timing alone let ten rebuilds outrun all but five
    /// searches once, under the whole suite's load).
    static func searchWhile(_ seed: SeedIndex, accepting accepted: [String], changes label: String,
                            _ command: @escaping @Sendable (Int) -> [String]) throws {
        let changing = DispatchGroup()
        let failures = LockedList()
        let searched = DispatchSemaphore(value: 0)
        changing.enter()
        DispatchQueue.global().async {
            defer { changing.leave() }
            for round in 0..<10 {
                searched.wait()
                let output = try? TalkSearchBinary.run(command(round) + ["--index", seed.path])
                if output?.status != 0 { failures.append("\(label) \(round): \(output?.standardError ?? "did not run")") }
            }
        }
        var searches = 0
        while changing.wait(timeout: .now()) == .timedOut {
            let output = try answer(seed)
            searches += 1
            searched.signal()
            if output.status != 0 || !accepted.contains(output.standardOutput) {
                failures.append("search \(searches): status \(output.status): \(output.standardError)\(output.standardOutput.prefix(200))")
            }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        #expect(searches >= 10, "a search ran before each of the ten \(label)s")
    }
}

/// Strings appended from several threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ item: String) { lock.lock(); storage.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
