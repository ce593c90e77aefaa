import Foundation
import Testing
import TestSupport

/// `talksearch add` and `talksearch delete` on the seed index: both backends change together, and
/// still agree on hits and bm25 scores (whose N, avgdl and document frequencies moved).
@Suite struct UpdateCommandTests {
    let seed: SeedIndex
    var index: String { seed.path }

    init() throws { seed = try SeedIndex() }

    static let newTalk = #"{"id": "new/learning-to-rank", "title": "Learning to Rank Talks", "speakers": ["Ada Lovelace"], "description": "Ranking with robust deep models.", "event": "Test Day", "recorded": "2020-01-02"}"#

    /// Both backends' JSON answers to `query`, with the backend name taken out.
    func bothBackends(_ query: String) throws -> (engine: String, fts5: String) {
        let answers = try ["engine", "fts5"].map { backend in
            let output = try TalkSearchBinary.run(["search", query, "--index", index, "--backend", backend, "--format", "json", "--limit", "20"])
            #expect(output.status == 0, "\(output.standardError)")
            return output.standardOutput.replacingOccurrences(of: "\"backend\":\"\(backend)\"", with: "")
        }
        return (answers[0], answers[1])
    }

    @Test func addAppendsOrReplacesAndBothBackendsAgree() throws {
        let talks = try seed.directory.write("new.jsonl", Self.newTalk + "\n")
        let added = try TalkSearchBinary.run(["add", "--catalog", talks, "--index", index])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.hasPrefix("Added 1 talks, replaced 0; the index has 7 talks\n"))
        let ranked = try TalkSearchBinary.run(["search", "rank", "--index", index])
        #expect(ranked.standardOutput.contains("Learning to Rank Talks"))
        for query in ["learning", "robust OR deep", "\"deep learning\"", "speakers:lovelace", "learn* NOT privacy"] {
            let answers = try bothBackends(query)
            #expect(answers.engine == answers.fts5, "\(query)")
        }
        let compared = try TalkSearchBinary.run(["compare", "--index", index, "--queries", try DefaultQueries.path()])
        #expect(compared.status == 0, "\(compared.standardOutput)")
        #expect(compared.standardOutput.contains("16 of 16 queries agree, 0 differ (7 talks, tokenizer porter, limit 10)"))

        // The same id again replaces the talk (deleted where it was, added with the next rowid).
        let renamed = Self.newTalk.replacingOccurrences(of: "Learning to Rank Talks", with: "Ordering Lectures")
        let replaced = try TalkSearchBinary.run(["add", "--catalog", try seed.directory.write("renamed.jsonl", renamed + "\n"), "--index", index])
        #expect(replaced.standardOutput.hasPrefix("Added 0 talks, replaced 1; the index has 7 talks\n"))
        #expect(try TalkSearchBinary.run(["search", "title:rank", "--index", index]).standardOutput.hasPrefix("0 talks match"))
        #expect(try TalkSearchBinary.run(["search", "lectures", "--index", index]).standardOutput.contains("Ordering Lectures"))
    }

    @Test func anUpdateWritesOnlyItsTalksAndLinksTheRest() throws {
        func segmentFile() throws -> (inode: UInt64, generation: String) {
            let generation = try UpdateDifferentialTests.current(index)
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(index)/\(generation)/engine-000001.tsidx")
            return (try #require(attributes[.systemFileNumber] as? UInt64), generation)
        }
        let before = try segmentFile()
        let added = try TalkSearchBinary.run(["add", "--catalog", try seed.directory.write("new.jsonl", Self.newTalk + "\n"), "--index", index])
        #expect(added.standardOutput.contains("Engine: 2 segments, 1 talks written\n"), "\(added.standardOutput)")
        let after = try segmentFile()
        #expect(after.generation != before.generation)
        #expect(after.inode == before.inode, "the untouched segment is the same file, hard-linked into the new generation")
        // Deleting marks the talk deleted: no segment is written.
        let deleted = try TalkSearchBinary.run(["delete", "ini-mathematics-of-deep-learning-2019/a-stable-learning-framework", "--index", index])
        #expect(deleted.standardOutput.contains("Engine: 2 segments, 0 talks written\n"), "\(deleted.standardOutput)")
        let checked = try TalkSearchBinary.run(["check", "--index", index])
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardOutput.contains("engine: 6 documents in 2 segments"))
    }

    @Test func deleteRemovesFromBothBackends() throws {
        let id = "ini-mathematics-of-deep-learning-2019/the-ethics-of-algorithmic-decision-making"
        let deleted = try TalkSearchBinary.run(["delete", id, "--index", index])
        #expect(deleted.status == 0, "\(deleted.standardError)")
        #expect(deleted.standardOutput.hasPrefix("Deleted 1 talks; the index has 5 talks\n"))
        for backend in ["engine", "fts5"] {
            let output = try TalkSearchBinary.run(["search", "ethics", "--index", index, "--backend", backend])
            #expect(output.standardOutput.hasPrefix("0 talks match"), "\(backend)")
        }
        let answers = try bothBackends("learning OR robustness")
        #expect(answers.engine == answers.fts5)
        let compared = try TalkSearchBinary.run(["compare", "--index", index, "--queries", try DefaultQueries.path()])
        #expect(compared.standardOutput.contains("16 of 16 queries agree, 0 differ (5 talks, tokenizer porter, limit 10)"))
    }

    @Test func failedUpdatesLeaveTheIndexAsItWas() throws {
        let before = try TalkSearchBinary.run(["search", "learning", "--index", index, "--format", "json"]).standardOutput
        let unknown = try TalkSearchBinary.run(["delete", "no/such-talk", "--index", index])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("delete failed, the index is unchanged: no talk with id \"no/such-talk\" in the index; nothing was deleted"))
        let bad = try seed.directory.write("bad.jsonl", Self.newTalk + "\n" + #"{"id": "x", "title": 5}"# + "\n")
        let broken = try TalkSearchBinary.run(["add", "--catalog", bad, "--index", index])
        #expect(broken.status != 0)
        #expect(broken.standardError.contains("bad.jsonl:2: title"), "\(broken.standardError)")
        let all = try TalkSearchBinary.run(["delete", "--index", index] + (try seedIDs()))
        #expect(all.standardError.contains("deleting every talk would leave an empty index"))
        #expect(try TalkSearchBinary.run(["search", "learning", "--index", index, "--format", "json"]).standardOutput == before)
        let good = try seed.directory.write("good.jsonl", Self.newTalk + "\n")
        #expect(try TalkSearchBinary.run(["add", "--catalog", good, "--index", seed.directory.file("none")]).standardError
            .contains("no index to update"))
    }

    func seedIDs() throws -> [String] {
        try String(contentsOfFile: SharedData.seedCatalog, encoding: .utf8).split(separator: "\n").compactMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }
}

/// The seed catalog's query file in Corpus/.
enum DefaultQueries {
    static func path() throws -> String {
        SharedData.repositoryRoot.appendingPathComponent("Corpus/ini-mathematics-of-deep-learning-2019-queries.tsv").path
    }
}
