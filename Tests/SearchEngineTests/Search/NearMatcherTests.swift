import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct NearMatcherTests {
    func p(_ offsets: [Int], column: Int = 0) -> [Position] { offsets.map { Positions.make(column: column, offset: $0) } }

    /// `NEAR(a b)` on "a b x x x x x x x x x x x x a": only the first `a` takes part.
    @Test func onlyOccurrencesInAMatchAreKept() {
        var buffers = [p([0, 14]), p([1])]
        #expect(NearMatcher.filter(&buffers, phraseLengths: [1, 1], distance: 10))
        #expect(buffers == [p([0]), p([1])])
    }

    @Test func distanceCountsTokensBetweenPhrases() {
        var near = [p([0]), p([3])]
        #expect(NearMatcher.filter(&near, phraseLengths: [1, 1], distance: 2))
        var far = [p([0]), p([3])]
        #expect(!NearMatcher.filter(&far, phraseLengths: [1, 1], distance: 1))
        #expect(far == [[], []])
    }

    /// The flat filter's frequencies are what the buffered filter keeps, added up: 3,000 random
    /// documents of 2 to 4 phrases (lengths 1 to 3, positions in two columns), distances 0 to 12;
    /// each phrase's frequency is the sum of its kept positions' column weights, in order.
    @Test func theFlatSweepKeepsWhatTheBufferedOneKeeps() {
        var random = SeededRandom(seed: 20261203)
        let weights = [1.5, 0.25]
        var scratch = NearMatcher.Scratch()
        var matches = 0
        for _ in 0..<3000 {
            let phrases = Int.random(in: 2...4, using: &random)
            let lengths = (0..<phrases).map { _ in Int.random(in: 1...3, using: &random) }
            let distance = Int.random(in: 0...12, using: &random)
            var buffers: [[Position]] = []
            for _ in 0..<phrases {
                var offsets = Set<Position>()
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    offsets.insert(Positions.make(column: Int.random(in: 0...1, using: &random), offset: Int.random(in: 0...40, using: &random)))
                }
                buffers.append(offsets.sorted())
            }
            let flat = buffers.flatMap { $0 }
            var starts = [0]
            for buffer in buffers { starts.append(starts[starts.count - 1] + buffer.count) }
            var frequencies = [Double](repeating: 7, count: phrases)
            let flatMatched = NearMatcher.filterFlat(flat, starts: starts, phraseLengths: lengths, distance: distance, weights: weights,
                                                     scratch: &scratch, frequencies: &frequencies)
            var kept = buffers
            let matched = NearMatcher.filter(&kept, phraseLengths: lengths, distance: distance)
            #expect(flatMatched == matched, "\(buffers) lengths \(lengths) distance \(distance)")
            let expected = kept.map { $0.reduce(0.0) { $0 + weights[Positions.column($1)] } }
            #expect(frequencies == expected, "\(buffers) lengths \(lengths) distance \(distance)")
            if matched { matches += 1 }
        }
        #expect(matches > 300 && matches < 2700, "\(matches) of 3000 matched")
    }

    @Test func columnsNeverMeet() {
        var buffers = [p([0], column: 0), p([0], column: 1)]
        #expect(!NearMatcher.filter(&buffers, phraseLengths: [1, 1], distance: 100))
    }
}
