import Testing
import TalkCatalog
@testable import SearchEngine

/// ``LengthCutoffs`` keeps, per count, a bound that never lets an entering length be skipped, and that
/// is exactly the last entering length once a document that did not enter refined it, as the worst
/// kept score falls step by step.
@Suite struct LengthCutoffsTests {
    static let rankings = [
        FTS5BM25(documentCount: 21_715, totalTokens: 3_100_000, phraseDocumentFrequencies: [9_000]),
        FTS5BM25(documentCount: 50, totalTokens: 900, phraseDocumentFrequencies: [3, 20]),
        FTS5BM25(documentCount: 10, totalTokens: 40, phraseDocumentFrequencies: [9]), // IDF floor
    ]

    @Test(arguments: rankings.indices, [1.0, 0.5, 3.0])
    func refinedCutoffIsTheLastLengthThatEnters(ranking: Int, weight: Double) {
        let bm25 = Self.rankings[ranking]
        let phrase = bm25.inverseDocumentFrequencies.count - 1
        var cutoffs = LengthCutoffs(ranking: bm25, weight: weight, phrase: phrase, size: 12)
        func score(_ count: Int, _ length: Int) -> Double {
            var frequencies = [Double](repeating: 0, count: bm25.inverseDocumentFrequencies.count)
            frequencies[phrase] = QueryEvaluator.termFrequency(Int32(count), weight: weight)
            return bm25.bm25(frequencies: frequencies, documentLength: length)
        }
        #expect(cutoffs.cutoff(count: 3) == Int.max, "no worst kept yet: everything may enter")
        // Worst kept scores falling from a long document's score to the best possible one of count 1.
        var worsts = [score(1, 5_000), score(2, 700), score(1, 40), score(5, 90), score(3, 12), score(11, 11), score(4, 4), score(1, 0)]
        worsts.sort(by: >)
        var previous = [Int](repeating: Int.max, count: 12)
        for worst in worsts {
            cutoffs.lower(to: worst)
            for count in 1..<12 {
                // Still a bound before refining: every length that enters now is within it.
                let stale = cutoffs.cutoff(count: count)
                #expect(stale == previous[count])
                if stale < Int.max { #expect(!(score(count, stale + 1) < worst)) }
                cutoffs.refine(count: count, below: Int(Int32.max))
                let cutoff = cutoffs.cutoff(count: count)
                #expect(cutoff <= stale)
                previous[count] = cutoff
                if cutoff >= 0 { #expect(score(count, cutoff) < worst, "count \(count) cutoff \(cutoff)") }
                #expect(!(score(count, cutoff + 1) < worst), "count \(count): length \(cutoff + 1) enters too")
            }
            cutoffs.refine(count: 12, below: 5)
            #expect(cutoffs.cutoff(count: 12) == Int.max, "counts past the table are always scored")
        }
        #expect(cutoffs.cutoff(count: 1) == -1, "at the best score of count 1 nothing of count 1 enters")
    }

    /// Refined keeping ties, a cutoff admits the lengths whose bm25 equals the worst kept (a document
    /// offered out of ordinal order may win such a tie) and no longer one; refined without, it stops
    /// below them.
    @Test(arguments: [1.0, 0.5])
    func refinedKeepingTiesAdmitsTheTyingLength(weight: Double) {
        let bm25 = Self.rankings[1]
        func score(_ count: Int, _ length: Int) -> Double {
            var frequencies = [Double](repeating: 0, count: 2)
            frequencies[1] = QueryEvaluator.termFrequency(Int32(count), weight: weight)
            return bm25.bm25(frequencies: frequencies, documentLength: length)
        }
        for (count, length) in [(1, 1), (1, 17), (2, 30), (3, 3), (5, 400)] {
            let worst = score(count, length)
            var inclusive = LengthCutoffs(ranking: bm25, weight: weight, phrase: 1, size: 8)
            var exclusive = inclusive
            inclusive.lower(to: worst)
            exclusive.lower(to: worst)
            inclusive.refine(count: count, below: 10_000, keepingTies: true)
            exclusive.refine(count: count, below: 10_000)
            let kept = inclusive.cutoff(count: count), cut = exclusive.cutoff(count: count)
            #expect(kept >= length && score(count, kept) <= worst && score(count, kept + 1) > worst, "count \(count) length \(length)")
            #expect(cut < length && score(count, cut + 1) >= worst, "count \(count) length \(length)")
            // A tying document of that very length, refined up to itself, keeps its length within.
            inclusive.refine(count: count, below: length, keepingTies: true)
            #expect(inclusive.cutoff(count: count) == length)
        }
    }

    /// The search (Newton's guess, a gallop, a binary search) finds what a scan of every length finds:
    /// the last length within the bound whose bm25 enters, for one to three phrases at several counts,
    /// worst kept scores from a long document's to the best, bounds small and large, ties kept or not.
    @Test(arguments: rankings.indices)
    func searchAgreesWithAScanOfEveryLength(ranking: Int) {
        let bm25 = Self.rankings[ranking]
        let phrases = bm25.inverseDocumentFrequencies.count
        var generator = SeededRandom(seed: UInt64(ranking) + 7)
        for _ in 0..<300 {
            var frequencies = [Double](repeating: 0, count: phrases)
            for phrase in 0..<phrases where generator.next() % 3 != 0 {
                frequencies[phrase] = QueryEvaluator.termFrequency(Int32(1 + generator.next() % 9), weight: [1.0, 0.5, 3.0][Int(generator.next() % 3)])
            }
            var other = frequencies
            other[Int(generator.next() % UInt64(phrases))] += 1
            let worst = bm25.bm25(frequencies: other, documentLength: Int(generator.next() % 3_000))
            let upper = [0, 1, 5, 64, 2_000, 3_000][Int(generator.next() % 6)]
            for inclusive in [false, true] {
                func enters(_ length: Int) -> Bool {
                    let score = bm25.bm25(frequencies: frequencies, documentLength: length)
                    return inclusive ? score <= worst : score < worst
                }
                let scanned = (0...upper).last(where: enters) ?? -1
                let found = LengthCutoffs.search(bm25, frequencies: frequencies, worst: worst, inclusive: inclusive, below: upper)
                #expect(found == scanned, "frequencies \(frequencies) worst \(worst) upper \(upper) inclusive \(inclusive)")
            }
        }
    }
}

