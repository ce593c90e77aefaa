import Dispatch
import Foundation

/// Builds an ``InvertedIndex``: add documents in ordinal order, then `build()`.
///
/// Every column of every document is analysed with the index's ``Analyzer``; token positions restart
/// at 0 in each column. `build()` analyses contiguous runs of documents on `parallelism` threads, each
/// into postings already in the index file's encoding (``PostingCodec``), then merges the runs term by
/// term in byte order. The result does not depend on the number of threads: the encoding of a term's
/// postings is canonical, and runs are joined in ordinal order.
public struct IndexBuilder {
    public let schema: ColumnSchema
    public let analyzer: Analyzer
    /// The names of the documents' keyword fields (``IndexedDocument/keywords``), for filters and facets.
    public let keywordFields: [String]
    /// Threads that analyse documents in `build()` (default: the active processor count).
    public var parallelism: Int
    private var documents: [IndexedDocument] = []

    public init(schema: ColumnSchema, tokenizer: TokenizerConfiguration, keywordFields: [String] = [],
                parallelism: Int? = nil) throws(TokenizerError) {
        self.schema = schema
        self.keywordFields = keywordFields
        analyzer = try Analyzer(tokenizer)
        self.parallelism = max(1, parallelism ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    public var documentCount: Int { documents.count }

    /// Adds the next document (ordinal `documentCount + 1`).
    public mutating func add(_ document: IndexedDocument) {
        precondition(document.columns.count == schema.count, "document \(document.id): \(document.columns.count) columns, schema has \(schema.count)")
        documents.append(document)
    }

    public func build() -> InvertedIndex {
        let documents = self.documents, analyzer = self.analyzer, columns = schema.count
        let runCount = max(1, min(parallelism, documents.count / 256))
        let bounds = (0...runCount).map { documents.count * $0 / runCount }
        let slots = RunSlots(count: runCount)
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var postings = RunPostings(columns: columns)
            for index in bounds[run]..<bounds[run + 1] {
                postings.add(documents[index], ordinal: Int32(index + 1), analyzer: analyzer)
            }
            slots.store(postings, at: run)
        }
        var runs = slots.values()
        var memory = InvertedIndex.MemoryStorage(
            documentIDs: documents.map(\.id), storedRecords: documents.map(\.stored),
            columnTexts: documents.flatMap(\.columns), columnSizes: runs.flatMap(\.columnSizes),
            termBytes: [], termOffsets: [0], postingBytes: [], postingOffsets: [0],
            keywords: KeywordFields.build(names: keywordFields, documents: documents.map(\.keywords)))
        let totalTokens = runs.reduce(0) { $0 + $1.totalTokens }
        RunPostings.merge(&runs, into: &memory)
        return InvertedIndex(schema: schema, tokenizer: analyzer.configuration, totalTokens: totalTokens, memory: memory)
    }
}

/// The postings of one run of consecutive documents, per term in the file's encoding except for the
/// first document's ordinal delta, which depends on the runs before (written by the merge).
struct RunPostings {
    struct Term {
        /// For the first document: position count, position deltas; for each later one: ordinal delta,
        /// position count, position deltas.
        var bytes: [UInt8] = []
        var first: Int32 = 0
        var last: Int32 = 0
        var documents = 0
    }

    let columns: Int
    var termIDs: [[UInt8]: Int32] = [:]
    var terms: [[UInt8]] = []
    var postings: [Term] = []
    var columnSizes: [Int32] = []
    var totalTokens = 0
    /// Scratch for one document: (term id << 32 | occurrence index), and the occurrences' positions.
    private var keys: [UInt64] = []
    private var positions: [Position] = []
    private var termBuffer: [UInt8] = []

    init(columns: Int) { self.columns = columns }

    mutating func add(_ document: IndexedDocument, ordinal: Int32, analyzer: Analyzer) {
        keys.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        for (column, text) in document.columns.enumerated() {
            var offset = 0
            analyzer.analyze(text) { term, _, _ in
                termBuffer.removeAll(keepingCapacity: true)
                termBuffer.append(contentsOf: term.prefix(QueryParser.maximumTokenBytes))
                let id: Int32
                if let existing = termIDs[termBuffer] {
                    id = existing
                } else {
                    // A fresh array of the term's own size (termBuffer's storage keeps the capacity of the
                    // longest term seen, and would be shared by every key otherwise).
                    let key = [UInt8](unsafeUninitializedCapacity: termBuffer.count) { buffer, count in
                        count = buffer.initialize(fromContentsOf: termBuffer)
                    }
                    id = Int32(terms.count)
                    termIDs[key] = id
                    terms.append(key)
                    postings.append(Term())
                }
                keys.append(UInt64(UInt32(id)) << 32 | UInt64(positions.count))
                positions.append(Positions.make(column: column, offset: offset))
                offset += 1
            }
            columnSizes.append(Int32(offset))
            totalTokens += offset
        }
        // Occurrences grouped by term, each group in position order (the occurrence index follows it).
        keys.sort()
        var start = 0
        while start < keys.count {
            let id = Int(keys[start] >> 32)
            var end = start + 1
            while end < keys.count, Int(keys[end] >> 32) == id { end += 1 }
            if postings[id].documents == 0 {
                postings[id].first = ordinal
            } else {
                postings[id].bytes.appendVarint(UInt64(ordinal - postings[id].last))
            }
            postings[id].bytes.appendVarint(UInt64(end - start))
            var previous: Position = 0
            for key in keys[start..<end] {
                let position = positions[Int(key & 0xFFFF_FFFF)]
                postings[id].bytes.appendVarint(UInt64(position - previous))
                previous = position
            }
            postings[id].last = ordinal
            postings[id].documents += 1
            start = end
        }
    }

    /// Joins the runs' postings term by term, in byte order of the terms, into `memory`'s term and
    /// posting arrays. Each run's postings are released once copied.
    static func merge(_ runs: inout [RunPostings], into memory: inout InvertedIndex.MemoryStorage) {
        let orders = runs.map { run in run.terms.indices.sorted { run.terms[$0].lexicographicallyPrecedes(run.terms[$1]) } }
        var cursors = [Int](repeating: 0, count: runs.count)
        memory.postingBytes.reserveCapacity(runs.reduce(0) { $0 + $1.postings.reduce(0) { $0 + $1.bytes.count + 4 } })
        var holders: [Int] = []
        while true {
            // The smallest term at the runs' cursors, and every run that holds it.
            var smallest: [UInt8]?
            holders.removeAll(keepingCapacity: true)
            for run in runs.indices where cursors[run] < orders[run].count {
                let term = runs[run].terms[orders[run][cursors[run]]]
                if let current = smallest, !term.lexicographicallyPrecedes(current) {
                    if term == current { holders.append(run) }
                    continue
                }
                smallest = term
                holders = [run]
            }
            guard let term = smallest else { break }
            memory.termBytes += term
            memory.termOffsets.append(memory.termBytes.count)
            var documents = 0
            for run in holders { documents += runs[run].postings[orders[run][cursors[run]]].documents }
            memory.postingBytes.appendVarint(UInt64(documents))
            var last: Int32 = 0
            for run in holders {
                let id = orders[run][cursors[run]]
                memory.postingBytes.appendVarint(UInt64(runs[run].postings[id].first - last))
                memory.postingBytes += runs[run].postings[id].bytes
                last = runs[run].postings[id].last
                runs[run].postings[id] = Term()
                cursors[run] += 1
            }
            memory.postingOffsets.append(memory.postingBytes.count)
        }
    }
}

/// One result slot per run, filled from concurrent threads under a lock.
private final class RunSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [RunPostings?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ postings: RunPostings, at index: Int) {
        lock.lock()
        slots[index] = postings
        lock.unlock()
    }

    func values() -> [RunPostings] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

extension [UInt8] {
    /// Appends `value` as a LEB128 varint (the index file's encoding).
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }
}

