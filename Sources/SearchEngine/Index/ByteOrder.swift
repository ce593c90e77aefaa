import Foundation

/// Byte order over raw bytes, as the dictionary sorts its terms: `a` precedes `b` when at the first
/// byte where they differ `a`'s is lower, or when `a` is a proper prefix of `b`.
///
/// One `memcmp` over the shorter length, then the lengths. A term lookup compares about 16 terms
/// (the term index's ~11, then the dictionary's ~5 between two samples); the sequence algorithm
/// `lexicographicallyPrecedes` walked them byte by byte through two iterators (pyvideo, callgrind:
/// a lookup was about 2,200 instructions).
enum ByteOrder {
    @inline(__always)
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let shorter = min(a.count, b.count)
        if shorter > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, shorter)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// Whether `a` and `b` hold the same bytes.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}
