/// One term's per-block lowest bm25 (``TermBlocks``, section 14) laid over the slots of its list as
/// decoded whole: block i is slots `i · size ..< (i + 1) · size`, and `best[i]` is the lowest bm25 any
/// of them has for the term alone at column weight 1 under the file's statistics.
///
/// A query whose ranking gives the term the same n(P) (its list's length) scores a document that holds
/// none of its other phrases with exactly those bits: every other phrase adds `idf · 0 / k = +0.0`,
/// and x + 0.0 = x. So a block whose best cannot enter the best kept holds no document of that kind
/// that could (the documents the list shares with another leaf are scored apart).
struct BlockBounds {
    let size: Int
    let best: [Double]

    /// The bounds of term `term`'s list in the cache's index when it is one file that has blocks for it (a
    /// term's, section 14; a prefix's stored union's, made on its first use), for a query at column
    /// weight 1; nil otherwise (a prefix without a union, a merged index, a short list, another weight).
    /// A prefix's list is then its union as stored, slot for slot (``InvertedIndex/postings(forPrefix:detail:)``).
    static func of(_ term: QueryTerm, in cache: PostingCache, weight: Double) throws(IndexFileError) -> BlockBounds? {
        guard weight == 1 else { return nil }
        if term.isPrefix {
            guard let union = try cache.index.blockedUnion(forPrefix: term.bytes) else { return nil }
            return BlockBounds(size: union.blockSize, best: union.blocks.best)
        }
        guard let list = try cache.blockedList(for: term) else { return nil }
        return BlockBounds(size: list.blockSize, best: list.blocks.best)
    }

    /// The block of `slot`, and the slot after its last.
    @inline(__always)
    func block(of slot: Int, count: Int) -> (block: Int, end: Int) {
        let block = slot / size
        return (block, min(count, (block + 1) * size))
    }
}
