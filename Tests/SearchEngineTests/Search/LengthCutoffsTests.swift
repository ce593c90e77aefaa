import Testing
@testable import SearchEngine

/// ``LengthCutoffs`` gives, for every count, exactly the lengths whose bm25 ranks before the worst kept
/// one, as the worst kept score falls step by step (the cutoffs shrink and are searched again).
@Suite struct LengthCutoffsTests {
    static let rankings = [
        FTS5BM25(documentCount: 21_715, totalTokens: 3_100_000, phraseDocumentFrequencies: [9_000]),
        FTS5BM25(documentCount: 50, totalTokens: 900, phraseDocumentFrequencies: [3]),
        FTS5BM25(documentCount: 10, totalTokens: 40, phraseDocumentFrequencies: [9]), // IDF floor
    ]

    @Test(arguments: rankings.indices, [1.0, 0.5, 3.0])
    func cutoffIsTheLastLengthThatEnters(ranking: Int, weight: Double) {
        let bm25 = Self.rankings[ranking]
        var cutoffs = LengthCutoffs(ranking: bm25, weight: weight, size: 12)
        func score(_ count: Int, _ length: Int) -> Double {
            bm25.bm25(frequencies: [QueryEvaluator.termFrequency(Int32(count), weight: weight)], documentLength: length)
        }
        #expect(cutoffs.cutoff(count: 3) == Int.max, "no worst kept yet: everything enters")
        // Worst kept scores falling from a long document's score to below the best possible one.
        var worsts = [score(1, 5_000), score(2, 700), score(1, 40), score(5, 90), score(3, 12), score(11, 11), score(4, 4)]
        worsts.append(score(1, 0))
        worsts.sort(by: >)
        var previous = [Int](repeating: Int.max, count: 12)
        for worst in worsts {
            cutoffs.lower(to: worst)
            for count in 1..<12 {
                let cutoff = cutoffs.cutoff(count: count)
                #expect(cutoff <= previous[count])
                previous[count] = cutoff
                if cutoff >= 0 { #expect(score(count, cutoff) < worst, "count \(count) cutoff \(cutoff)") }
                #expect(!(score(count, cutoff + 1) < worst), "count \(count): length \(cutoff + 1) enters too")
            }
            #expect(cutoffs.cutoff(count: 12) == Int.max, "counts past the table are always scored")
        }
        #expect(cutoffs.cutoff(count: 1) == -1, "below the best score nothing enters")
    }
}
