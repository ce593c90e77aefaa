import Atomics

/// Which blocks of a mapped index file passed their checksum: one atomic flag per block of every
/// section, in one allocation (section `s`'s block `b` at `starts[s] + b`).
///
/// Every read of a term, a posting list or a document asks whether its blocks are verified, so the
/// question is a lock-free acquiring load. A block not yet verified is checked by whoever asks and then
/// marked with a releasing store; two queries that race on the same block both check it, which is
/// harmless (the check is pure) and rarer than a lock taken on every read would be slow: under an
/// `NSLock` the question cost 14% of `ins*` (1,157 terms, three questions each) and 10% of a one-term
/// query's 20 µs (perf, pyvideo).
///
/// The flags live in raw atomic storage (swift-atomics' `UnsafeAtomic`) because an array of atomics
/// is not expressible as a plain Swift value; the allocation is this object's and is freed with it.
final class VerifiedBlocks: Sendable {
    private typealias Flag = UnsafeAtomic<Bool>
    private nonisolated(unsafe) let storage: UnsafeMutablePointer<Flag.Storage>
    /// Per section slot, where its flags start; `starts.last` is the number of flags.
    private let starts: [Int]

    /// Flags for sections of `blockCounts[slot]` blocks each, those of slots in `verified` set.
    init(blockCounts: [Int], verified: (Int) -> Bool) {
        var starts = [0]
        for count in blockCounts { starts.append(starts.last! + count) }
        self.starts = starts
        storage = .allocate(capacity: max(starts.last!, 1))
        for slot in blockCounts.indices {
            let value = verified(slot)
            for flag in starts[slot]..<starts[slot + 1] { (storage + flag).initialize(to: Flag.Storage(value)) }
        }
    }

    deinit {
        for flag in 0..<starts.last! { _ = (storage + flag).pointee.dispose() }
        storage.deinitialize(count: starts.last!)
        storage.deallocate()
    }

    /// Whether block `block` of the section in `slot` passed its checksum.
    @inline(__always)
    func isVerified(slot: Int, block: Int) -> Bool {
        Flag(at: storage + starts[slot] + block).load(ordering: .acquiring)
    }

    /// Block `block` of the section in `slot` passed its checksum.
    func markVerified(slot: Int, block: Int) {
        Flag(at: storage + starts[slot] + block).store(true, ordering: .releasing)
    }
}
