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
    /// The hash of each string, by id (probing compares them before bytes; growing reuses them).
    private var hashes: [UInt64] = []
    /// Id + 1 per slot; 0 is empty. The count is a power of two.
    private var slots = [Int32](repeating: 0, count: 1024)
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of `bytes` (the first ``QueryParser/maximumTokenBytes`` of them), numbering it when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let key = UnsafeBufferPointer(rebasing: bytes.prefix(QueryParser.maximumTokenBytes))
        let hash = Self.hash(key, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash, starts[id + 1] - starts[id] == key.count, equals(id, key) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(id + 1)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    var count: Int { starts.count - 1 }

    /// String `id`'s bytes.
    subscript(id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// Every string, by id.
    var strings: [[UInt8]] { (0..<count).map { Array(self[$0]) } }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress, !key.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[id], base, key.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
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
