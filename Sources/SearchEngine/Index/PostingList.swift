import HeapModule

/// The documents containing one term, with the term's positions in each.
///
/// Layout: `documents[i]` is the i-th document ordinal (strictly increasing); its positions are
/// `positions[positionStarts[i] ..< positionStarts[i + 1]]`, strictly increasing.
public struct PostingList: Sendable, Hashable {
    public internal(set) var documents: [Int32] = []
    public internal(set) var positionStarts: [Int32] = [0]
    public internal(set) var positions: [Position] = []

    public init() {}

    public var count: Int { documents.count }

    /// The positions of the term in the i-th listed document.
    @inline(__always)
    public func positions(at index: Int) -> ArraySlice<Position> {
        positions[Int(positionStarts[index])..<Int(positionStarts[index + 1])]
    }

    /// The index of the first listed document >= `ordinal`, from `start`; `count` when none.
    public func firstIndex(atLeast ordinal: Int32, from start: Int) -> Int {
        documents.firstIndex(atLeast: ordinal, from: start)
    }

    /// Appends `list`'s documents, each ordinal plus `shift`, leaving out those `isSkipped` (by their
    /// ordinal in `list`). The shifted ordinals must be above this list's last.
    mutating func append(_ list: PostingList, shiftedBy shift: Int32, skipping isSkipped: (Int32) -> Bool) {
        documents.reserveCapacity(documents.count + list.count)
        positionStarts.reserveCapacity(positionStarts.count + list.count)
        positions.reserveCapacity(positions.count + list.positions.count)
        for slot in 0..<list.count where !isSkipped(list.documents[slot]) {
            documents.append(list.documents[slot] + shift)
            positions.append(contentsOf: list.positions(at: slot))
            positionStarts.append(Int32(positions.count))
        }
    }

    mutating func append(document: Int32, position: Position) {
        if documents.last != document {
            documents.append(document)
            positionStarts.append(positionStarts[positionStarts.count - 1])
        }
        positions.append(position)
        positionStarts[positionStarts.count - 1] += 1
    }

    /// The union of several lists: every document of any, with the merged positions (a prefix query's
    /// view of all the terms it expands to). One pass of a k-way merge over a min-heap of list heads:
    /// O(P log k) for k lists of P postings in all, with no intermediate lists.
    ///
    /// With `universe` (the highest ordinal), many lists that cover a good part of it are merged by
    /// counting instead (``denseUnion(_:universe:)``).
    static func union(_ lists: [PostingList], universe: Int? = nil) -> PostingList {
        if lists.isEmpty { return PostingList() }
        if lists.count == 1 { return lists[0] }
        if lists.count == 2 { return merge(lists[0], lists[1]) }
        if let universe, lists.count >= 4, lists.reduce(0, { $0 + $1.count }) * 8 >= universe {
            return denseUnion(lists, universe: universe)
        }
        var merged = PostingList()
        merged.positions.reserveCapacity(lists.reduce(0) { $0 + $1.positions.count })
        var heap = Heap<ListHead>(minimumCapacity: lists.count)
        var cursors = [Int](repeating: 0, count: lists.count)
        for (index, list) in lists.enumerated() where list.count > 0 { heap.insert(ListHead(document: list.documents[0], list: index)) }
        var sources: [Int] = []
        while let first = heap.popMin() {
            let document = first.document
            merged.documents.append(document)
            let start = merged.positions.count
            sources.removeAll(keepingCapacity: true)
            sources.append(first.list)
            while let next = heap.min, next.document == document { sources.append(heap.removeMin().list) }
            for source in sources {
                merged.positions.append(contentsOf: lists[source].positions(at: cursors[source]))
                cursors[source] += 1
                if cursors[source] < lists[source].count {
                    heap.insert(ListHead(document: lists[source].documents[cursors[source]], list: source))
                }
            }
            if sources.count > 1 { merged.positions[start...].sort() }
            merged.positionStarts.append(Int32(merged.positions.count))
        }
        return merged
    }

    /// The union by counting sort over the ordinals 1...universe: one pass counts each document's
    /// positions, a prefix sum places them, a second pass copies them, and only documents that several
    /// lists share sort their positions. O(P + N) for P positions, with no heap: a prefix that expands
    /// to many terms (`stru*`) paid log k per document in the k-way merge.
    static func denseUnion(_ lists: [PostingList], universe: Int) -> PostingList {
        var counts = [Int32](repeating: 0, count: universe + 2)
        var sources = [UInt8](repeating: 0, count: universe + 1)
        for list in lists {
            for slot in 0..<list.count {
                let document = Int(list.documents[slot])
                counts[document + 1] += list.positionStarts[slot + 1] - list.positionStarts[slot]
                if sources[document] < 2 { sources[document] += 1 }
            }
        }
        var merged = PostingList()
        var total: Int32 = 0
        for document in 1...universe where counts[document + 1] > 0 {
            merged.documents.append(Int32(document))
            total += counts[document + 1]
            merged.positionStarts.append(total)
        }
        // Where each document's positions go: its start, advanced as lists fill it.
        var next = [Int32](repeating: 0, count: universe + 1)
        for (slot, document) in merged.documents.enumerated() { next[Int(document)] = merged.positionStarts[slot] }
        merged.positions = [Position](repeating: 0, count: Int(total))
        for list in lists {
            for slot in 0..<list.count {
                let document = Int(list.documents[slot])
                var target = Int(next[document])
                for position in list.positions(at: slot) {
                    merged.positions[target] = position
                    target += 1
                }
                next[document] = Int32(target)
            }
        }
        for (slot, document) in merged.documents.enumerated() where sources[Int(document)] > 1 {
            merged.positions[Int(merged.positionStarts[slot])..<Int(merged.positionStarts[slot + 1])].sort()
        }
        return merged
    }

    /// The next document of one list in a k-way merge, ordered by document, then list.
    struct ListHead: Comparable {
        var document: Int32
        var list: Int
        static func < (a: ListHead, b: ListHead) -> Bool { a.document < b.document || (a.document == b.document && a.list < b.list) }
    }

    /// Two lists merged; where both hold a document, its positions are merged in order (distinct terms
    /// never share a position).
    static func merge(_ a: PostingList, _ b: PostingList) -> PostingList {
        var merged = PostingList()
        merged.documents.reserveCapacity(a.count + b.count)
        merged.positions.reserveCapacity(a.positions.count + b.positions.count)
        merged.positionStarts.reserveCapacity(a.count + b.count + 1)
        var i = 0, j = 0
        func copy(_ list: PostingList, _ slot: Int) {
            merged.documents.append(list.documents[slot])
            merged.positions.append(contentsOf: list.positions(at: slot))
            merged.positionStarts.append(Int32(merged.positions.count))
        }
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a.documents[i] < b.documents[j]) {
                copy(a, i)
                i += 1
            } else if i == a.count || b.documents[j] < a.documents[i] {
                copy(b, j)
                j += 1
            } else {
                merged.documents.append(a.documents[i])
                let left = a.positions(at: i), right = b.positions(at: j)
                var x = left.startIndex, y = right.startIndex
                while x < left.endIndex || y < right.endIndex {
                    if y == right.endIndex || (x < left.endIndex && left[x] < right[y]) {
                        merged.positions.append(left[x])
                        x += 1
                    } else {
                        merged.positions.append(right[y])
                        y += 1
                    }
                }
                merged.positionStarts.append(Int32(merged.positions.count))
                i += 1
                j += 1
            }
        }
        return merged
    }
}
