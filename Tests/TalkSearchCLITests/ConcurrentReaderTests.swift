import Foundation
import Testing
import TestSupport

/// Searches running while rebuilds swap generations: every answer is the old index's or the new one's,
/// never an error and never a mix.
@Suite(.serialized) struct ConcurrentReaderTests {
    @Test func searchesDuringRebuildsSeeOneIndexOrTheOther() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let extra = #"{"id": "x/extra", "title": "Learning Extra Things", "speakers": ["Ada Lovelace"], "event": "Extra", "recorded": "2021-03-04"}"#
        let seedText = try String(contentsOfFile: SharedData.seedCatalog, encoding: .utf8)
        let catalogs = [SharedData.seedCatalog, try seed.directory.write("plus.jsonl", seedText + extra + "\n")]
        func answer() throws -> TalkSearchBinary.Output {
            try TalkSearchBinary.run(["search", "learning", "--index", seed.path, "--format", "json"])
        }
        var answers: [String] = []
        for catalog in catalogs.reversed() {
            #expect(try TalkSearchBinary.run(["rebuild", "--catalog", catalog, "--index", seed.path]).status == 0)
            answers.insert(try answer().standardOutput, at: 0)
        }
        #expect(answers[0] != answers[1])

        let rebuilding = DispatchGroup()
        let failures = LockedList()
        rebuilding.enter()
        DispatchQueue.global().async {
            defer { rebuilding.leave() }
            for round in 0..<10 {
                let output = try? TalkSearchBinary.run(["rebuild", "--catalog", catalogs[round % 2], "--index", seed.path])
                if output?.status != 0 { failures.append("rebuild \(round): \(output?.standardError ?? "did not run")") }
            }
        }
        var searches = 0
        while rebuilding.wait(timeout: .now()) == .timedOut {
            let output = try answer()
            searches += 1
            if output.status != 0 || !answers.contains(output.standardOutput) {
                failures.append("search \(searches): status \(output.status): \(output.standardError)\(output.standardOutput.prefix(200))")
            }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        #expect(searches > 5, "searches ran during the rebuilds")
    }
}

extension ConcurrentReaderTests {
    /// The same with updates: one talk added and deleted again, ten times, while searches run.
    @Test func searchesDuringUpdatesSeeOneIndexOrTheOther() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let extra = try seed.directory.write("extra.jsonl", #"{"id": "x/extra", "title": "Learning Extra Things", "speakers": ["Ada Lovelace"], "event": "Extra", "recorded": "2021-03-04"}"# + "\n")
        func answer() throws -> TalkSearchBinary.Output {
            try TalkSearchBinary.run(["search", "learning", "--index", seed.path, "--format", "json"])
        }
        let without = try answer().standardOutput
        #expect(try TalkSearchBinary.run(["add", "--catalog", extra, "--index", seed.path]).status == 0)
        let with = try answer().standardOutput
        #expect(with != without)
        let updating = DispatchGroup()
        let failures = LockedList()
        updating.enter()
        DispatchQueue.global().async {
            defer { updating.leave() }
            for round in 0..<10 {
                let arguments = round % 2 == 0 ? ["delete", "x/extra"] : ["add", "--catalog", extra]
                let output = try? TalkSearchBinary.run(arguments + ["--index", seed.path])
                if output?.status != 0 { failures.append("update \(round): \(output?.standardError ?? "did not run")") }
            }
        }
        var searches = 0
        while updating.wait(timeout: .now()) == .timedOut {
            let output = try answer()
            searches += 1
            if output.status != 0 || (output.standardOutput != with && output.standardOutput != without) {
                failures.append("search \(searches): status \(output.status): \(output.standardError)\(output.standardOutput.prefix(200))")
            }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        #expect(searches > 5, "searches ran during the updates")
        #expect(try TalkSearchBinary.run(["check", "--index", seed.path]).status == 0)
    }
}

/// Strings appended from several threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ item: String) { lock.lock(); storage.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
