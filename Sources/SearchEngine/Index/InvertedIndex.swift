/// An immutable inverted index over documents with named columns, made by ``IndexBuilder``, opened
/// from an index file (``open(path:)``), or read from several of those with deletions
/// (``init(segments:deletions:)``).
///
/// It holds what FTS5 keeps: the term dictionary (exact and prefix lookup over terms in byte order),
/// per term the documents with per-column positions, per document the token count of every column,
/// and the collection totals N (documents) and the token count of all columns of all documents. A
/// file-backed index reads postings and documents from the memory-mapped file as queries need them;
/// those reads throw ``IndexFileError`` if the bytes fail their checksum.
public struct InvertedIndex: Sendable {
    public let schema: ColumnSchema
    public let tokenizer: TokenizerConfiguration
    /// N, the number of documents.
    public let documentCount: Int
    /// Σ of every column size of every document.
    public let totalTokens: Int
    /// Σ over documents of each column's token count.
    public let columnTotals: [Int]
    let storage: Storage
    /// Per document (ordinal - 1), its token count over all columns (FTS5's D): a file's, summed at
    /// open (the same buffer, not a copy); segments', theirs end to end, deleted documents' included;
    /// a memory index's, summed from its column sizes. Kept beside the storage because reading it
    /// through `case .file(let file)` retained and released the file at every document a scoring
    /// loop scored (perf: the AND and OR classes); scoring loops read it whole (``lengths``).
    private let summedLengths: [Int32]

    enum Storage: Sendable {
        case memory(MemoryBox)
        case file(MappedIndexFile)
        case segments(SegmentSet)
    }

    /// An index in memory, shared: `case .memory(let box)` then `box.value.field` reads one field in
    /// place, where binding the struct itself (as an indirect case did) copied it out, retaining and
    /// releasing each of its arrays on every call (perf: writing a pyvideo file spent 15% less).
    final class MemoryBox: Sendable {
        let value: MemoryStorage
        init(_ value: MemoryStorage) { self.value = value }
    }

    struct MemoryStorage: Sendable {
        var documentIDs: [String]
        var rowids: [Int64]
        var storedRecords: [String?]
        /// `columnTexts[(ordinal - 1) * columns + column]`.
        var columnTexts: [String]
        /// `columnSizes[(ordinal - 1) * columns + column]`.
        var columnSizes: [Int32]
        /// Term i, in byte order, is `termBytes[termOffsets[i] ..< termOffsets[i + 1]]`.
        var termBytes: [UInt8]
        var termOffsets: [Int]
        /// Term i's postings, encoded as in the index file (``PostingCodec``), are
        /// `postingBytes[postingOffsets[i] ..< postingOffsets[i + 1]]`.
        var postingBytes: [UInt8]
        var postingOffsets: [Int]
        var keywords: KeywordFields
        var words = WordDictionary()
        var pairs = CommonPairs()

        var termCount: Int { termOffsets.count - 1 }

        /// The leading document count of term `index`'s postings, without decoding them.
        func listLength(at index: Int) -> Int {
            PostingCodec.documentCount(postingBytes, range: postingOffsets[index]..<postingOffsets[index + 1])
        }

        func term(at index: Int) -> ArraySlice<UInt8> { termBytes[termOffsets[index]..<termOffsets[index + 1]] }

        /// The dictionary index of exactly `key`, nil when it is not a term.
        func termIndex<Key: Collection<UInt8>>(_ key: Key) -> Int? {
            let index = lowerBound(key)
            return index < termCount && term(at: index).elementsEqual(key) ? index : nil
        }

        /// The first term index whose term is not below `key` in byte order.
        func lowerBound<Key: Collection<UInt8>>(_ key: Key) -> Int {
            partitionPoint(0..<termCount) { term(at: $0).lexicographicallyPrecedes(key) }
        }

        func postings(at index: Int, detail: PostingList.Detail = .positions) throws(IndexFileError) -> PostingList {
            do throws(PostingCodec.Malformed) {
                return try PostingCodec.decode(postingBytes, range: postingOffsets[index]..<postingOffsets[index + 1],
                                               documentCount: documentIDs.count, detail: detail)
            } catch {
                throw IndexFileError(file: "in-memory index", section: "postings", reason: "term \(index) is malformed")
            }
        }
    }

    init(schema: ColumnSchema, tokenizer: TokenizerConfiguration, totalTokens: Int, memory: MemoryStorage) {
        self.schema = schema
        self.tokenizer = tokenizer
        documentCount = memory.documentIDs.count
        self.totalTokens = totalTokens
        var totals = [Int](repeating: 0, count: schema.count)
        for (slot, size) in memory.columnSizes.enumerated() { totals[slot % schema.count] += Int(size) }
        columnTotals = totals
        storage = .memory(MemoryBox(memory))
        let columns = schema.count, documents = memory.documentIDs.count
        summedLengths = [Int32](unsafeUninitializedCapacity: documents) { lengths, initialized in
            for document in 0..<documents {
                var total: Int32 = 0
                for column in 0..<columns { total += Int32(memory.columnSizes[document * columns + column]) }
                lengths[document] = total
            }
            initialized = documents
        }
    }

    /// Opens an index file written by ``write(to:)``.
    public static func open(path: String) throws(IndexFileError) -> InvertedIndex {
        try InvertedIndex(file: MappedIndexFile(path: path))
    }

    init(file: MappedIndexFile) {
        schema = ColumnSchema(names: file.meta.columns)
        tokenizer = file.meta.tokenizer
        documentCount = file.meta.documentCount
        totalTokens = file.meta.totalTokens
        if let totals = file.meta.columnTotals, totals.count == file.meta.columns.count {
            columnTotals = totals
        } else {
            columnTotals = file.summedColumnTotals()
        }
        storage = .file(file)
        summedLengths = file.documentLengths
    }

    /// Reads `segments` (each made by a builder or opened from a file) as one index without the
    /// documents in `deletions` (per segment, local ordinals). Statistics are those of the live
    /// documents; ordinals run through the segments in order (``SegmentSet``).
    ///
    /// - Throws: ``IndexFileError`` when the segments do not fit together (columns, tokenizer, rowids
    ///   not increasing from one segment to the next, a deleted ordinal out of range).
    public init(segments: [InvertedIndex], deletions: [[Int32]]) throws(IndexFileError) {
        let set = try SegmentSet(segments: segments, deletions: deletions)
        schema = segments[0].schema
        tokenizer = segments[0].tokenizer
        (documentCount, totalTokens, columnTotals) = set.statistics()
        storage = .segments(set)
        // Every ordinal's length (deleted ones too: ordinals run through them), read once: found
        // through its segment at each call, the lengths cost a merge of 1,000,000 talks 1.75 s of
        // its term blocks' bounds.
        var lengths: [Int32] = []
        lengths.reserveCapacity(set.ordinalCount)
        for segment in segments { lengths += segment.summedLengths }
        summedLengths = lengths
    }

    /// The number of segments (1 unless made by ``init(segments:deletions:)``).
    public var segmentCount: Int {
        if case .segments(let set) = storage { return set.segments.count }
        return 1
    }

    /// The highest ordinal: ``documentCount`` unless segments hold deleted documents, whose ordinals
    /// stay taken (a deleted document is in no posting list).
    public var ordinalCount: Int {
        if case .segments(let set) = storage { return set.ordinalCount }
        return documentCount
    }

    /// The segment (0 unless made by ``init(segments:deletions:)``) that holds `ordinal`, and the
    /// document's ordinal within it.
    public func location(of ordinal: Int32) -> (segment: Int, local: Int32) {
        if case .segments(let set) = storage { return set.locate(ordinal) }
        return (0, ordinal)
    }

    /// Whether `ordinal` is a deleted document of a segment.
    public func isDeleted(_ ordinal: Int32) -> Bool {
        if case .segments(let set) = storage { return set.isDeleted(ordinal) }
        return false
    }

    /// The number of distinct terms (for segments, of the merged dictionary, made on first use).
    public var termCount: Int {
        switch storage {
        case .memory(let box): box.value.termCount
        case .file(let file): file.meta.termCount
        case .segments(let set): (try? set.dictionary().terms.count) ?? 0
        }
    }

    /// Writes the index as an index file at `path` (which must not exist). Segments without deleted
    /// documents are merged from their postings (``MergedSegments``: the file a single build of their
    /// documents writes); segments with deletions are written by building their live documents into
    /// one index, not by this.
    public func write(to path: String) throws {
        if case .segments(let set) = storage {
            guard set.deletedCounts.allSatisfy({ $0 == 0 }) else {
                throw IndexFileError(file: path, reason: "segments with deleted documents are written by indexing their live documents again")
            }
            try IndexFileWriter.write(content: MergedSegments(self), to: path)
            return
        }
        try IndexFileWriter.write(self, to: path)
    }

    /// Verifies every checksum of a file-backed index (an in-memory index has none to verify).
    public func verifyChecksums() throws(IndexFileError) {
        switch storage {
        case .memory: break
        case .file(let file): try file.verifyAll()
        case .segments(let set): for segment in set.segments { try segment.verifyChecksums() }
        }
    }

    /// A build in batches whose document counts (all but the last) are multiples of this merges them
    /// faster: their documents section's compressed frames are copied, not compressed again. The file
    /// is the same either way.
    public static let batchAlignment = 64

    /// The bytes a file-backed index spends on its documents (the documents section: ids, stored
    /// records, compressed column texts; and the id-order section), apart from what searching reads;
    /// nil in memory.
    public var documentBytes: Int? {
        switch storage {
        case .memory: nil
        case .file(let file): file.sections[.documents]!.length + file.sections[.idOrder]!.length
        case .segments(let set): set.segments.reduce(0) { $0 + ($1.documentBytes ?? 0) }
        }
    }

    // MARK: Documents

    /// The token count of one column of a document.
    @inline(__always)
    public func columnSize(_ ordinal: Int32, column: Int) -> Int {
        switch storage {
        case .memory(let box): Int(box.value.columnSizes[Int(ordinal - 1) * schema.count + column])
        case .file(let file): file.columnLength(ordinal, column: column)
        case .segments(let set): set.at(ordinal) { $0.columnSize($1, column: column) }
        }
    }

    /// The token count of the whole document (all columns), FTS5's D.
    @inline(__always)
    public func documentLength(_ ordinal: Int32) -> Int {
        Int(summedLengths[Int(ordinal) - 1])
    }

    /// Every document's token count over all columns, document d's at index d - 1 (deleted ordinals'
    /// included, between segments' live ones): for loops that read many.
    var lengths: [Int32] { summedLengths }

    public func documentID(_ ordinal: Int32) throws(IndexFileError) -> String {
        switch storage {
        case .memory(let box): box.value.documentIDs[Int(ordinal) - 1]
        case .file(let file): String(decoding: try file.idBytes(ordinal), as: UTF8.self)
        case .segments(let set): try set.at(ordinal) { (segment, local) throws(IndexFileError) in try segment.documentID(local) }
        }
    }

    /// The rowid of document `ordinal` (FTS5's rowid: increasing with the ordinal).
    public func rowid(_ ordinal: Int32) -> Int64 {
        switch storage {
        case .memory(let box): box.value.rowids[Int(ordinal) - 1]
        case .file(let file): file.rowid(ordinal)
        case .segments(let set): set.at(ordinal) { $0.rowid($1) }
        }
    }

    /// The ordinal of the live document with rowid `rowid`, if any (binary search: rowids increase).
    public func ordinal(ofRowid rowid: Int64) -> Int32? {
        guard ordinalCount > 0 else { return nil }
        let ordinal = Int32(partitionPoint(1..<(ordinalCount + 1)) { self.rowid(Int32($0)) < rowid })
        guard Int(ordinal) <= ordinalCount, self.rowid(ordinal) == rowid, !isDeleted(ordinal) else { return nil }
        return ordinal
    }

    /// The ordinal of the live document whose id is `id`, if any (ids are unique among live documents
    /// when the index is kept by updates that replace by id).
    public func ordinal(ofID id: String) throws(IndexFileError) -> Int32? {
        switch storage {
        case .memory(let box):
            return box.value.documentIDs.firstIndex(of: id).map { Int32($0 + 1) }
        case .file(let file):
            return try file.ordinal(ofID: Array(id.utf8))
        case .segments(let set):
            for segment in set.segments.indices.reversed() {
                guard let local = try set.segments[segment].ordinal(ofID: id),
                      !set.isDeleted(segment: segment, local: local) else { continue }
                return set.bases[segment] + local
            }
            return nil
        }
    }

    /// ``documentID(_:)`` and ``storedRecord(_:)`` of document `ordinal` together (a file's record
    /// is then read once).
    public func documentRecord(_ ordinal: Int32) throws(IndexFileError) -> (id: String, stored: String?) {
        switch storage {
        case .memory(let box): (box.value.documentIDs[Int(ordinal) - 1], box.value.storedRecords[Int(ordinal) - 1])
        case .file(let file): try file.record(ordinal)
        case .segments(let set): try set.at(ordinal) { (segment, local) throws(IndexFileError) in try segment.documentRecord(local) }
        }
    }

    public func storedRecord(_ ordinal: Int32) throws(IndexFileError) -> String? {
        switch storage {
        case .memory(let box): box.value.storedRecords[Int(ordinal) - 1]
        case .file(let file): try file.record(ordinal).stored
        case .segments(let set): try set.at(ordinal) { (segment, local) throws(IndexFileError) in try segment.storedRecord(local) }
        }
    }

    /// The original text of one column of a document.
    public func text(_ ordinal: Int32, column: Int) throws(IndexFileError) -> String {
        switch storage {
        case .memory(let box): box.value.columnTexts[Int(ordinal - 1) * schema.count + column]
        case .file(let file): try file.text(ordinal, column: column)
        case .segments(let set): try set.at(ordinal) { (segment, local) throws(IndexFileError) in try segment.text(local, column: column) }
        }
    }

    // MARK: Keyword fields

    /// The keyword fields of every document (read from a file's keywords section on first use).
    public func keywordFields() throws(IndexFileError) -> KeywordFields {
        switch storage {
        case .memory(let box): box.value.keywords
        case .file(let file): try file.keywordFields()
        case .segments(let set): try set.keywordFields()
        }
    }

    /// The words before stemming with their document frequencies (a file's words section, read on first use).
    public func words() throws(IndexFileError) -> WordDictionary {
        switch storage {
        case .memory(let box): box.value.words
        case .file(let file): try file.words()
        case .segments(let set): try set.words()
        }
    }

    // MARK: Terms

    /// The postings of exactly `term`, to `detail`: `.counts` reads only its documents and occurrence
    /// counts, a fraction of the bytes.
    public func postings(for term: [UInt8], detail: PostingList.Detail = .positions) throws(IndexFileError) -> PostingList? {
        switch storage {
        case .memory(let box):
            guard let index = box.value.termIndex(term) else { return nil }
            return try box.value.postings(at: index, detail: detail)
        case .file(let file):
            guard let index = try file.termIndex(term) else { return nil }
            return try file.postings(at: index, detail: detail)
        case .segments(let set):
            let lists = try set.segments.map { segment throws(IndexFileError) in try segment.postings(for: term, detail: detail) }
            let combined = set.combine(lists)
            return combined.count > 0 ? combined : nil
        }
    }

    /// An exact term of an index that is one file: its dictionary slot and its list's length (from
    /// the list's header). A query looks each of its terms up once (``PostingCache/fileTerm(_:)``)
    /// and reads the list, its blocks or a cut of it by the slot.
    struct FileTerm: Hashable {
        let slot: Int
        let length: Int
    }

    /// Whether the index is one file (``FileTerm``s, blocks and cuts exist only then).
    var isOneFile: Bool {
        if case .file = storage { return true }
        return false
    }

    /// `term` in the index's one file; nil when the index is not one file or has no such term.
    func fileTerm(_ term: [UInt8]) throws(IndexFileError) -> FileTerm? {
        guard case .file(let file) = storage, let slot = try file.termIndex(term) else { return nil }
        return FileTerm(slot: slot, length: try file.listLength(at: slot))
    }

    /// The postings of a term found by ``fileTerm(_:)``.
    func postings(at term: FileTerm, detail: PostingList.Detail) throws(IndexFileError) -> PostingList {
        guard case .file(let file) = storage else { preconditionFailure("a FileTerm comes from an index that is one file") }
        return try file.postings(at: term.slot, detail: detail)
    }

    /// ``blockedList(for:)`` for a term found by ``fileTerm(_:)``.
    func blockedList(at term: FileTerm) throws(IndexFileError) -> BlockedList? {
        guard case .file(let file) = storage else { preconditionFailure("a FileTerm comes from an index that is one file") }
        return try file.blockedList(at: term.slot)
    }

    /// ``postings(for:restrictedTo:detail:)`` for a term found by ``fileTerm(_:)``.
    func postings(at term: FileTerm, restrictedTo candidates: [Int32], detail: PostingList.Detail) throws(IndexFileError) -> PostingList? {
        guard case .file(let file) = storage else { preconditionFailure("a FileTerm comes from an index that is one file") }
        return try file.postings(at: term.slot, restrictedTo: candidates, detail: detail)
    }

    /// Exactly `term`'s documents stream with its blocks (``TermBlocks``), when the index is one file
    /// that has them for its list; nil otherwise (the list is then read whole).
    func blockedList(for term: [UInt8]) throws(IndexFileError) -> BlockedList? {
        guard let found = try fileTerm(term) else { return nil }
        return try blockedList(at: found)
    }

    /// `prefix`'s stored union with its blocks (``MappedIndexFile/blockedUnion(_:terms:)``), when the
    /// index is one file that keeps a union for it; nil otherwise. Its documents are those of
    /// ``postings(forPrefix:detail:)`` for counts, slot for slot.
    func blockedUnion(forPrefix prefix: [UInt8]) throws(IndexFileError) -> BlockedUnion? {
        guard case .file(let file) = storage else { return nil }
        let range = try terms(withPrefix: prefix)
        guard range.count >= 3 else { return nil }
        return try file.blockedUnion(prefix, terms: range)
    }

    /// `term`'s list in `column` with its blocks (``MappedIndexFile/blockedColumnList(ofTerm:column:)``),
    /// when the index is one file that lists the column and the list is long enough to have blocks;
    /// nil otherwise. Its documents are those of a one-term `column:` filter with their counts there.
    func blockedColumnList(for term: [UInt8], column: Int) throws(IndexFileError) -> BlockedUnion? {
        guard case .file(let file) = storage, let slot = try file.termIndex(term) else { return nil }
        return try file.blockedColumnList(ofTerm: slot, column: column)
    }

    /// `term`'s postings, encoded, cut to the blocks that hold some of `candidates` (ascending;
    /// ``MappedIndexFile/postings(at:restrictedTo:)``), when the index is one file with blocks for the
    /// term's list; nil otherwise. Every candidate the list holds is in it, as in the whole list.
    func postings(for term: [UInt8], restrictedTo candidates: [Int32], detail: PostingList.Detail = .encoded) throws(IndexFileError)
        -> PostingList? {
        guard let found = try fileTerm(term) else { return nil }
        return try postings(at: found, restrictedTo: candidates, detail: detail)
    }

    /// The number of documents `term` is in, from its list's header, when the index is one file;
    /// nil otherwise (or when the term is absent).
    func listLength(of term: [UInt8]) throws(IndexFileError) -> Int? {
        try fileTerm(term)?.length
    }

    /// `term`'s list in `column` (``MappedIndexFile/columnList(ofTerm:column:)``: its documents and
    /// counts there), when the index is one file that lists the column; nil otherwise.
    func columnList(for term: [UInt8], column: Int) throws(IndexFileError) -> PostingList? {
        guard case .file(let file) = storage else { return nil }
        guard let slot = try file.termIndex(term) else { return PostingList() }
        return try file.columnList(ofTerm: slot, column: column)
    }

    /// Every term that starts with `prefix` (bytes), as dictionary indices in byte order.
    ///
    /// - Complexity: O(log T + k) for k matching terms.
    public func terms(withPrefix prefix: [UInt8]) throws(IndexFileError) -> Range<Int> {
        switch storage {
        case .memory(let box):
            let start = box.value.lowerBound(prefix)
            var end = start
            while end < box.value.termCount, box.value.term(at: end).starts(with: prefix) { end += 1 }
            return start..<end
        case .file(let file):
            return try file.prefixRange(prefix)
        case .segments(let set):
            guard let terms = try? set.dictionary().terms else { return 0..<0 }
            let start = partitionPoint(0..<terms.count) { terms[$0].lexicographicallyPrecedes(prefix) }
            return start..<partitionPoint(start..<terms.count) { terms[$0].starts(with: prefix) }
        }
    }

    /// The merged postings of every term with `prefix` (a prefix query); `detail` as in
    /// ``postings(for:detail:)`` (a union of several terms is `.positions` when asked for `.encoded`).
    public func postings(forPrefix prefix: [UInt8], detail: PostingList.Detail = .positions) throws(IndexFileError) -> PostingList {
        if case .segments(let set) = storage {
            return set.combine(try set.segments.map { segment throws(IndexFileError) in try segment.postings(forPrefix: prefix, detail: detail) })
        }
        let range = try terms(withPrefix: prefix)
        if detail == .counts, range.count >= 3 {
            // A prefix the file keeps the union of (sections 15 and 16): read as it is.
            if case .file(let file) = storage, let union = try file.prefixUnion(prefix, terms: range) { return union }
            let postings = try listLengths(range)
            // Many terms covering a good part of the ordinals (the rule ``PostingList/union(_:universe:)``
            // merges by counting under): added up in place.
            if PostingList.mergesByCounting(lists: range.count, postings: postings, universe: ordinalCount) { return try denseCounts(range) }
            if case .file(let file) = storage {
                // Fewer: every term's documents as keys, sorted and summed (``PostingList/summing(sortedKeys:)``),
                // with no list made per term.
                var keys: [UInt64] = []
                keys.reserveCapacity(postings)
                try file.appendCountKeys(of: range, to: &keys)
                keys.sort()
                return PostingList.summing(sortedKeys: keys)
            }
        }
        var lists: [PostingList] = []
        for index in range { lists.append(try postings(at: index, detail: detail)) }
        return PostingList.union(lists, universe: ordinalCount)
    }

    /// The total number of documents listed by the terms at dictionary indices `range` of a single
    /// index (memory or file): the lists' leading counts.
    private func listLengths(_ range: Range<Int>) throws(IndexFileError) -> Int {
        switch storage {
        case .memory(let box): return range.reduce(0) { $0 + box.value.listLength(at: $1) }
        case .file(let file): return try file.listLengths(of: range)
        case .segments: preconditionFailure("segments are merged per segment")
        }
    }

    /// For a prefix whose union ``postings(forPrefix:detail:)`` adds up over the ordinals (a single
    /// index, enough postings), that array: `counts[ordinal]`, the prefix's occurrences in the document
    /// (0 where none; `counts[0]` unused) and how many documents have a count; nil otherwise.
    /// Nil too for a prefix whose union the file keeps (``postings(forPrefix:detail:)`` reads it).
    func denseCounts(forPrefix prefix: [UInt8]) throws(IndexFileError) -> (counts: [Int32], documents: Int)? {
        if case .segments = storage { return nil }
        if case .file(let file) = storage, try file.prefixTable()?.slot(of: prefix) != nil { return nil }
        let range = try terms(withPrefix: prefix)
        guard try countsDensely(range) else { return nil }
        return try addedCounts(range)
    }

    /// Whether the union of the terms at dictionary indices `range` of a single index is added up over
    /// the ordinals (``PostingList/mergesByCounting(lists:postings:universe:)``); fewer than three terms
    /// are decided without reading their list lengths.
    private func countsDensely(_ range: Range<Int>) throws(IndexFileError) -> Bool {
        guard range.count >= 3 else { return false }
        return PostingList.mergesByCounting(lists: range.count, postings: try listLengths(range), universe: ordinalCount)
    }

    /// The union of the terms at dictionary indices `range` of a single index (memory or file), as
    /// counts: the documents of ``addedCounts(_:)`` with a count, ascending, as ``PostingList/union(_:universe:)``
    /// gives them.
    private func denseCounts(_ range: Range<Int>) throws(IndexFileError) -> PostingList {
        PostingList.counted(try addedCounts(range).counts, detail: .counts)
    }

    /// Every term's counts at dictionary indices `range` of a single index (memory or file) added into
    /// one array over the ordinals (``PostingCodec/addCounts(_:documentCount:into:)``), and how many
    /// documents have a count.
    private func addedCounts(_ range: Range<Int>) throws(IndexFileError) -> (counts: [Int32], documents: Int) {
        var documents = 0
        var counts = [Int32](repeating: 0, count: documentCount + 1)
        try counts.withUnsafeMutableBufferPointer { counts throws(IndexFileError) in
            switch storage {
            case .memory(let box):
                for index in range {
                    let failed = box.value.postingBytes.withUnsafeBytes { bytes in
                        let reader = ByteReader(bytes, from: box.value.postingOffsets[index], to: box.value.postingOffsets[index + 1])
                        guard let added = try? PostingCodec.addCounts(reader, documentCount: documentCount, into: counts) else { return true }
                        documents += added
                        return false
                    }
                    if failed { throw IndexFileError(file: "in-memory index", section: "postings", reason: "term \(index) is malformed") }
                }
            case .file(let file):
                documents = try file.addCounts(of: range, into: counts)
            case .segments:
                preconditionFailure("segments are merged per segment")
            }
        }
        return (counts, documents)
    }

    /// The postings of the term at dictionary index `index` of a single index (memory or file).
    func postings(at index: Int, detail: PostingList.Detail) throws(IndexFileError) -> PostingList {
        switch storage {
        case .memory(let box): try box.value.postings(at: index, detail: detail)
        case .file(let file): try file.postings(at: index, detail: detail)
        case .segments: try entry(at: index).postings
        }
    }

    /// The term at dictionary index `index` and its postings.
    public func entry(at index: Int) throws(IndexFileError) -> (term: [UInt8], postings: PostingList) {
        switch storage {
        case .memory(let box): (Array(box.value.term(at: index)), try box.value.postings(at: index))
        case .file(let file): (Array(try file.term(at: index)), try file.postings(at: index))
        case .segments(let set):
            try Self.mergedEntry(set, at: index)
        }
    }

    private static func mergedEntry(_ set: SegmentSet, at index: Int) throws(IndexFileError) -> (term: [UInt8], postings: PostingList) {
        let dictionary = try set.dictionary()
        var lists = [PostingList?](repeating: nil, count: set.segments.count)
        for (segment, slot) in dictionary.locations[index] { lists[segment] = try set.segments[segment].entry(at: slot).postings }
        return (dictionary.terms[index], set.combine(lists))
    }

    /// The term at dictionary index `index` and its document frequency (for vocabulary checks).
    public func term(at index: Int) throws(IndexFileError) -> (term: [UInt8], documentFrequency: Int) {
        let (term, postings) = try entry(at: index)
        return (term, postings.count)
    }
}

extension InvertedIndex {
    /// Document `ordinal` as it was given to the builder (id, column texts, stored record, keyword
    /// values in byte order, rowid): what a segment merge indexes again.
    public func document(_ ordinal: Int32) throws(IndexFileError) -> IndexedDocument {
        var columns: [String] = []
        for column in 0..<schema.count { columns.append(try text(ordinal, column: column)) }
        let keywords = try keywordFields().fields.map { $0.values(of: ordinal) }
        let record = try documentRecord(ordinal)
        return IndexedDocument(id: record.id, columns: columns, stored: record.stored, keywords: keywords, rowid: rowid(ordinal))
    }
}
