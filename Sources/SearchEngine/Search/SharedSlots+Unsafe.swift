/// Where two ascending lists of ordinals hold the same ordinal, found by one merge of both whose steps
/// depend on the data only through arithmetic, not branches.
///
/// A galloping search from the shorter list into the longer one takes a data-dependent branch at
/// every probe: for lists of similar lengths (two common words of a NEAR or a phrase) most probes
/// mispredict, and each costs more than the merge's step. The merge reads both lists once: at each
/// step it writes the current pair of slots, then advances the output by (x == y), the first list by
/// (x <= y) and the second by (y <= x), so equal ordinals stay and all others are overwritten.
///
/// Unsafe storage: the two result arrays are allocated at the shorter list's length, uninitialized,
/// and written through pointers; a write at `k` happens only while `k` is below both lengths (each
/// match advances both lists, so `k` never exceeds either slot), and the arrays are cut to `k`.
enum SharedSlots {
    /// The largest ratio of the longer list's length to the shorter's for which ``merged(_:_:)`` merges
    /// (beyond it a galloping search from the shorter list reads far fewer ordinals).
    static let mergeRatio = 8

    /// The pairs of slots (`first[k]` in `a`, `second[k]` in `b`) where `a` and `b` hold the same
    /// ordinal, ascending; nil when one list is more than ``mergeRatio`` times the other's length
    /// (the caller then searches), or empty.
    static func merged(_ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>) -> (first: [Int32], second: [Int32])? {
        let shorter = min(a.count, b.count), longer = max(a.count, b.count)
        guard shorter > 0, longer <= mergeRatio * shorter, longer <= Int(Int32.max),
              let x = a.baseAddress, let y = b.baseAddress else { return nil }
        var found = 0
        var second: [Int32] = []
        let first = [Int32](unsafeUninitializedCapacity: shorter) { first, firstCount in
            second = [Int32](unsafeUninitializedCapacity: shorter) { second, secondCount in
                let firstSlots = first.baseAddress!, secondSlots = second.baseAddress!
                var i = 0, j = 0, k = 0
                let m = a.count, n = b.count
                while i < m && j < n {
                    let u = x[i], v = y[j]
                    firstSlots[k] = Int32(truncatingIfNeeded: i)
                    secondSlots[k] = Int32(truncatingIfNeeded: j)
                    k &+= u == v ? 1 : 0
                    i &+= u <= v ? 1 : 0
                    j &+= v <= u ? 1 : 0
                }
                found = k
                secondCount = k
            }
            firstCount = found
        }
        return (first, second)
    }
}
