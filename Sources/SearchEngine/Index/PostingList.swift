import HeapModule

/// The documents containing one term, with the term's positions in each (or only their number).
///
/// Layout: `documents[i]` is the i-th document ordinal (strictly increasing); the term occurs
/// `positionStarts[i + 1] - positionStarts[i]` times there (prefix sums, `positionStarts[0] = 0`).
/// The occurrences themselves, by ``detail``:
/// * `.positions`: `positions[positionStarts[i] ..< positionStarts[i + 1]]`, strictly increasing;
/// * `.encoded`: still in the file's encoding, `positionStream[positionEnds[i - 1] ..< positionEnds[i]]`
///   (from 0 for i = 0), decoded one document at a time where a reader needs them;
/// * `.counts`: not read.
public struct PostingList: Sendable, Hashable {
    /// How much of each occurrence a list holds.
    public enum Detail: Sendable, Hashable {
        /// Documents and occurrence counts.
        case counts
        /// Documents, counts and decoded positions.
        case positions
        /// Documents, counts and the positions' bytes, decoded per document on demand (a phrase
        /// decodes a common term's positions only where its other terms also occur).
        case encoded
    }

    public internal(set) var documents: [Int32] = []
    public internal(set) var positionStarts: [Int32] = [0]
    public internal(set) var positions: [Position] = []
    public internal(set) var positionStream: [UInt8] = []
    public internal(set) var positionEnds: [Int32] = []
    public internal(set) var detail = Detail.positions

    public init() {}

    public var count: Int { documents.count }

    /// Whether the occurrences' positions are known (decoded or encoded), not only their counts.
    public var hasPositions: Bool { detail != .counts }

    /// The positions of the term in the i-th listed document (the list must have positions; an
    /// encoded list decodes them into a new array).
    public func positions(at index: Int) -> ArraySlice<Position> {
        switch detail {
        case .positions:
            return positions[Int(positionStarts[index])..<Int(positionStarts[index + 1])]
        case .encoded:
            var buffer: [Position] = []
            decodePositions(at: index, into: &buffer)
            return buffer[...]
        case .counts:
            preconditionFailure("positions of a list decoded without them")
        }
    }

    /// Replaces `buffer`'s contents with the positions of the i-th listed document (any detail but
    /// `.counts`), keeping its storage.
    @inline(__always)
    func decodePositions(at index: Int, into buffer: inout [Position]) {
        buffer.removeAll(keepingCapacity: true)
        appendPositions(at: index, columns: nil, to: &buffer)
    }

    /// Calls `body` with each position of the i-th listed document (any detail but `.counts`) that
    /// lies in `columns` (all of them when nil), in order. An encoded list's steps are read in one
    /// loop over the stream's bytes (``ByteReader/position(after:)``; a stream that runs short ends
    /// the document early), without a closure per position between that loop and `body`.
    @inline(__always)
    func forEachPosition(at index: Int, columns: [Int]?, _ body: (Position) -> Void) {
        let count = Int(occurrences(at: index))
        if detail == .encoded {
            let byte = index == 0 ? 0 : Int(positionEnds[index - 1])
            positionStream.withUnsafeBytes { bytes in
                var reader = ByteReader(bytes, from: byte, to: bytes.count)
                var position: Position = 0
                for _ in 0..<count {
                    guard let next = try? reader.position(after: position) else { return }
                    position = next
                    if let columns, !columns.contains(Positions.column(position)) { continue }
                    body(position)
                }
            }
        } else {
            let start = Int(positionStarts[index])
            for slot in start..<(start + count) {
                let position = positions[slot]
                if let columns, !columns.contains(Positions.column(position)) { continue }
                body(position)
            }
        }
    }

    /// Appends the positions of the i-th listed document (any detail but `.counts`) to `buffer`,
    /// only those in `columns` when given.
    @inline(__always)
    func appendPositions(at index: Int, columns: [Int]?, to buffer: inout [Position]) {
        forEachPosition(at: index, columns: columns) { buffer.append($0) }
    }

    /// ``appendPositions(at:columns:to:)`` into a phrase leaf's scratch buffer.
    @inline(__always)
    func appendPositions(at index: Int, columns: [Int]?, to buffer: UnsafePositionBuffer) {
        forEachPosition(at: index, columns: columns) { buffer.append($0) }
    }

    /// The same list with its positions decoded (`.encoded` to `.positions`; others unchanged).
    func decoded() -> PostingList {
        guard detail == .encoded else { return self }
        var list = self
        list.positions.reserveCapacity(Int(positionStarts[count]))
        for slot in 0..<count {
            forEachPosition(at: slot, columns: nil) { list.positions.append($0) }
            // A stream that runs short (a malformed file) still leaves every document its count.
            while list.positions.count < Int(positionStarts[slot + 1]) { list.positions.append(0) }
        }
        list.positionStream = []
        list.positionEnds = []
        list.detail = .positions
        return list
    }

    /// How many times the term occurs in the i-th listed document.
    @inline(__always)
    public func occurrences(at index: Int) -> Int32 {
        positionStarts[index + 1] - positionStarts[index]
    }

    /// The index of the first listed document >= `ordinal`, from `start`; `count` when none.
    public func firstIndex(atLeast ordinal: Int32, from start: Int) -> Int {
        documents.firstIndex(atLeast: ordinal, from: start)
    }

    /// Appends `list`'s documents, each ordinal plus `shift`, leaving out those `isSkipped` (by their
    /// ordinal in `list`; nil: none, and the arrays are appended whole). The shifted ordinals must be
    /// above this list's last.
    mutating func append(_ list: PostingList, shiftedBy shift: Int32, skipping isSkipped: ((Int32) -> Bool)?) {
        if documents.isEmpty { detail = list.detail }
        assert(detail == list.detail, "appending lists of different detail")
        guard let isSkipped else {
            let total = positionStarts[positionStarts.count - 1], streamBase = Int32(positionStream.count)
            documents.append(contentsOf: list.documents.lazy.map { $0 + shift })
            positionStarts.append(contentsOf: list.positionStarts.dropFirst().lazy.map { $0 + total })
            positions.append(contentsOf: list.positions)
            positionStream.append(contentsOf: list.positionStream)
            positionEnds.append(contentsOf: list.positionEnds.lazy.map { $0 + streamBase })
            return
        }
        documents.reserveCapacity(documents.count + list.count)
        positionStarts.reserveCapacity(positionStarts.count + list.count)
        positions.reserveCapacity(positions.count + list.positions.count)
        var total = positionStarts[positionStarts.count - 1]
        for slot in 0..<list.count where !isSkipped(list.documents[slot]) {
            documents.append(list.documents[slot] + shift)
            switch detail {
            case .positions: positions.append(contentsOf: list.positions(at: slot))
            case .encoded:
                let start = slot == 0 ? 0 : Int(list.positionEnds[slot - 1])
                positionStream.append(contentsOf: list.positionStream[start..<Int(list.positionEnds[slot])])
                positionEnds.append(Int32(positionStream.count))
            case .counts: break
            }
            total += list.occurrences(at: slot)
            positionStarts.append(total)
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
    /// With `universe` (the highest ordinal), lists whose postings are not far fewer than it are merged
    /// by counting instead (``denseUnion(_:universe:)``, ``mergesByCounting(lists:postings:universe:)``).
    ///
    /// Lists without positions (all or none of them) give a union without positions, whose counts are
    /// the sums of the lists' counts.
    static func union(_ encodedLists: [PostingList], universe: Int? = nil) -> PostingList {
        if encodedLists.isEmpty { return PostingList() }
        if encodedLists.count == 1 { return encodedLists[0] }
        let lists = encodedLists.map { $0.decoded() }
        let withPositions = lists[0].hasPositions
        assert(lists.allSatisfy { $0.hasPositions == withPositions }, "a union of lists of different detail")
        if lists.count == 2 { return merge(lists[0], lists[1]) }
        if let universe, Self.mergesByCounting(lists: lists.count, postings: lists.reduce(0) { $0 + $1.count }, universe: universe) {
            return denseUnion(lists, universe: universe)
        }
        if !withPositions { return sortedCountsUnion(lists) }
        var merged = PostingList()
        merged.detail = lists[0].detail
        merged.positions.reserveCapacity(lists.reduce(0) { $0 + $1.positions.count })
        var total: Int32 = 0
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
                if withPositions { merged.positions.append(contentsOf: lists[source].positions(at: cursors[source])) }
                total += lists[source].occurrences(at: cursors[source])
                cursors[source] += 1
                if cursors[source] < lists[source].count {
                    heap.insert(ListHead(document: lists[source].documents[cursors[source]], list: source))
                }
            }
            if withPositions && sources.count > 1 { merged.positions[start...].sort() }
            merged.positionStarts.append(total)
        }
        return merged
    }

    /// The union of lists without positions (every one `.counts`), by sorting: each posting as one
    /// key, ordinal << 32 | count, the keys sorted and summed (``summing(sortedKeys:)``). O(P log P)
    /// with a plain sort of integers, where the k-way merge paid a heap operation with its reference
    /// counting per posting (about 100 ns: `analy*` on 200,000 synthetic talks, 2,351 documents of
    /// many rare terms, 0.21 ms). Counts fit 32 bits (at most a list's bytes).
    static func sortedCountsUnion(_ lists: [PostingList]) -> PostingList {
        var keys: [UInt64] = []
        keys.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            for slot in 0..<list.count {
                keys.append(UInt64(UInt32(bitPattern: list.documents[slot])) << 32 | UInt64(UInt32(bitPattern: list.occurrences(at: slot))))
            }
        }
        keys.sort()
        return summing(sortedKeys: keys)
    }

    /// A list without positions from keys ordinal << 32 | count, ascending: each ordinal once, with
    /// the sum of its keys' counts.
    static func summing(sortedKeys keys: [UInt64]) -> PostingList {
        var merged = PostingList()
        merged.detail = .counts
        var total: Int32 = 0, index = 0
        while index < keys.count {
            let document = keys[index] >> 32
            while index < keys.count && keys[index] >> 32 == document {
                total += Int32(truncatingIfNeeded: keys[index] & 0xFFFF_FFFF)
                index += 1
            }
            merged.documents.append(Int32(truncatingIfNeeded: document))
            merged.positionStarts.append(total)
        }
        return merged
    }

    /// The union by counting sort over the ordinals 1...universe: one pass counts each document's
    /// positions, a prefix sum places them, a second pass copies them, and only documents that several
    /// lists share sort their positions. O(P + N) for P positions, with no heap: a prefix that expands
    /// to many terms (`stru*`) paid log k per document in the k-way merge.
    static func denseUnion(_ lists: [PostingList], universe: Int) -> PostingList {
        var counts = [Int32](repeating: 0, count: universe + 1)
        var sources = [UInt8](repeating: 0, count: universe + 1)
        let withPositions = lists[0].hasPositions
        for list in lists {
            for slot in 0..<list.count {
                let document = Int(list.documents[slot])
                counts[document] += list.occurrences(at: slot)
                if withPositions && sources[document] < 2 { sources[document] += 1 }
            }
        }
        var merged = counted(counts, detail: lists[0].detail)
        guard withPositions else { return merged }
        let total = merged.positionStarts[merged.count]
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

    /// Whether a union of `lists` lists of `postings` postings in all, over ordinals 1...`universe`, is
    /// cheaper by counting (O(P + N): one add per posting, one scan of the ordinals) than by the k-way
    /// merge (O(P log k), about 100 ns per posting here with the heap's compares and the lists' cursors):
    /// from three lists once P >= N / 64. (`easi*` on pyvideo, 6 terms, 2,516 postings of 21,715
    /// ordinals: 315 µs merged, 60 µs counted.)
    static func mergesByCounting(lists: Int, postings: Int, universe: Int) -> Bool {
        lists >= 3 && postings * 64 >= universe
    }

    /// The documents whose count in `counts` (indexed by ordinal, 1 ..< counts.count) is above 0,
    /// ascending, with those occurrence counts: a union counted over the ordinals (positions, for
    /// `detail` other than `.counts`, still to be filled).
    static func counted(_ counts: [Int32], detail: Detail) -> PostingList {
        var merged = PostingList()
        merged.detail = detail
        var total: Int32 = 0
        for document in counts.indices.dropFirst() where counts[document] > 0 {
            merged.documents.append(Int32(document))
            total += counts[document]
            merged.positionStarts.append(total)
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
        let withPositions = a.hasPositions
        merged.detail = a.detail
        merged.documents.reserveCapacity(a.count + b.count)
        merged.positions.reserveCapacity(a.positions.count + b.positions.count)
        merged.positionStarts.reserveCapacity(a.count + b.count + 1)
        var i = 0, j = 0
        var total: Int32 = 0
        func copy(_ list: PostingList, _ slot: Int) {
            merged.documents.append(list.documents[slot])
            if withPositions { merged.positions.append(contentsOf: list.positions(at: slot)) }
            total += list.occurrences(at: slot)
            merged.positionStarts.append(total)
        }
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a.documents[i] < b.documents[j]) {
                copy(a, i)
                i += 1
            } else if i == a.count || b.documents[j] < a.documents[i] {
                copy(b, j)
                j += 1
            } else if !withPositions {
                merged.documents.append(a.documents[i])
                total += a.occurrences(at: i) + b.occurrences(at: j)
                merged.positionStarts.append(total)
                i += 1
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
                total = Int32(merged.positions.count)
                merged.positionStarts.append(total)
                i += 1
                j += 1
            }
        }
        return merged
    }
}
