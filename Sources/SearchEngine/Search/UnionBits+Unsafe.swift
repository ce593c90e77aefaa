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
                        for document in documents {
                            precondition(document >= 0 && document <= highest, "an ordinal beyond the union's bitset")
                            let word = Int(document) &>> 6, bit = UInt64(1) &<< UInt64(document & 63)
                            let old = seen[word]
                            shared[word] |= old & bit
                            seen[word] = old | bit
                        }
                    }
                }
            }
        }
        return (seen, shared)
    }
}
