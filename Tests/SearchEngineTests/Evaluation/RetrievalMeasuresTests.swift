import Foundation
import Testing
import TestSupport
@testable import SearchEngine

/// Our measures against trec_eval's own, on the committed fixture made by
/// Fixtures/make-trec-eval-fixture.py (pytrec_eval, which wraps trec_eval's C code).
@Suite struct RetrievalMeasuresTests {
    static let fixturePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/trec-eval-fixture.json").path

    @Test func measuresEqualTrecEvals() throws {
        let fixture = try #require(try JSONFixtures.object(Self.fixturePath) as? [String: Any])
        let qrels = try Qrels.parse(try #require(fixture["qrels"] as? String), file: "fixture qrels")
        let run = try TrecRun.parse(try #require(fixture["run"] as? String), file: "fixture run")
        let evaluation = RunEvaluation(run: run, qrels: qrels)
        let expected = try #require(fixture["per_query"] as? [String: [String: Double]])
        #expect(evaluation.perQuery.count == 30)
        func close(_ a: Double, _ b: Double?) -> Bool { b.map { abs(a - $0) <= 1e-12 } ?? false }
        for (query, measures) in evaluation.perQuery {
            let wanted = try #require(expected[query])
            #expect(close(measures.ndcgAt10, wanted["ndcg_at_10"]), "query \(query) nDCG@10 \(measures.ndcgAt10) vs \(wanted)")
            #expect(close(measures.averagePrecision, wanted["map"]), "query \(query) AP")
            #expect(close(measures.precisionAt10, wanted["p_at_10"]), "query \(query) P@10")
            #expect(close(measures.recallAt100, wanted["recall_at_100"]), "query \(query) R@100")
        }
        let mean = try #require(fixture["mean"] as? [String: Double])
        #expect(close(evaluation.mean.ndcgAt10, mean["ndcg_at_10"]) && close(evaluation.mean.averagePrecision, mean["map"]))
        #expect(close(evaluation.mean.precisionAt10, mean["p_at_10"]) && close(evaluation.mean.recallAt100, mean["recall_at_100"]))
    }

    @Test func tiesAreBrokenByDocumentIDDescending() {
        let run = TrecRun(entries: ["1": [.init(document: "d1", score: 1), .init(document: "d3", score: 2), .init(document: "d2", score: 2)]])
        #expect(run.ranked("1").map(\.document) == ["d3", "d2", "d1"])
    }

    @Test func malformedLinesAreNamed() {
        #expect(throws: EvaluationError("q.txt:2: expected QUERYID ITERATION DOCID RELEVANCE, got \"1 0 d2\"")) {
            try Qrels.parse("1 0 d1 1\n1 0 d2\n", file: "q.txt")
        }
        #expect(throws: EvaluationError.self) { try TrecRun.parse("1 Q0 d1 1 notanumber tag\n", file: "r.txt") }
    }
}
