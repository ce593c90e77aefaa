import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

@Suite struct SharedSlotsTests {
    /// The slot pairs of two ascending lists' shared ordinals, by a plain search.
    static func expected(_ a: [Int32], _ b: [Int32]) -> (first: [Int32], second: [Int32]) {
        var first: [Int32] = [], second: [Int32] = []
        for (slot, ordinal) in a.enumerated() {
            if let other = b.firstIndex(of: ordinal) {
                first.append(Int32(slot))
                second.append(Int32(other))
            }
        }
        return (first, second)
    }

    static func ascending(_ count: Int, below bound: Int32, using random: inout SeededRandom) -> [Int32] {
        var set = Set<Int32>()
        while set.count < count { set.insert(Int32.random(in: 1...bound, using: &random)) }
        return set.sorted()
    }

    @Test func findsEverySharedOrdinalAtItsSlots() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let bound = Int32.random(in: 8...400, using: &random)
            let m = Int.random(in: 1...min(60, Int(bound)), using: &random)
            let n = Int.random(in: max(1, (m + 7) / 8)...min(Int(bound), 8 * m), using: &random)
            let a = Self.ascending(m, below: bound, using: &random), b = Self.ascending(n, below: bound, using: &random)
            let found = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } }
            let want = Self.expected(a, b)
            #expect(found?.first == want.first && found?.second == want.second, "\(a) \(b)")
        }
    }

    @Test func identicalAndDisjointLists() {
        let a: [Int32] = [2, 5, 9, 14], b: [Int32] = [1, 3, 4, 20]
        let same = a.withUnsafeBufferPointer { x in a.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } }
        #expect(same?.first == [0, 1, 2, 3] && same?.second == [0, 1, 2, 3])
        let none = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } }
        #expect(none?.first == [] && none?.second == [])
    }

    /// Beyond the ratio (and for an empty list) the caller searches instead: nil.
    @Test func leavesFarLongerListsToTheSearch() {
        let short: [Int32] = [5], long = (1...Int32(SharedSlots.mergeRatio + 1)).map { $0 }
        let exact = Array(long.dropLast())
        #expect(short.withUnsafeBufferPointer { x in long.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } } == nil)
        #expect(short.withUnsafeBufferPointer { x in exact.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } }?.first == [0])
        let empty: [Int32] = []
        #expect(empty.withUnsafeBufferPointer { x in long.withUnsafeBufferPointer { y in SharedSlots.merged(x, y) } } == nil)
    }
}
