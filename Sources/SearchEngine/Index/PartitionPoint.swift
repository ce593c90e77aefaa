/// The first index of `range` at which `isBefore` is false, for a predicate that holds on a prefix of
/// the range and fails on the rest (a sorted array's lower bound, a term dictionary's prefix range), in
/// O(log n) calls. `range.upperBound` when it holds everywhere. A predicate that throws (reading a
/// file block that fails its checksum) ends the search with its error.
@inline(__always)
func partitionPoint<Failure: Error>(_ range: Range<Int>, _ isBefore: (Int) throws(Failure) -> Bool) throws(Failure) -> Int {
    var low = range.lowerBound, high = range.upperBound
    while low < high {
        let middle = low + (high - low) / 2
        if try isBefore(middle) { low = middle + 1 } else { high = middle }
    }
    return low
}

extension Array where Element == Int32 {
    /// The index of the first element >= `value` from `start` on, in an ascending array; `count` when none.
    ///
    /// Galloping (exponential) search: probes `start`, `start + 1`, `+ 3`, `+ 7`, ... until an element
    /// reaches `value`, then a binary search inside the last step: O(log d) for an answer d places on.
    /// Intersections and skips move cursors forward by small steps far more often than by large ones,
    /// where a binary search over the whole rest would cost O(log n) each time.
    @inline(__always)
    func firstIndex(atLeast value: Int32, from start: Int) -> Int {
        firstIndex(atLeast: value, from: start, end: count)
    }

    /// The same within `self[..<end]` (ascending there): `end` when no element before it is >= `value`.
    func firstIndex(atLeast value: Int32, from start: Int, end: Int) -> Int {
        withUnsafeBufferPointer { $0.firstIndex(atLeast: value, from: start, end: end) }
    }
}

extension UnsafeBufferPointer where Element == Int32 {
    /// ``Swift/Array/firstIndex(atLeast:from:end:)`` over a buffer (the phrase scan's borrowed lists).
    @inline(__always)
    func firstIndex(atLeast value: Int32, from start: Int, end: Int) -> Int {
        guard start < end, self[start] < value else { return start }
        var low = start + 1, step = 1
        var high = low
        while high < end, self[high] < value {
            low = high + 1
            step &<<= 1
            high = low + step - 1
        }
        return partitionPoint(low..<Swift.min(high, end)) { self[$0] < value }
    }
}
