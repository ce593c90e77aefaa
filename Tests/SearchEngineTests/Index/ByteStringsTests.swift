import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct ByteStringsTests {
    /// Ids are first-seen order, a known string gets its id back, across many table growths, and a
    /// long string is kept whole (the builder cuts tokens, not the table).
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
        let (id, isNew) = long.withUnsafeBufferPointer { strings.intern($0) }
        #expect(isNew && strings.strings[id] == long)
    }

    /// The union of several tables visits each distinct string once, in byte order (memcmp then
    /// length: a prefix before its extensions, zero bytes and bytes above 0x7F unsigned, strings that
    /// share their first 8 bytes), with every (table, id) that holds it, tables ascending.
    @Test func theUnionVisitsEachStringInByteOrderWithItsHolders() {
        var random = SeededRandom(seed: 5)
        var lists = [ByteStrings](repeating: ByteStrings(), count: 3)
        var model: [[UInt8]: [(list: Int, id: Int)]] = [:]
        for list in 0..<3 {
            for _ in 0..<800 {
                let length = Int.random(in: 0...12, using: &random)
                let string: [UInt8] = (0..<length).map { _ in [0, 1, 97, 127, 128, 255].randomElement(using: &random)! }
                let (id, isNew) = string.withUnsafeBufferPointer { lists[list].intern($0) }
                if isNew { model[string, default: []].append((list, id)) }
            }
        }
        var visited: [([UInt8], [(list: Int, id: Int)])] = []
        ByteStrings.union(lists) { string, holders in visited.append((Array(string), holders)) }
        #expect(visited.map(\.0) == model.keys.sorted { $0.lexicographicallyPrecedes($1) })
        for (string, holders) in visited {
            #expect(holders.map(\.list) == model[string]!.map(\.list) && holders.map(\.id) == model[string]!.map(\.id))
        }
        var none = false
        ByteStrings.union([ByteStrings(), ByteStrings()]) { _, _ in none = true }
        #expect(!none)
    }
}
