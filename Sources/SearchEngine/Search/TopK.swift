import HeapModule

/// A document and its bm25 (FTS5's sign: more negative is better), ordered best first: bm25 ascending,
/// then ordinal ascending, FTS5's `ORDER BY rank` order.
public struct RankedDocument: Comparable, Hashable, Sendable {
    public var ordinal: Int64
    public var bm25: Double

    public init(ordinal: Int64, bm25: Double) {
        self.ordinal = ordinal
        self.bm25 = bm25
    }

    public static func < (a: RankedDocument, b: RankedDocument) -> Bool {
        a.bm25 < b.bm25 || (a.bm25 == b.bm25 && a.ordinal < b.ordinal)
    }
}

/// Selection of the best `limit` documents.
public enum TopK {
    /// The first `limit` elements of `elements` in ascending order (best first). The order must be
    /// total (ties broken), so the result does not depend on the input order.
    ///
    /// - Complexity: O(n log limit), with swift-collections' min-max `Heap` holding the best `limit`
    ///   so far and its maximum (the worst kept) replaced when a better one arrives.
    public static func select<T: Comparable>(_ elements: some Sequence<T>, limit: Int) -> [T] {
        guard limit > 0 else { return [] }
        var heap = Heap<T>(minimumCapacity: limit)
        for element in elements {
            if heap.count < limit {
                heap.insert(element)
            } else if let worst = heap.max, element < worst {
                _ = heap.replaceMax(with: element)
            }
        }
        var ordered: [T] = []
        ordered.reserveCapacity(heap.count)
        while let best = heap.popMin() { ordered.append(best) }
        return ordered
    }
}
