import Foundation
import SearchEngine
import TalkCatalog

/// The engine's index file built from documents given one at a time, under an optional bound on the
/// build's working memory.
///
/// Without a bound every document is held and built at once. With one, documents are held until their
/// estimated build memory (``BuildMemory``) reaches it; that batch is then built and written as a
/// batch file beside the target (`batch-NNNNNN.tsidx`), and let go. `merge(into:)` joins the batch
/// files from their postings (``InvertedIndex/write(to:)`` of the segments, which analyses nothing
/// again) into the file one build of all the documents writes, byte for byte, and removes them (one
/// batch file is "merged" too: batch files have no pairs, which the merge finds in their postings). Peak
/// memory is then one batch's build, or the merge's (the merged dictionary, the pairs and one term's
/// postings; the batch files' mapped pages are let go section by section), whichever is higher.
struct BoundedEngineBuild {
    let tokenizer: TokenizerConfiguration
    let memoryLimit: Int?
    /// Where the batch files go.
    let folder: String
    private var pending: [IndexedDocument] = []
    private var pendingBytes = 0
    private var batchFiles: [String] = []
    /// The most documents a batch held (the only batch's count without a bound).
    private(set) var largestBatch = 0

    init(tokenizer: TokenizerConfiguration, memoryLimit: Int?, folder: String) {
        self.tokenizer = tokenizer
        self.memoryLimit = memoryLimit
        self.folder = folder
    }

    /// Takes the next document; returns the batch it completed once that batch's file is written (the
    /// caller may index the same documents elsewhere, as the FTS5 database takes them).
    mutating func add(_ document: IndexedDocument) throws -> [IndexedDocument]? {
        pending.append(document)
        guard let memoryLimit else { return nil }
        pendingBytes += BuildMemory.estimate(document)
        return pendingBytes >= memoryLimit ? try flush() : nil
    }

    /// Writes the documents taken since the last batch as a batch file (with a bound) and returns them;
    /// nil when there are none. Without a bound they are returned and built by `merge(into:)`.
    mutating func flush() throws -> [IndexedDocument]? {
        guard !pending.isEmpty else { return nil }
        let batch = pending
        pending = []
        pendingBytes = 0
        largestBatch = max(largestBatch, batch.count)
        guard memoryLimit != nil else {
            pending = batch
            return batch
        }
        let path = (folder as NSString).appendingPathComponent(String(format: "batch-%06d.tsidx", batchFiles.count + 1))
        // Without pairs: the merge finds the merged index's own in the batches' postings.
        try IndexBuild.writing(path) { try Self.build(batch, tokenizer: tokenizer, pairThreshold: Int.max).write(to: path) }
        batchFiles.append(path)
        ReleasedMemory.trim()
        return batch
    }

    /// Writes the index file of every document taken at `path`: built at once without a bound, else the
    /// batch files merged (one batch file is renamed) and removed.
    mutating func merge(into path: String) throws {
        if memoryLimit == nil {
            let documents = pending
            pending = []
            try IndexBuild.writing(path) { try Self.build(documents, tokenizer: tokenizer).write(to: path) }
            return
        }
        _ = try flush()
        defer { for file in batchFiles { try? FileManager.default.removeItem(atPath: file) } }
        let segments = try batchFiles.map { file throws(IndexFileError) in try InvertedIndex.open(path: file) }
        try IndexBuild.writing(path) {
            try InvertedIndex(segments: segments, deletions: segments.map { _ in [] }).write(to: path)
        }
    }

    static func build(_ documents: [IndexedDocument], tokenizer: TokenizerConfiguration, pairThreshold: Int? = nil) throws -> InvertedIndex {
        var builder = try IndexBuilder(schema: Talk.columns, tokenizer: tokenizer, keywordFields: Talk.keywordFields)
        builder.pairThreshold = pairThreshold
        for document in documents { builder.add(document) }
        return builder.build()
    }
}
