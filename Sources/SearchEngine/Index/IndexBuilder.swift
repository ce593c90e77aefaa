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
    /// The fewest documents a term must be in for its adjacent pairs with other such terms to be
    /// indexed (``CommonPairs``); nil: ``CommonPairs/threshold(documentCount:)``, `Int.max`: no pairs.
    /// Results never depend on it, only the speed of phrases of common words.
    public var pairThreshold: Int?
    private var documents: [IndexedDocument] = []
    private var rowids: [Int64] = []

    public init(schema: ColumnSchema, tokenizer: TokenizerConfiguration, keywordFields: [String] = [],
                parallelism: Int? = nil) throws(TokenizerError) {
        self.schema = schema
        self.keywordFields = keywordFields
        analyzer = try Analyzer(tokenizer)
        self.parallelism = max(1, parallelism ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    public var documentCount: Int { documents.count }

    /// Adds the next document (ordinal `documentCount + 1`; rowid its own or, when nil, the ordinal).
    public mutating func add(_ document: IndexedDocument) {
        precondition(document.columns.count == schema.count, "document \(document.id): \(document.columns.count) columns, schema has \(schema.count)")
        let rowid = document.rowid ?? Int64(documents.count + 1)
        precondition(rowid > (rowids.last ?? 0), "document \(document.id): rowid \(rowid) does not increase")
        rowids.append(rowid)
        documents.append(document)
    }

    public func build() -> InvertedIndex {
        let documents = self.documents, analyzer = self.analyzer, columns = schema.count
        let runCount = max(1, min(parallelism, documents.count / 256))
        let bounds = (0...runCount).map { documents.count * $0 / runCount }
        let slots = ResultSlots<RunPostings>(count: runCount)
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var postings = RunPostings(columns: columns)
            for index in bounds[run]..<bounds[run + 1] {
                postings.add(documents[index], ordinal: Int32(index + 1), analyzer: analyzer)
            }
            slots.store(postings, at: run)
        }
        var runs = slots.values()
        var memory = InvertedIndex.MemoryStorage(
            documentIDs: documents.map(\.id), rowids: rowids, storedRecords: documents.map(\.stored),
            columnTexts: documents.flatMap(\.columns), columnSizes: runs.flatMap(\.columnSizes),
            termBytes: [], termOffsets: [0], postingBytes: [], postingOffsets: [0],
            keywords: KeywordFields.build(names: keywordFields, documents: documents.map(\.keywords)))
        let totalTokens = runs.reduce(0) { $0 + $1.totalTokens }
        RunPostings.merge(&runs, into: &memory)
        memory.pairs = CommonPairs.build(from: memory, columns: columns,
                                         minimumDocuments: pairThreshold ?? CommonPairs.threshold(documentCount: documents.count),
                                         parallelism: parallelism)
        return InvertedIndex(schema: schema, tokenizer: analyzer.configuration, totalTokens: totalTokens, memory: memory)
    }
}

/// The postings of one run of consecutive documents, per term in the file's encoding except for the
/// first document's ordinal delta, which depends on the runs before (written by the merge).
struct RunPostings {
    struct Term {
        /// The documents stream (``PostingCodec``): for the first document, position count and position
        /// length; for each later one, ordinal delta, position count, position length.
        var documentBytes: [UInt8] = []
        /// The positions stream: every document's position steps.
        var positionBytes: [UInt8] = []
        var first: Int32 = 0
        var last: Int32 = 0
        var documents = 0
    }

    let columns: Int
    var terms = ByteStrings()
    var postings: [Term] = []
    /// Words before stemming and their document frequencies; kept only when the analyzer stems (else
    /// the words are the terms).
    var words = ByteStrings()
    var wordDocuments: [Int] = []
    private var wordLastDocument: [Int32] = []
    var columnSizes: [Int32] = []
    var totalTokens = 0
    /// Scratch for one document: (term id << 32 | occurrence index), and the occurrences' positions.
    private var keys: [UInt64] = []
    private var positions: [Position] = []

    init(columns: Int) { self.columns = columns }

    mutating func add(_ document: IndexedDocument, ordinal: Int32, analyzer: Analyzer) {
        keys.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        let stems = analyzer.configuration.porter
        for (column, text) in document.columns.enumerated() {
            var offset = 0
            analyzer.analyzeWords(text) { term, word in
                if stems { countWord(word, ordinal: ordinal) }
                let (id, isNew) = terms.intern(term)
                if isNew { postings.append(Term()) }
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
                postings[id].documentBytes.appendVarint(UInt64(ordinal - postings[id].last))
            }
            postings[id].documentBytes.appendVarint(UInt64(end - start))
            let positionStart = postings[id].positionBytes.count
            var previous: Position = 0
            for key in keys[start..<end] {
                let position = positions[Int(key & 0xFFFF_FFFF)]
                PostingCodec.appendStep(from: previous, to: position, into: &postings[id].positionBytes)
                previous = position
            }
            postings[id].documentBytes.appendVarint(UInt64(postings[id].positionBytes.count - positionStart))
            postings[id].last = ordinal
            postings[id].documents += 1
            start = end
        }
    }

    /// Counts `word` once for document `ordinal`.
    private mutating func countWord(_ word: UnsafeBufferPointer<UInt8>, ordinal: Int32) {
        let (id, isNew) = words.intern(word)
        if isNew {
            wordDocuments.append(0)
            wordLastDocument.append(0)
        }
        if wordLastDocument[id] != ordinal {
            wordLastDocument[id] = ordinal
            wordDocuments[id] += 1
        }
    }

    /// Calls `body(key, holders)` for each distinct key of the runs' `keys`, in byte order, with the
    /// (run, id) pairs that hold it, runs ascending. `keys[run]` holds a run's keys (in any order).
    static func mergeSorted(_ keys: [ByteStrings], _ body: (ArraySlice<UInt8>, [(run: Int, index: Int)]) -> Void) {
        let orders = keys.map { list in (0..<list.count).sorted { list[$0].lexicographicallyPrecedes(list[$1]) } }
        var cursors = [Int](repeating: 0, count: keys.count)
        var holders: [(run: Int, index: Int)] = []
        while true {
            var smallest: ArraySlice<UInt8>?
            holders.removeAll(keepingCapacity: true)
            for run in keys.indices where cursors[run] < orders[run].count {
                let index = orders[run][cursors[run]]
                let key = keys[run][index]
                if let current = smallest, !key.lexicographicallyPrecedes(current) {
                    if key == current { holders.append((run, index)) }
                    continue
                }
                smallest = key
                holders = [(run, index)]
            }
            guard let key = smallest else { return }
            body(key, holders)
            for holder in holders { cursors[holder.run] += 1 }
        }
    }

    /// Joins the runs' postings term by term, in byte order of the terms, into `memory`'s term and
    /// posting arrays. Each run's postings are released once copied.
    static func merge(_ runs: inout [RunPostings], into memory: inout InvertedIndex.MemoryStorage) {
        memory.postingBytes.reserveCapacity(runs.reduce(0) { $0 + $1.postings.reduce(0) { $0 + $1.documentBytes.count + $1.positionBytes.count + 8 } })
        let stems = runs.contains { $0.words.count > 0 }
        mergeSorted(runs.map(\.terms)) { term, holders in
            memory.termBytes += term
            memory.termOffsets.append(memory.termBytes.count)
            var documents = 0
            for (run, id) in holders { documents += runs[run].postings[id].documents }
            memory.postingBytes.appendVarint(UInt64(documents))
            // Each run's first document gets its ordinal delta from the previous run's last.
            var firstDeltas: [UInt8] = []
            var documentsLength = 0
            var last: Int32 = 0
            for (run, id) in holders {
                let start = firstDeltas.count
                firstDeltas.appendVarint(UInt64(runs[run].postings[id].first - last))
                documentsLength += firstDeltas.count - start + runs[run].postings[id].documentBytes.count
                last = runs[run].postings[id].last
            }
            memory.postingBytes.appendVarint(UInt64(documentsLength))
            var deltaStart = 0
            for (run, id) in holders {
                var deltaEnd = deltaStart + 1
                while firstDeltas[deltaEnd - 1] >= 0x80 { deltaEnd += 1 }
                memory.postingBytes += firstDeltas[deltaStart..<deltaEnd]
                memory.postingBytes += runs[run].postings[id].documentBytes
                deltaStart = deltaEnd
            }
            for (run, id) in holders {
                memory.postingBytes += runs[run].postings[id].positionBytes
                runs[run].postings[id] = Term()
            }
            memory.postingOffsets.append(memory.postingBytes.count)
            if !stems { memory.words.append(term, frequency: documents) }
        }
        guard stems else { return }
        mergeSorted(runs.map(\.words)) { word, holders in
            memory.words.append(word, frequency: holders.reduce(0) { $0 + runs[$1.run].wordDocuments[$1.index] })
        }
    }
}

/// One result slot per run, filled from concurrent threads under a lock.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ postings: Value, at index: Int) {
        lock.lock()
        slots[index] = postings
        lock.unlock()
    }

    func values() -> [Value] {
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

