import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct ByteStringsTests {
    /// Ids are first-seen order, a known string gets its id back, across many table growths, and
    /// strings are cut at the longest token the index keeps.
    @Test func numbersStringsInFirstSeenOrder() {
        var random = SeededRandom(seed: 9)
        var strings = ByteStrings()
        var expected: [[UInt8]: Int] = [:]
        var order: [[UInt8]] = []
        for _ in 0..<20_000 {
            let string = (0..<Int.random(in: 0...6, using: &random)).map { _ in UInt8.random(in: 97...102, using: &random) }
            let (id, isNew) = string.withUnsafeBufferPointer { strings.intern($0) }
            if let known = expected[string] {
                #expect(id == known && !isNew)
            } else {
                #expect(id == order.count && isNew)
                expected[string] = id
                order.append(string)
            }
        }
        #expect(strings.strings == order)
        let long = [UInt8](repeating: 120, count: QueryParser.maximumTokenBytes + 10)
        let (id, _) = long.withUnsafeBufferPointer { strings.intern($0) }
        #expect(strings.strings[id].count == QueryParser.maximumTokenBytes)
    }
}
