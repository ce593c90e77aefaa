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
    private var batches: DocumentBatches
    /// Without a bound: every document, built by `merge(into:)`.
    private var everything: [IndexedDocument] = []
    private var batchFiles: [String] = []
    /// The most documents a batch held (the only batch's count without a bound).
    private(set) var largestBatch = 0

    init(tokenizer: TokenizerConfiguration, memoryLimit: Int?, folder: String) {
        self.tokenizer = tokenizer
        self.memoryLimit = memoryLimit
        self.folder = folder
        batches = DocumentBatches(limit: memoryLimit ?? Int.max)
    }

    /// Takes the next document; returns the batch it completed once that batch's file is written (the
    /// caller may index the same documents elsewhere, as the FTS5 database takes them).
    mutating func add(_ document: IndexedDocument) throws -> [IndexedDocument]? {
        guard let batch = batches.add(document) else { return nil }
        try write(batch)
        return batch
    }

    /// Writes the documents taken since the last batch as a batch file (with a bound) and returns them;
    /// nil when there are none. Without a bound they are returned and built by `merge(into:)`.
    mutating func flush() throws -> [IndexedDocument]? {
        guard let batch = batches.rest() else { return nil }
        if memoryLimit == nil {
            largestBatch = batch.count
            everything = batch
        } else {
            try write(batch)
        }
        return batch
    }

    /// Writes `batch` as the next batch file and lets the heap go.
    private mutating func write(_ batch: [IndexedDocument]) throws {
        largestBatch = max(largestBatch, batch.count)
        let path = (folder as NSString).appendingPathComponent(String(format: "batch-%06d.tsidx", batchFiles.count + 1))
        // Without pairs: the merge finds the merged index's own in the batches' postings.
        try IndexBuild.writing(path) { try Self.build(batch, tokenizer: tokenizer, pairThreshold: Int.max).write(to: path) }
        batchFiles.append(path)
        ReleasedMemory.trim()
    }

    /// Writes the index file of every document taken at `path`: built at once without a bound, else the
    /// batch files merged (a single one too, for its pairs) and removed.
    mutating func merge(into path: String) throws {
        if memoryLimit == nil {
            let documents = everything
            everything = []
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
