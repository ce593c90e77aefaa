/// The first index of `range` at which `isBefore` is false, for a predicate that holds on a prefix of
/// the range and fails on the rest (a sorted array's lower bound, a term dictionary's prefix range), in
/// O(log n) calls. `range.upperBound` when it holds everywhere.
@inline(__always)
func partitionPoint(_ range: Range<Int>, _ isBefore: (Int) -> Bool) -> Int {
    var low = range.lowerBound, high = range.upperBound
    while low < high {
        let middle = low + (high - low) / 2
        if isBefore(middle) { low = middle + 1 } else { high = middle }
    }
    return low
}

extension Array where Element == Int32 {
    /// The index of the first element >= `value` from `start` on, in an ascending array; `count` when none.
    @inline(__always)
    func firstIndex(atLeast value: Int32, from start: Int) -> Int {
        partitionPoint(start..<count) { self[$0] < value }
    }
}
