import Testing
import TestSupport
@testable import SearchEngine

@Suite struct TopKTests {
    @Test func selectsTheSortedPrefix() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 0...60, using: &random)).map { _ in (Int.random(in: 0...9, using: &random), Int.random(in: 0...1000, using: &random)) }
            let limit = Int.random(in: 0...70, using: &random)
            let order: ((Int, Int), (Int, Int)) -> Bool = { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            let expected = Array(values.sorted(by: order).prefix(limit))
            let actual = TopK.select(values, limit: limit, by: order)
            #expect(actual.map(\.0) == expected.map(\.0) && actual.map(\.1) == expected.map(\.1))
        }
    }
}
