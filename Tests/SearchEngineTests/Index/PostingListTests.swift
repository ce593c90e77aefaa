import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct PostingListTests {
    /// Random lists of a prefix's terms: distinct terms never share a position in a document.
    static func lists(seed: UInt64, count: Int, universe: Int) -> [PostingList] {
        var random = SeededRandom(seed: seed)
        var taken = Set<[Int64]>()
        return (0..<count).map { _ in
            var list = PostingList()
            for document in 1...universe where Int.random(in: 0..<4, using: &random) == 0 {
                var positions = Set<Int64>()
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let position = Positions.make(column: Int.random(in: 0..<3, using: &random), offset: Int.random(in: 0..<40, using: &random))
                    if taken.insert([Int64(document), position]).inserted { positions.insert(position) }
                }
                for position in positions.sorted() { list.append(document: Int32(document), position: position) }
            }
            return list
        }
    }

    /// The counting union and the k-way merge build the same list.
    @Test(arguments: [4, 9, 30])
    func denseUnionEqualsTheMerge(lists count: Int) {
        let lists = Self.lists(seed: UInt64(count), count: count, universe: 200)
        let merged = PostingList.union(lists)
        #expect(PostingList.denseUnion(lists, universe: 200) == merged)
        #expect(PostingList.union(lists, universe: 200) == merged)
        #expect(merged.documents == Array(Set(lists.flatMap(\.documents))).sorted())
    }

    /// Lists read without positions (a prefix in a query that needs only counts) merge to the same
    /// documents, each with the sum of its counts, by every union path (two lists, sorted keys, counting).
    @Test(arguments: [2, 3, 9])
    func unionsWithoutPositionsSumTheCounts(lists count: Int) {
        let lists = Self.lists(seed: UInt64(100 + count), count: count, universe: 200)
        let full = PostingList.union(lists, universe: 200)
        let countsOnly = lists.map { list in
            var stripped = list
            stripped.positions = []
            stripped.detail = .counts
            return stripped
        }
        for union in [PostingList.union(countsOnly), PostingList.union(countsOnly, universe: 200)] {
            #expect(union.detail == .counts && union.positions.isEmpty)
            #expect(union.documents == full.documents)
            #expect(union.positionStarts == full.positionStarts)
        }
    }
}
