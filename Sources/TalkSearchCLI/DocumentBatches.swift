import SearchEngine

/// Documents cut into batches as they come: a batch closes once its estimated build memory
/// (``BuildMemory``) reaches `limit` bytes and it holds a multiple of
/// ``InvertedIndex/batchAlignment`` documents (at most that many more), which lets the merge of the
/// batch files copy their compressed texts.
struct DocumentBatches {
    let limit: Int
    private var pending: [IndexedDocument] = []
    private var bytes = 0

    init(limit: Int) { self.limit = limit }

    /// Takes the next document; returns the batch it closed, if it closed one.
    mutating func add(_ document: IndexedDocument) -> [IndexedDocument]? {
        pending.append(document)
        bytes += BuildMemory.estimate(document)
        return bytes >= limit && pending.count % InvertedIndex.batchAlignment == 0 ? rest() : nil
    }

    /// The documents taken since the last batch closed (nil when there are none), as a batch.
    mutating func rest() -> [IndexedDocument]? {
        guard !pending.isEmpty else { return nil }
        defer { (pending, bytes) = ([], 0) }
        return pending
    }
}
