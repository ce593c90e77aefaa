import Foundation

/// Byte strings numbered in the order they are first seen: the builder's terms and words.
///
/// An open-addressing hash table (linear probing, at most half full) of ids, hashing the bytes in
/// place with FNV-1a and a final avalanche: the builder interns every token, and a `[[UInt8]: Int32]`
/// dictionary spent 17% of a build in `Hasher` and its bucket search (perf, pyvideo), hashing byte by
/// byte through the generic protocol and copying each token into a key array first. The hash is
/// seeded per table from the system's random source, so crafted text cannot aim at its collisions.
struct ByteStrings {
    /// The strings end to end: string `id` is `arena[starts[id] ..< starts[id + 1]]` (probes compare
    /// against it with memcmp; one buffer, not an array per string).
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// The hash of each string, by id (growing the table reuses them).
    private var hashes: [UInt64] = []
    /// Per slot, the high 32 bits of its string's hash << 32 | id + 1; 0 is empty. The count is a
    /// power of two. A probe compares the hash bits in the slot itself and reads the string's length
    /// and bytes only when they match (a collision of the slot's bits costs no other reads). Keeping
    /// strings of up to 8 bytes whole in the table as well was tried: no fewer samples in `intern`.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of `key`, numbering it when new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(key, seed: seed)
        let mask = slots.count - 1, tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if starts[id + 1] - starts[id] == key.count, equals(id, key) { return (id, false) }
            }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = tag | UInt64(id + 1)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    var count: Int { starts.count - 1 }

    /// String `id`'s bytes.
    subscript(id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// Every string, by id.
    var strings: [[UInt8]] { (0..<count).map { Array(self[$0]) } }

    /// Calls `body(string, holders)` for each distinct string of `lists`, in byte order (memcmp, then
    /// length), with the (list, id) pairs that hold it, lists ascending.
    ///
    /// The lists' bytes are laid end to end in one buffer and every string sorted at once by its first
    /// 8 bytes as a big-endian number (zero-padded), then, where those are equal, by memcmp and length,
    /// then by list: comparisons run on one raw buffer, without copies or reference counting.
    static func union(_ lists: [ByteStrings], _ body: (UnsafeBufferPointer<UInt8>, [(list: Int, id: Int)]) -> Void) {
        var arena: [UInt8] = [], starts: [Int] = [0], owners: [(list: Int, id: Int)] = []
        arena.reserveCapacity(lists.reduce(0) { $0 + $1.arena.count })
        for (list, strings) in lists.enumerated() {
            let base = arena.count
            arena += strings.arena
            for id in 0..<strings.count {
                starts.append(base + strings.starts[id + 1])
                owners.append((list, id))
            }
        }
        arena.withUnsafeBufferPointer { arena in
            starts.withUnsafeBufferPointer { starts in
                let base = arena.baseAddress ?? UnsafePointer(bitPattern: 1)!
                let prefixes = (0..<owners.count).map { string in
                    var prefix: UInt64 = 0
                    let start = starts[string], end = min(starts[string + 1], start + 8)
                    for index in start..<end { prefix = prefix << 8 | UInt64(base[index]) }
                    return prefix << (8 * UInt64(8 - (end - start)))
                }
                /// memcmp then length; 0 when the bytes are the same.
                func compare(_ left: Int, _ right: Int) -> Int {
                    if prefixes[left] != prefixes[right] { return prefixes[left] < prefixes[right] ? -1 : 1 }
                    let leftCount = starts[left + 1] - starts[left], rightCount = starts[right + 1] - starts[right]
                    if leftCount > 8, rightCount > 8 {
                        let order = memcmp(base + starts[left] + 8, base + starts[right] + 8, min(leftCount, rightCount) - 8)
                        if order != 0 { return Int(order) }
                    }
                    return leftCount - rightCount
                }
                // Strings are numbered list by list, so ties in string order keep the lists ascending.
                let order = (0..<owners.count).sorted { left, right in
                    let order = compare(left, right)
                    return order != 0 ? order < 0 : left < right
                }
                var holders: [(list: Int, id: Int)] = []
                var first = 0
                while first < order.count {
                    holders.removeAll(keepingCapacity: true)
                    var next = first
                    while next < order.count, next == first || compare(order[first], order[next]) == 0 {
                        holders.append(owners[order[next]])
                        next += 1
                    }
                    let string = order[first]
                    body(UnsafeBufferPointer(start: base + starts[string], count: starts[string + 1] - starts[string]), holders)
                    first = next
                }
            }
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress, !key.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[id], base, key.count) == 0 }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
        }
    }

    /// FNV-1a over the bytes from a seeded basis, then a 64-bit avalanche (murmur3's finalizer) so the
    /// low bits that pick the slot depend on every byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
