/// Selection of the best `limit` elements of a sequence, in order.
public enum TopK {
    /// The first `limit` elements of `elements` sorted by `areInIncreasingOrder`, which must be a strict
    /// total order (ties broken) so the result does not depend on the input order.
    ///
    /// - Complexity: O(n log limit) with a bounded max-heap; O(n log n) when `limit >= n`.
    public static func select<T>(_ elements: [T], limit: Int, by areInIncreasingOrder: (T, T) -> Bool) -> [T] {
        guard limit > 0 else { return [] }
        guard elements.count > limit else { return elements.sorted(by: areInIncreasingOrder) }
        // heap[0] is the worst of the kept elements.
        var heap: [T] = []
        heap.reserveCapacity(limit)
        func worse(_ a: T, _ b: T) -> Bool { areInIncreasingOrder(b, a) }
        func siftUp(_ index: Int) {
            var child = index
            while child > 0 {
                let parent = (child - 1) / 2
                guard worse(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
        func siftDown(_ index: Int) {
            var parent = index
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                var candidate = left
                if left + 1 < heap.count, worse(heap[left + 1], heap[left]) { candidate = left + 1 }
                guard worse(heap[candidate], heap[parent]) else { break }
                heap.swapAt(candidate, parent)
                parent = candidate
            }
        }
        for element in elements {
            if heap.count < limit {
                heap.append(element)
                siftUp(heap.count - 1)
            } else if areInIncreasingOrder(element, heap[0]) {
                heap[0] = element
                siftDown(0)
            }
        }
        return heap.sorted(by: areInIncreasingOrder)
    }
}
