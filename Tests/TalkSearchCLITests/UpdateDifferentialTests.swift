import Foundation
import Testing
import TalkCatalog
import TestSupport

/// A sequence of updates on a pyvideo index (adds, replacements, deletions, merges): after each, the
/// engine's segments and the updated FTS5 database agree on all 400 public queries, and `check`
/// finds both sound with the same rowids.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct UpdateDifferentialTests {
    @Test func updatesKeepBothBackendsInAgreement() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lines = try String(contentsOfFile: SharedData.pyvideoCatalog, encoding: .utf8).split(separator: "\n").map(String.init)
        let index = directory.file("index")
        let base = try directory.write("base.jsonl", lines[0..<3_000].joined(separator: "\n") + "\n")
        #expect(try TalkSearchBinary.run(["rebuild", "--catalog", base, "--index", index]).status == 0)
        var random = SeededRandom(seed: 17)
        var live = Array(0..<3_000)
        var next = 3_000
        var step = 0
        /// Line `n` of pyvideo, its title changed when `edited` (a replacement's new text).
        func talk(_ n: Int, edited: Bool) -> String {
            edited ? lines[n].replacingOccurrences(of: "\"title\": \"", with: "\"title\": \"Revised \(step) ") : lines[n]
        }
        func add(new: Int, replace: Int) throws {
            step += 1
            var batch: [String] = []
            for n in live.shuffled(using: &random).prefix(replace) { batch.append(talk(n, edited: true)) }
            for n in next..<(next + new) { batch.append(talk(n, edited: false)) }
            live += next..<(next + new)
            next += new
            let file = try directory.write("step-\(step).jsonl", batch.joined(separator: "\n") + "\n")
            let output = try TalkSearchBinary.run(["add", "--catalog", file, "--index", index])
            #expect(output.status == 0, "\(output.standardError)")
        }
        @discardableResult
        func delete(_ count: Int) throws -> String {
            step += 1
            live.shuffle(using: &random)
            let doomed = live.suffix(count)
            live.removeLast(count)
            let ids = try doomed.map { n in
                try #require((try JSONSerialization.jsonObject(with: Data(lines[n].utf8)) as? [String: Any])?["id"] as? String)
            }
            let output = try TalkSearchBinary.run(["delete", "--index", index] + ids)
            #expect(output.status == 0, "\(output.standardError)")
            return output.standardOutput
        }
        func agree() throws {
            let compared = try TalkSearchBinary.run(["compare", "--index", index, "--queries", SharedData.publicQueries, "--limit", "20"])
            #expect(compared.standardOutput.contains("400 of 400 queries agree, 0 differ (\(live.count) talks,"),
                    "step \(step): \(compared.standardOutput.suffix(2_000))")
        }
        try add(new: 1, replace: 0)
        try agree()
        try add(new: 40, replace: 30)
        try delete(25)
        try agree()
        try add(new: 0, replace: 1)
        try delete(1)
        try add(new: 500, replace: 200)
        try agree()
        let expunged = try delete(2_200)  // the first segment is now mostly deleted: rewritten
        #expect(!expunged.contains(" 0 talks written"), "\(expunged)")
        try add(new: 2, replace: 2)
        try agree()
        let checked = try TalkSearchBinary.run(["check", "--index", index])
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardOutput.contains("engine: \(live.count) documents in "))
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(index)/\(try Self.current(index))/manifest.json"))) as? [String: Any])
        let segments = try #require(manifest["segments"] as? [[String: Any]])
        #expect(segments.count <= 6, "\(segments)")
    }

    static func current(_ index: String) throws -> String {
        try String(contentsOfFile: index + "/CURRENT", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
