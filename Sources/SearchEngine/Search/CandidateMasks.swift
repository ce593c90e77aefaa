extension LengthCutoffs {
    /// For the ordinals `first ..< first + n` (n <= 64) of a union added up over the ordinals
    /// (`counts[ordinal]`, 0 where no term occurs): bit i set when ordinal `first + i` has a count and
    /// its length (`lengths[ordinal - 1]`) is within that count's cutoff now.
    ///
    /// Cutoffs only fall, so a document whose bit is clear would be passed over by
    /// ``QueryEvaluator/offer(_:occurrences:phrase:cutoffs:frequencies:best:ranking:weight:)``
    /// as well, at any later point of the walk: the set bits are what is left to offer, which checks
    /// them again. (The length test covers the count's: a document holds at least as many tokens as
    /// occurrences.) The length test sets its bit from a flag, not by a jump (the compiled loop still
    /// jumps on whether there is a count and on a count beyond the cutoffs' keys; arithmetic written
    /// to avoid those came out as jumps again, and slower): one document after another tested with a
    /// compare and a jump each was half of `ins*` on 200,000 synthetic talks, most of it jumps
    /// mispredicted at the documents past their cutoff.
    @inline(__always)
    func candidates(counts: [Int32], lengths: [Int32], from first: Int, count n: Int) -> UInt64 {
        var mask: UInt64 = 0
        for bit in 0..<n {
            let ordinal = first + bit
            let count = Int(counts[ordinal]), length = Int(lengths[ordinal - 1])
            let passes = (count > 0 ? 1 : 0) & (length <= cutoff(count: count) ? 1 : 0)
            mask |= UInt64(truncatingIfNeeded: passes) &<< UInt64(bit)
        }
        return mask
    }
}

extension LengthCutoffs {
    /// For the slots `first ..< first + n` (n <= 64) of one term's list (`documents`, and its
    /// occurrence counts as `starts[slot + 1] - starts[slot]`): in `kept`, bit i set when the document
    /// at slot `first + i` is not in the bitset `excluded` (bit d of word d / 64; empty for none), and
    /// in `candidates`, when besides its length (`lengths[ordinal - 1]`) is within its count's cutoff
    /// now: what is left to offer, as ``candidates(counts:lengths:from:count:)`` says for a union's counts.
    @inline(__always)
    func candidates(documents: [Int32], starts: [Int32], lengths: [Int32], excluded: [UInt64], from first: Int,
                    count n: Int) -> (candidates: UInt64, kept: UInt64) {
        var within: UInt64 = 0
        for bit in 0..<n {
            let slot = first + bit, document = Int(documents[slot])
            let count = Int(starts[slot + 1] &- starts[slot]), length = Int(lengths[document - 1])
            within |= UInt64(truncatingIfNeeded: length <= cutoff(count: count) ? 1 : 0) &<< UInt64(bit)
        }
        var kept = n == 64 ? UInt64.max : (UInt64(1) &<< UInt64(n)) &- 1
        if !excluded.isEmpty {
            for bit in 0..<n {
                let document = Int(documents[first + bit])
                kept &= ~(((excluded[document >> 6] &>> UInt64(document & 63)) & 1) &<< UInt64(bit))
            }
        }
        return (within & kept, kept)
    }
}

extension QueryEvaluator {
    /// A bitset of `ordinals` (bit d of word d / 64) over 0...`highest`; ordinals above it left out.
    static func bitset(of ordinals: [Int32], highest: Int32) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: Int(highest) / 64 + 1)
        for ordinal in ordinals where ordinal <= highest { bits[Int(ordinal) >> 6] |= UInt64(1) &<< UInt64(ordinal & 63) }
        return bits
    }
}
