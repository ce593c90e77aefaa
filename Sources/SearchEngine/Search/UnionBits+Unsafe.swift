extension QueryEvaluator {
    /// Two bitsets over the ordinals 0...`highest` (bit d of word d / 64): `seen`, the documents of
    /// any of `lists` (each ascending, within 1...highest), and `shared`, those two lists or more hold.
    ///
    /// Through buffer pointers because this loop runs once per posting of an OR: with the arrays'
    /// bounds and uniqueness checks it was a third of `learning OR python` on pyvideo (perf).
    static func unionBits(_ lists: [[Int32]], highest: Int32) -> (seen: [UInt64], shared: [UInt64]) {
        let words = Int(highest) / 64 + 1
        var seen = [UInt64](repeating: 0, count: words)
        var shared = [UInt64](repeating: 0, count: words)
        seen.withUnsafeMutableBufferPointer { seen in
            shared.withUnsafeMutableBufferPointer { shared in
                for list in lists {
                    list.withUnsafeBufferPointer { documents in
                        // A list's bits of one word gather in a register and meet the bitsets once the
                        // list leaves the word (a dense list has several documents a word, each of whose
                        // read-modify-writes waited on the one before).
                        var current = -1, bits: UInt64 = 0
                        for document in documents {
                            precondition(document >= 0 && document <= highest, "an ordinal beyond the union's bitset")
                            let word = Int(document) &>> 6
                            if word != current {
                                if current >= 0 {
                                    shared[current] |= seen[current] & bits
                                    seen[current] |= bits
                                }
                                current = word
                                bits = 0
                            }
                            bits |= UInt64(1) &<< UInt64(document & 63)
                        }
                        if current >= 0 {
                            shared[current] |= seen[current] & bits
                            seen[current] |= bits
                        }
                    }
                }
            }
        }
        return (seen, shared)
    }
}
