/// A growable buffer of positions in manually managed memory: the scratch a phrase leaf decodes every
/// term's positions into at each candidate document.
///
/// Unsafe because a `[Position]` cost this loop a uniqueness check per append and a generic
/// `replaceSubrange` per reset (about a tenth of a common-word phrase query, `talksearch bench`);
/// here an append is a capacity check and a store, and a reset sets `count` to 0. The buffer is owned
/// by one leaf, used by one thread at a time, and freed with it.
final class UnsafePositionBuffer {
    private(set) var base: UnsafeMutablePointer<Position>
    private(set) var capacity: Int
    /// The positions held: `base[0 ..< count]`.
    var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ position: Position) {
        if count == capacity { grow() }
        base[count] = position
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Position {
        assert(index >= 0 && index < count)
        return base[index]
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Position>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
