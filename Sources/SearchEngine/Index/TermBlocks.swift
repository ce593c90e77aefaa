/// A long list's documents in blocks of B (docs/FORMAT.md, section 14): where each block starts in the
/// list's documents stream, the ordinal before its first document, and the lowest bm25 of its
/// documents for the term alone at column weight 1 under the index's own statistics:
///
///     best(block) = min over its documents d of bm25(tf = count(d), D = length(d); N, Σ lengths, n = the list's length)
///
/// computed by ``FTS5BM25/bm25(frequencies:documentLength:)`` with the frequency as
/// ``QueryEvaluator/termFrequency(_:weight:)`` adds it, so a query of that term alone at weight 1
/// gets the same bits for every document. A block whose best is not below the worst of the best kept
/// (documents offered in ordinal order, so a tie cannot enter) holds no document that could: the
/// block-max bound of a one-term query, exact by construction.
struct TermBlocks: Equatable, Sendable {
    /// Per block, the offset of its first document in the documents stream (0 for the first).
    var offsets: [Int32] = []
    /// Per block, the ordinal before its first document (0 for the first).
    var ordinalsBefore: [Int32] = []
    /// Per block, the lowest bm25 of its documents.
    var best: [Double] = []

    var count: Int { offsets.count }

    struct Malformed: Error {}

    /// The blocks of the postings in `reader` (one term's whole bytes, ``PostingCodec``), blocks of
    /// `size` documents, for an index of `documentCount` documents and `totalTokens` tokens whose
    /// document lengths `length(ordinal)` gives.
    static func of(_ reader: ByteReader, size: Int, documentCount: Int, totalTokens: Int,
                   length: (Int32) -> Int) throws(Malformed) -> TermBlocks {
        guard let (count, documents, _) = try? PostingCodec.streams(reader, documentCount: documentCount) else { throw Malformed() }
        var builder = Builder(count: count, size: size, documentCount: documentCount, totalTokens: totalTokens)
        var cursor = documents, ordinal = 0
        for _ in 0..<count {
            let offset = cursor.offset - documents.offset, before = ordinal
            guard let (next, occurrences, _) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: documentCount),
                  occurrences <= Int(Int32.max) else { throw Malformed() }
            ordinal = next
            builder.add(offset: offset, ordinalBefore: before, occurrences: Int32(occurrences), length: length(Int32(ordinal)))
        }
        return builder.blocks
    }

    /// Blocks made document by document in list order (a term's postings, ``of(_:size:documentCount:totalTokens:length:)``;
    /// a stored union, ``MappedIndexFile/blockedUnion(_:terms:)``): a block opens at every `size`-th
    /// document, and each document's bm25 (n = the list's `count`) lowers its block's best.
    struct Builder {
        private(set) var blocks = TermBlocks()
        private let size: Int
        private let ranking: FTS5BM25
        private var added = 0
        private var frequencies = [0.0]

        init(count: Int, size: Int, documentCount: Int, totalTokens: Int) {
            self.size = size
            ranking = FTS5BM25(documentCount: documentCount, totalTokens: totalTokens, phraseDocumentFrequencies: [count])
        }

        /// The next document: where its bytes start in the stream, the ordinal before it, its count
        /// and its length.
        mutating func add(offset: Int, ordinalBefore: Int, occurrences: Int32, length: Int) {
            if added % size == 0 {
                blocks.offsets.append(Int32(offset))
                blocks.ordinalsBefore.append(Int32(ordinalBefore))
                blocks.best.append(.infinity)
            }
            added += 1
            frequencies[0] = QueryEvaluator.termFrequency(occurrences, weight: 1)
            let bm25 = ranking.bm25(frequencies: frequencies, documentLength: length)
            blocks.best[blocks.count - 1] = min(blocks.best[blocks.count - 1], bm25)
        }
    }
}
