import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

@Suite struct TopKTests {
    @Test func selectsTheSortedPrefix() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                RankedDocument(ordinal: Int64.random(in: 0...1000, using: &random), bm25: Double(Int.random(in: -9...0, using: &random)))
            }
            let limit = Int.random(in: 0...70, using: &random)
            #expect(TopK.select(values, limit: limit) == Array(values.sorted().prefix(limit)))
        }
    }

    @Test func tiesGoToTheLowerOrdinal() {
        let values = [RankedDocument(ordinal: 9, bm25: -1), RankedDocument(ordinal: 2, bm25: -1), RankedDocument(ordinal: 5, bm25: -2)]
        #expect(TopK.select(values, limit: 2).map(\.ordinal) == [5, 2])
    }
}
