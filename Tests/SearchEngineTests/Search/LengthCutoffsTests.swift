import Testing
import TalkCatalog
@testable import SearchEngine

/// ``LengthCutoffs`` bounds each count's lengths by the shortest rejected one, and documents passed
/// over by those bounds never change the best kept: offered in ordinal order, or leaf by leaf out of
/// it with ties across the leaves, the best are what scoring every document gives.
@Suite struct LengthCutoffsTests {
    static let rankings = [
        FTS5BM25(documentCount: 21_715, totalTokens: 3_100_000, phraseDocumentFrequencies: [9_000, 9_000]),
        FTS5BM25(documentCount: 50, totalTokens: 900, phraseDocumentFrequencies: [20, 20]),
        FTS5BM25(documentCount: 10, totalTokens: 40, phraseDocumentFrequencies: [9, 9]), // IDF floor
    ]

    @Test func theCutoffIsTheShortestRejectedLengthLessOne() {
        var cutoffs = LengthCutoffs(phrase: 0, size: 8)
        #expect(cutoffs.cutoff(count: 3) == Int.max, "nothing rejected yet: every length may enter")
        cutoffs.refine(count: 3, below: 40)
        #expect(cutoffs.cutoff(count: 3) == 39)
        cutoffs.refine(count: 3, below: 55)
        #expect(cutoffs.cutoff(count: 3) == 39, "a longer rejection says nothing new")
        cutoffs.refine(count: 3, below: 12)
        #expect(cutoffs.cutoff(count: 3) == 11)
        #expect(cutoffs.cutoff(count: 2) == Int.max, "each count has its own")
        cutoffs.refine(count: 8, below: 5)
        #expect(cutoffs.cutoff(count: 8) == Int.max, "counts past the table are always scored")
        var pairs = LengthCutoffs.combinations(of: [0, 1])
        #expect(pairs.radix == 16 && pairs.key(of: [3, 2]) == (key: 35, most: 3))
        #expect(pairs.key(of: [16, 1]).key == pairs.size, "a count at the radix has no key")
        pairs.refine(count: 35, below: 7)
        #expect(pairs.cutoff(count: 35) == 6)
        #expect(LengthCutoffs.combinations(of: [0, 1, 2, 3, 4]).key(of: [1, 1, 1, 1, 1]).key == 1, "five terms: no keys")
    }

    /// Documents as one pass over a list offers them (the evaluator's `offer`): passed over beyond their
    /// count's cutoff, else scored, and the cutoff refined when they do not enter.
    static func offer(_ documents: [(ordinal: Int32, count: Int32, length: Int)], phrase: Int, ranking: FTS5BM25, weight: Double,
                      best: inout QueryEvaluator.BestKept) {
        var cutoffs = LengthCutoffs(phrase: phrase, size: 8)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        for document in documents {
            let cutoff = cutoffs.cutoff(count: Int(document.count))
            if cutoff < Int(document.count) || document.length > cutoff { continue }
            frequencies[phrase] = QueryEvaluator.termFrequency(document.count, weight: weight)
            if !best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: document.length), ordinal: document.ordinal) {
                cutoffs.refine(count: Int(document.count), below: document.length)
            }
        }
    }

    /// 4,000 documents with counts 1 to 9 (some past the table) and lengths from 9, many of them tying;
    /// one pass in ordinal order, or two (the odd ordinals as one leaf, then the even as another
    /// whose term has the same IDF, as an OR's leaf passes go): the best are every document's best.
    /// The key of two counts without an array is the key of the array of them, in range and out.
    @Test func twoCountsHaveTheKeyOfTheirArray() {
        let pairs = LengthCutoffs.combinations(of: [4, 1])
        for first in Int32(0)...40 {
            for second in Int32(0)...40 {
                let direct = pairs.key(first, second), array = pairs.key(of: [first, second])
                #expect(direct.key == array.key && direct.most == array.most, "\(first) \(second)")
            }
        }
        #expect(pairs.key(Int32.max, 3) == (key: pairs.size, most: Int(Int32.max)))
    }

    @Test(arguments: rankings.indices, [1.0, 0.5])
    func passingOverByTheCutoffsKeepsTheBest(ranking: Int, weight: Double) {
        let bm25 = Self.rankings[ranking]
        var random = SeededRandom(seed: 20261203 + UInt64(ranking))
        // Half the lengths 9 to 40, where most ties are; half 9 to 2,000, where neighbouring lengths
        // score so close that a bound one too tight passes over documents that enter.
        let documents = (1...4000).map { ordinal in
            (ordinal: Int32(ordinal), count: Int32(Int.random(in: 1...9, using: &random)),
             length: Int.random(in: 9...(ordinal % 4 < 2 ? 40 : 2_000), using: &random))
        }
        func score(_ document: (ordinal: Int32, count: Int32, length: Int)) -> Double {
            var frequencies = [0.0, 0.0]
            frequencies[Int(document.ordinal) % 2] = QueryEvaluator.termFrequency(document.count, weight: weight)
            return bm25.bm25(frequencies: frequencies, documentLength: document.length)
        }
        #expect(Set(documents.map(score)).count < 3_000, "many ties")
        for limit in [1, 5, 10, 50, 400, 1_500] {
            let expected = documents.map { (score($0), $0.ordinal) }.sorted { $0 < $1 }.prefix(limit).map { "\($0.1) \($0.0)" }
            // One pass in ordinal order, the phrase of each document its ordinal's parity (as one
            // pass over an AND's or a union's counts sees documents whose combinations differ).
            var inOrder = QueryEvaluator.BestKept(limit: limit)
            var cutoffs = [LengthCutoffs(phrase: 0, size: 8), LengthCutoffs(phrase: 1, size: 8)]
            for document in documents {
                let phrase = Int(document.ordinal) % 2
                let cutoff = cutoffs[phrase].cutoff(count: Int(document.count))
                if cutoff < Int(document.count) || document.length > cutoff { continue }
                var frequencies = [0.0, 0.0]
                frequencies[phrase] = QueryEvaluator.termFrequency(document.count, weight: weight)
                if !inOrder.offer(bm25: bm25.bm25(frequencies: frequencies, documentLength: document.length), ordinal: document.ordinal) {
                    cutoffs[phrase].refine(count: Int(document.count), below: document.length)
                }
            }
            #expect(inOrder.ranked().map { "\($0.ordinal) \($0.bm25)" } == expected, "ranking \(ranking) weight \(weight) limit \(limit) in order")
            // Leaf by leaf: the odd ordinals' pass, then the even ones', each with cutoffs of its own;
            // the even documents win their ties with odd ones kept before them by their lower ordinals.
            var byLeaf = QueryEvaluator.BestKept(limit: limit)
            for phrase in [1, 0] {
                Self.offer(documents.filter { Int($0.ordinal) % 2 == phrase }, phrase: phrase, ranking: bm25, weight: weight, best: &byLeaf)
            }
            #expect(byLeaf.ranked().map { "\($0.ordinal) \($0.bm25)" } == expected, "ranking \(ranking) weight \(weight) limit \(limit) by leaf")
        }
    }
}
