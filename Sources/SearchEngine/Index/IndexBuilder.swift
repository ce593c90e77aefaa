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
    /// The most pair keys (K * K) for which pairs are put in order by a counting sort (tests lower it
    /// to check the sort taken beyond it).
    var pairCountingSortSlots = 1 << 22
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
        // Beside the term merge and the pairs, which need neither: the words and the keyword fields.
        let wordLists = runs.map(\.words), wordDocuments = runs.map(\.wordDocuments), keywordFields = self.keywordFields
        let side = Background(inline: parallelism == 1) {
            (words: RunPostings.mergeWords(wordLists, documents: wordDocuments),
             keywords: KeywordFields.build(names: keywordFields, documents: documents.map(\.keywords)))
        }
        var memory = InvertedIndex.MemoryStorage(
            documentIDs: documents.map(\.id), rowids: rowids, storedRecords: documents.map(\.stored),
            columnTexts: documents.flatMap(\.columns), columnSizes: runs.flatMap(\.columnSizes),
            termBytes: [], termOffsets: [0], postingBytes: [], postingOffsets: [0],
            keywords: .none)
        let totalTokens = runs.reduce(0) { $0 + $1.totalTokens }
        RunPostings.merge(&runs, into: &memory)
        memory.pairs = CommonPairs.build(runs: runs, firstOrdinals: bounds.dropLast().map { Int32($0 + 1) }, termCount: memory.termCount,
                                         columns: columns, minimumDocuments: pairThreshold ?? CommonPairs.threshold(documentCount: documents.count),
                                         countingSortSlots: pairCountingSortSlots, documentFrequency: memory.listLength(at:))
        let (words, keywords) = side.wait()
        memory.keywords = keywords
        if let words { memory.words = words }
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
        /// The document being added when the term was last seen, and its slot among that document's
        /// distinct terms (beside the streams: one cache line per token holds them all).
        var seenIn: Int32 = 0
        var slot: Int32 = 0

        /// Appends document `ordinal` and its positions (ascending, at least one) to both streams.
        @inline(__always)
        mutating func add(_ ordinal: Int32, positions: UnsafeBufferPointer<Position>) {
            if documents == 0 {
                first = ordinal
            } else {
                documentBytes.appendVarint(UInt64(ordinal - last))
            }
            documentBytes.appendVarint(UInt64(positions.count))
            let positionStart = positionBytes.count
            var previous: Position = 0
            for position in positions {
                PostingCodec.appendStep(from: previous, to: position, into: &positionBytes)
                previous = position
            }
            documentBytes.appendVarint(UInt64(positionBytes.count - positionStart))
            last = ordinal
            documents += 1
        }
    }

    let columns: Int
    var terms = ByteStrings()
    var postings: [Term] = []
    /// Words before stemming and their document frequencies; kept only when the analyzer stems (else
    /// the words are the terms).
    var words = ByteStrings()
    /// Per word id: the term it stems to (stemming is a function of the word), the last document it
    /// was seen in and how many documents of the run hold it; one struct, so one token reads one place.
    private var wordInfo: [WordInfo] = []
    private struct WordInfo {
        var term: Int32
        var lastDocument: Int32 = 0
        var documents: Int32 = 0
    }
    /// The documents of the run that hold each word, by word id.
    var wordDocuments: [Int] { wordInfo.map { Int($0.documents) } }
    private var stemBuffer: [UInt8] = []
    var columnSizes: [Int32] = []
    var totalTokens = 0
    /// The term id of every token of the run, documents in order, columns end to end (sized by
    /// `columnSizes`): what ``CommonPairs`` finds adjacent pairs in.
    var tokens: [Int32] = []
    /// The dictionary index of each term id in the merged index (set by ``merge(_:into:)``).
    var termIndices: [Int32] = []
    /// Scratch for one document: its tokens' positions; its distinct terms (first seen first) and where
    /// each one's occurrences start in `grouped`, which holds them term by term in position order.
    private var positions: [Position] = []
    private var distinct: [Int32] = []
    private var groupStarts: [Int] = []
    private var grouped: [Position] = []

    init(columns: Int) { self.columns = columns }

    mutating func add(_ document: IndexedDocument, ordinal: Int32, analyzer: Analyzer) {
        positions.removeAll(keepingCapacity: true)
        let firstToken = tokens.count
        let stems = analyzer.configuration.porter
        for (column, text) in document.columns.enumerated() {
            var offset = 0
            analyzer.forEachWord(text) { whole in
                // FTS5 keeps a token's first FTS5_MAX_TOKEN_SIZE bytes (the stemmer leaves such words alone).
                let word = UnsafeBufferPointer(rebasing: whole.prefix(QueryParser.maximumTokenBytes))
                let id = stems ? stemmedTerm(of: word, ordinal: ordinal, analyzer: analyzer) : term(word)
                tokens.append(Int32(id))
                positions.append(Positions.make(column: column, offset: offset))
                offset += 1
            }
            columnSizes.append(Int32(offset))
            totalTokens += offset
        }
        // Occurrences grouped by term, each group in position order: a counting sort by the term's
        // slot (slots numbered as terms are first seen in the document).
        distinct.removeAll(keepingCapacity: true)
        groupStarts.removeAll(keepingCapacity: true)
        postings.withUnsafeMutableBufferPointer { postings in
            for token in firstToken..<tokens.count {
                let id = Int(tokens[token])
                if postings[id].seenIn != ordinal {
                    postings[id].seenIn = ordinal
                    postings[id].slot = Int32(distinct.count)
                    distinct.append(Int32(id))
                    groupStarts.append(0)
                }
                groupStarts[Int(postings[id].slot)] += 1
            }
        }
        var total = 0
        for slot in groupStarts.indices {
            let count = groupStarts[slot]
            groupStarts[slot] = total
            total += count
        }
        groupStarts.append(total)
        if grouped.count < total { grouped = [Position](repeating: 0, count: total) }
        postings.withUnsafeBufferPointer { postings in
            for token in firstToken..<tokens.count {
                let slot = Int(postings[Int(tokens[token])].slot)
                grouped[groupStarts[slot]] = positions[token - firstToken]
                groupStarts[slot] += 1
            }
        }
        // Each slot's start moved to the next one's: slot s now ends at groupStarts[s]. One access to
        // the postings array for the whole document, and one to each term's entry.
        let distinctTerms = distinct, groupEnds = groupStarts
        grouped.withUnsafeBufferPointer { grouped in
            postings.withUnsafeMutableBufferPointer { postings in
                var start = 0
                for (slot, id) in distinctTerms.enumerated() {
                    let end = groupEnds[slot]
                    postings[Int(id)].add(ordinal, positions: UnsafeBufferPointer(rebasing: grouped[start..<end]))
                    start = end
                }
            }
        }
    }

    /// The id of `term`, numbering it (with empty postings) when new.
    @inline(__always)
    private mutating func term(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        let (id, isNew) = terms.intern(term)
        if isNew { postings.append(Term()) }
        return id
    }

    /// The id of the term `word` stems to, counting `word` once for document `ordinal`. Each distinct
    /// word is stemmed once per run (``wordInfo`` remembers its term): one hash probe per token.
    private mutating func stemmedTerm(of word: UnsafeBufferPointer<UInt8>, ordinal: Int32, analyzer: Analyzer) -> Int {
        let (id, isNew) = words.intern(word)
        if isNew {
            analyzer.stem(word, into: &stemBuffer)
            wordInfo.append(WordInfo(term: Int32(stemBuffer.withUnsafeBufferPointer { term($0) })))
        }
        return wordInfo.withUnsafeMutableBufferPointer { info in
            if info[id].lastDocument != ordinal {
                info[id].lastDocument = ordinal
                info[id].documents += 1
            }
            return Int(info[id].term)
        }
    }

    /// Joins the runs' postings term by term, in byte order of the terms, into `memory`'s term and
    /// posting arrays, and sets each run's ``termIndices``. Each run's postings are released once
    /// copied. Without stemming the terms are the words: their dictionary is made here too.
    static func merge(_ runs: inout [RunPostings], into memory: inout InvertedIndex.MemoryStorage) {
        memory.postingBytes.reserveCapacity(runs.reduce(0) { $0 + $1.postings.reduce(0) { $0 + $1.documentBytes.count + $1.positionBytes.count + 8 } })
        let stems = runs.contains { $0.words.count > 0 }
        for run in runs.indices { runs[run].termIndices = [Int32](repeating: -1, count: runs[run].terms.count) }
        ByteStrings.union(runs.map(\.terms)) { term, holders in
            for (run, id) in holders { runs[run].termIndices[id] = Int32(memory.termCount) }
            memory.termBytes += term
            memory.termOffsets.append(memory.termBytes.count)
            var documents = 0
            for (run, id) in holders { documents += runs[run].postings[id].documents }
            memory.postingBytes.appendVarint(UInt64(documents))
            // Each run's first document gets its ordinal delta from the previous run's last.
            var documentsLength = 0
            var last: Int32 = 0
            for (run, id) in holders {
                documentsLength += varintSize(UInt64(runs[run].postings[id].first - last)) + runs[run].postings[id].documentBytes.count
                last = runs[run].postings[id].last
            }
            memory.postingBytes.appendVarint(UInt64(documentsLength))
            last = 0
            for (run, id) in holders {
                memory.postingBytes.appendVarint(UInt64(runs[run].postings[id].first - last))
                memory.postingBytes += runs[run].postings[id].documentBytes
                last = runs[run].postings[id].last
            }
            for (run, id) in holders {
                memory.postingBytes += runs[run].postings[id].positionBytes
                runs[run].postings[id] = Term()
            }
            memory.postingOffsets.append(memory.postingBytes.count)
            if !stems { memory.words.append(term, frequency: documents) }
        }
    }

    /// The word dictionary of runs that stem (nil when they do not: the words are the terms): each
    /// run's words (`lists`) with their document counts in the run (`documents`), summed per word.
    static func mergeWords(_ lists: [ByteStrings], documents: [[Int]]) -> WordDictionary? {
        guard lists.contains(where: { $0.count > 0 }) else { return nil }
        var words = WordDictionary()
        ByteStrings.union(lists) { word, holders in
            words.append(word, frequency: holders.reduce(0) { $0 + documents[$1.list][$1.id] })
        }
        return words
    }
}

/// A value worked out on another thread while the caller goes on (`inline`: at once, on the calling
/// thread); `wait()` returns it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    init(inline: Bool, _ work: @escaping @Sendable () -> Value) {
        guard !inline else {
            result = work()
            return
        }
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    func wait() -> Value {
        group.wait()
        return result!
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

/// The bytes of `value` as a LEB128 varint.
@inline(__always)
func varintSize(_ value: UInt64) -> Int {
    var size = 1, rest = value
    while rest >= 0x80 { size += 1; rest >>= 7 }
    return size
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

