import Testing
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

    @Test func columnsNeverMeet() {
        var buffers = [p([0], column: 0), p([0], column: 1)]
        #expect(!NearMatcher.filter(&buffers, phraseLengths: [1, 1], distance: 100))
    }
}
