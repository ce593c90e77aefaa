extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for one bare term at column weight 1 whose list has blocks
    /// (``TermBlocks``: a term's of section 14, a prefix's stored union's made on first use): the
    /// list's length, and the best `limit`, reading only the blocks that could hold one of them.
    ///
    /// Blocks come in ordinal order and a document enters only with a bm25 below the worst kept
    /// (a tie comes from a higher ordinal than every kept one, and loses). A block's best is the
    /// lowest bm25 of its documents, computed when the file was written with the same statistics,
    /// frequencies and arithmetic as this query's: a block whose best is not below the worst kept is
    /// passed over without decoding it, and nothing it holds could have entered. Inside a read block
    /// each document is offered by the one-term ``LengthCutoffs``, as ``bestOfOneTerm`` does.
    func bestOfBlocks<List: BlockReadableList>(_ list: List, phrase: Int, limit: Int) throws(IndexFileError) -> (count: Int, best: [Match]) {
        let ranking = self.ranking([phrase], documentFrequencies: [list.count])
        var best = BestKept(limit: limit)
        var cutoffs = LengthCutoffs(phrase: phrase)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        for block in 0..<list.blocks.count {
            if best.isFull && list.blocks.best[block] >= best.worst { continue }
            var cursor = list.cursor(ofBlock: block)
            while let (ordinal, occurrences) = try cursor.next() {
                offer(ordinal, occurrences: occurrences, phrase: phrase, cutoffs: &cutoffs, frequencies: &frequencies,
                      best: &best, ranking: ranking, weight: 1)
            }
        }
        return (list.count, best.ranked())
    }
}

/// A list read block by block (``QueryEvaluator/bestOfBlocks(_:phrase:limit:)``): its length, its
/// ``TermBlocks``, and a cursor over any block's documents.
protocol BlockReadableList {
    associatedtype Cursor: BlockCursor
    var count: Int { get }
    var blocks: TermBlocks { get }
    func cursor(ofBlock block: Int) -> Cursor
}

/// One block's documents with their occurrence counts, in order; nil after the last.
protocol BlockCursor {
    mutating func next() throws(IndexFileError) -> (ordinal: Int32, occurrences: Int32)?
}

extension BlockedList: BlockReadableList {}
extension BlockedList.Cursor: BlockCursor {}
extension BlockedUnion: BlockReadableList {}
extension PrefixUnions.Cursor: BlockCursor {}
