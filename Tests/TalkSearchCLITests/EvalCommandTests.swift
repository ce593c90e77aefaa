import Foundation
import Testing
import TestSupport

@Suite struct EvalCommandTests {
    /// A three-document collection small enough to work the measures out by hand.
    @Test func measuresATinyCollectionExactly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("tiny/docs.jsonl", """
            {"id": "a", "title": "wing lift", "text": "lift of a wing in a slipstream"}
            {"id": "b", "title": "heat transfer", "text": "heat conduction in slabs"}
            {"id": "c", "title": "boundary layer", "text": "the boundary layer and lift"}
            """)
        try directory.write("tiny/queries.jsonl", #"{"id": "1", "text": "wing lift?"}"# + "\n" + #"{"id": "2", "text": "heat"}"# + "\n")
        try directory.write("tiny/qrels.txt", "1 0 a 2\n1 0 c 1\n2 0 b 1\n2 0 c 0\n")
        let runPath = directory.file("run.txt")
        let output = try TalkSearchBinary.run(["eval", "--collection", directory.file("tiny"), "--run", runPath, "--per-query"])
        #expect(output.status == 0, "\(output.standardError)")
        // Query 1 ranks a then c (both relevant): AP 1, P@10 0.2, R@100 1, nDCG 1. Query 2 ranks b alone.
        #expect(output.standardOutput.maskingMeasurements == """
            tiny: 2 judged queries, 3 documents; backend engine, tokenizer porter, scoring fts5
            query\tnDCG@10\tMAP\tP@10\tR@100
            1\t1.0000\t1.0000\t0.2000\t1.0000
            2\t1.0000\t1.0000\t0.1000\t1.0000
            nDCG@10 1.0000  MAP 1.0000  P@10 0.1500  R@100 1.0000
            2 queries in #

            """)
        let run = try String(contentsOfFile: runPath, encoding: .utf8).split(separator: "\n")
        #expect(run.count == 3)
        #expect(run[0].hasPrefix("1 Q0 a 1 ") && run[0].hasSuffix(" talksearch-engine"))
        #expect(run[1].hasPrefix("1 Q0 c 2 ") && run[2].hasPrefix("2 Q0 b 1 "))
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func bothBackendsMeasureTheSameOnADI() throws {
        let engine = try TalkSearchBinary.run(["eval", "--collection", SharedData.path("relevance/adi")])
        let fts5 = try TalkSearchBinary.run(["eval", "--collection", SharedData.path("relevance/adi"), "--backend", "fts5"])
        #expect(engine.status == 0 && fts5.status == 0)
        let measures = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("nDCG@10") } }
        #expect(measures(engine.standardOutput) != nil)
        #expect(measures(engine.standardOutput) == measures(fts5.standardOutput))
        #expect(engine.standardOutput.hasPrefix("adi: 35 judged queries, 82 documents"))
    }

    @Test func missingInputsAreClearErrors() throws {
        let output = try TalkSearchBinary.run(["eval", "--catalog", SharedData.seedCatalog])
        #expect(output.status != 0)
        #expect(output.standardError.contains("give --collection DIR, or --catalog, --queries and --qrels"))
    }
}

@Suite struct EvalStopwordTests {
    @Test func stopwordsAreLeftOutOfTheTopics() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("c/docs.jsonl", #"{"id": "a", "text": "the wing"}"# + "\n" + #"{"id": "b", "text": "the body"}"# + "\n")
        try directory.write("c/queries.jsonl", #"{"id": "1", "text": "The wing"}"# + "\n")
        try directory.write("c/qrels.txt", "1 0 a 1\n")
        let kept = try TalkSearchBinary.run(["eval", "--collection", directory.file("c"), "--run", directory.file("kept.txt")])
        let removed = try TalkSearchBinary.run(["eval", "--collection", directory.file("c"), "--stopwords", "--run", directory.file("removed.txt")])
        #expect(kept.status == 0 && removed.status == 0)
        #expect(removed.standardOutput.contains("stopwords removed"))
        // With "the" the body document matches too; without it only the wing does.
        #expect(try String(contentsOfFile: directory.file("kept.txt"), encoding: .utf8).split(separator: "\n").count == 2)
        #expect(try String(contentsOfFile: directory.file("removed.txt"), encoding: .utf8).split(separator: "\n").count == 1)
    }
}

/// One averaged measure ("nDCG@10", "MAP", ...) of `talksearch eval` on a shared collection.
private func measure(_ name: String, collection: String, _ arguments: [String]) throws -> Double {
    let output = try TalkSearchBinary.run(["eval", "--collection", SharedData.path("relevance/\(collection)")] + arguments)
    let line = try #require(output.standardOutput.split(separator: "\n").first { $0.hasPrefix("nDCG@10") }, "\(output.standardError)")
    let fields = line.split(separator: " ")
    let position = try #require(fields.firstIndex { $0 == name })
    return try #require(Double(String(fields[position + 1])))
}

/// The defaults must keep earning their place: a default helps both Cranfield and MED, never one alone.
@Suite struct EvalDefaultsTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage), arguments: ["cranfield", "med"])
    func defaultTokenizerBeatsNoStemming(collection: String) throws {
        let standard = try measure("nDCG@10", collection: collection, [])
        let plain = try measure("nDCG@10", collection: collection, ["--tokenizer", "unicode61"])
        #expect(standard > plain + 0.01, "\(collection) nDCG@10: unicode61 \(plain), default \(standard)")
    }
}

/// RM3 must keep earning its place: on MED (porter) it raises MAP well above FTS5's bm25 alone.
@Suite struct EvalFeedbackTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func rm3ImprovesMEDOverBM25() throws {
        let baseline = try measure("MAP", collection: "med", ["--tokenizer", "porter"])
        let feedback = try measure("MAP", collection: "med", ["--tokenizer", "porter", "--scoring", "rm3"])
        #expect(feedback > baseline + 0.02, "MAP \(baseline) -> \(feedback)")
    }

    @Test func rm3NeedsTheEngine() throws {
        let output = try TalkSearchBinary.run(["search", "x", "--scoring", "rm3", "--backend", "fts5", "--index", "/nonexistent"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--scoring rm3 needs --backend engine"))
    }
}
