/// The adjacent pairs of an index's common terms, each with the positions where it starts: a phrase of
/// common words ("python in", "of the") reads one short list per pair of its words instead of two long
/// term lists whose documents mostly do not hold the phrase (Lucene's CommonGrams idea; the pairs are
/// kept apart from the term dictionary, which stays FTS5's vocabulary).
///
/// A term is *common* when its document frequency is at least ``threshold(documentCount:)``. For every
/// ordered pair (a, b) of common terms that occur at adjacent positions somewhere (a at p and b at
/// p + 1, in the same column), the pair's list holds the documents where that happens and, in each,
/// every such p, ascending, in the postings encoding of a term (``PostingCodec``). So a pair's list is
/// the two-term phrase "a b" evaluated over the whole index, and a pair of common terms without a list
/// never occurs. Terms are named by their dictionary index in this index.
///
/// Invariants: `commonTerms` strictly increasing, each a term index with at least the threshold's
/// documents; `keys` strictly increasing, both halves in `commonTerms`; `postingOffsets` one more than
/// the keys, non-decreasing from 0 to `postingBytes.count`; every list non-empty.
struct CommonPairs: Sendable, Equatable {
    /// Dictionary indices of the common terms, ascending.
    var commonTerms: [Int32] = []
    /// One per pair, ascending: the first term's dictionary index << 32 | the second's.
    var keys: [UInt64] = []
    /// Pair i's postings are `postingBytes[postingOffsets[i] ..< postingOffsets[i + 1]]` (in memory;
    /// read from a file, the offsets are into its pair postings section and these bytes are empty).
    var postingBytes: [UInt8] = []
    var postingOffsets: [Int] = [0]

    /// The fewest documents a term of an index of `documentCount` documents must be in to be common:
    /// one in 32, at least 1.
    ///
    /// At that share a two-word phrase of common words decodes two lists of at least N/32 documents
    /// each, most of them without the phrase (pyvideo: `"python in"` reads 22,800 documents for 495
    /// matches), while its pair list holds only the matches. Pyvideo (21,715 talks): 326 common
    /// terms, about 37,000 pairs, 3.5 MB beside the 12 MB of term postings.
    static func threshold(documentCount: Int) -> Int {
        max(1, (documentCount + 31) / 32)
    }

    static func key(_ first: Int, _ second: Int) -> UInt64 { UInt64(first) << 32 | UInt64(second) }

    var pairCount: Int { keys.count }

    func isCommon(_ term: Int) -> Bool { Self.isCommon(term, in: commonTerms) }

    /// Whether `term` is in `commonTerms` (ascending).
    static func isCommon(_ term: Int, in commonTerms: [Int32]) -> Bool {
        let slot = partitionPoint(0..<commonTerms.count) { Int(commonTerms[$0]) < term }
        return slot < commonTerms.count && Int(commonTerms[slot]) == term
    }

    /// The slot of pair (first, second) in ``keys``, nil when it has no list.
    func slot(_ first: Int, _ second: Int) -> Int? {
        let key = Self.key(first, second)
        let slot = partitionPoint(0..<keys.count) { keys[$0] < key }
        return slot < keys.count && keys[slot] == key ? slot : nil
    }

    func postingRange(at slot: Int) -> Range<Int> { postingOffsets[slot]..<postingOffsets[slot + 1] }

    /// What is wrong with the tables (nil when sound): the invariants above but for the lists' contents,
    /// the postings being `postingsLength` bytes.
    func problem(termCount: Int, postingsLength: Int) -> String? {
        guard zip(commonTerms, commonTerms.dropFirst()).allSatisfy({ $0 < $1 }),
              commonTerms.allSatisfy({ $0 >= 0 && Int($0) < termCount }) else { return "common terms not ascending term indices" }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else { return "pair keys not ascending" }
        guard postingOffsets.count == keys.count + 1, postingOffsets.first == 0, postingOffsets.last == postingsLength,
              zip(postingOffsets, postingOffsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return "pair posting offsets do not match the pairs"
        }
        // One bit per term index: a key's halves are tested in O(1). (Binary searches of the common
        // terms, two per key, were 19M instructions for pyvideo's 37,000 pairs: most of the first
        // phrase query of a process.)
        var common = [UInt64](repeating: 0, count: (termCount + 63) / 64)
        for term in commonTerms { common[Int(term) >> 6] |= 1 << (UInt64(term) & 63) }
        func isMarked(_ term: UInt64) -> Bool {
            term < UInt64(termCount) && common[Int(term >> 6)] & (1 << (term & 63)) != 0
        }
        for key in keys where !isMarked(key >> 32) || !isMarked(key & 0xFFFF_FFFF) {
            return "pair \(key >> 32), \(key & 0xFFFF_FFFF) is not of common terms"
        }
        return nil
    }
}
