#if os(Linux)
import CAllocator
#endif

/// glibc's allocator settings for a process that answers queries one after another.
///
/// A query's large arrays (a common term's decoded documents, a phrase's matches: hundreds of KB)
/// are above glibc's initial mmap threshold (128 KB) or leave the heap's top free past its trim
/// threshold, so each query mapped fresh pages and returned them on free: measured on the pyvideo
/// catalog, 500 runs of `title: python OR description: "starting to"` spent 0.22 s of system time in
/// page faults beside 0.41 s of user time, and none with the settings below. Memory freed by a query
/// is kept for the next (up to `trimThreshold` at the heap's top) instead of going back to the
/// system; the peak is what the largest query needed, as before.
enum AllocatorTuning {
    /// Allocations from this size up are mapped on their own (glibc's dynamic maximum, 32 MiB).
    static let mmapThreshold: Int32 = 32 << 20
    /// Free memory at the heap's top above this is returned to the system.
    static let trimThreshold: Int32 = 128 << 20

    static func apply() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        #endif
    }
}

/// Returns the heap's free memory to the system at once (glibc's `malloc_trim`), whatever the trim
/// threshold: a bounded build calls it after each batch, whose freed arrays would otherwise stay in
/// the process's resident set (200,000 synthetic talks in batches of 256 MB: 536 MB resident between
/// batches before, 138-190 MB after).
enum ReleasedMemory {
    static func trim() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
