import Testing
@testable import SearchEngine

@Suite struct ResultComparisonTests {
    func results(_ hits: [(String, Double)], total: Int? = nil) -> Result<SearchResults, SearchError> {
        .success(SearchResults(query: "q", totalMatches: total ?? hits.count,
                               hits: hits.enumerated().map { SearchHit(ordinal: Int64($0 + 1), id: $1.0, score: $1.1) }))
    }

    @Test func agreementAndEachKindOfDifference() {
        #expect(ResultComparison.compare(expected: results([("a", 1.0)]), actual: results([("a", 1.0 + 1e-15)])) == .agree)
        #expect(ResultComparison.compare(expected: results([("a", 1.0)]), actual: results([("a", 1.0 + 1e-9)])) == .score(rank: 1, id: "a", expected: 1.0, actual: 1.0 + 1e-9))
        #expect(ResultComparison.compare(expected: results([("a", 1), ("b", 1)]), actual: results([("b", 1), ("a", 1)])) == .hit(rank: 1, expected: "a", actual: "b"))
        #expect(ResultComparison.compare(expected: results([("a", 1)], total: 5), actual: results([("a", 1)], total: 4)) == .totalMatches(expected: 5, actual: 4))
        let rejected: Result<SearchResults, SearchError> = .failure(.invalidQuery(message: "m", position: nil))
        #expect(ResultComparison.compare(expected: rejected, actual: .failure(.invalidQuery(message: "m", position: 3))) == .agree)
        #expect(ResultComparison.compare(expected: rejected, actual: results([])) == .acceptance(expected: "rejected: m", actual: "accepted"))
    }
}
