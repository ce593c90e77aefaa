/// An immutable inverted index over documents with named columns, made by ``IndexBuilder`` or opened
/// from an index file (``open(path:)``).
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
    public let termCount: Int
    /// Σ over documents of each column's token count.
    public let columnTotals: [Int]
    let storage: Storage

    enum Storage: Sendable {
        case memory(MemoryStorage)
        case file(MappedIndexFile)
    }

    struct MemoryStorage: Sendable {
        var documentIDs: [String]
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

        var termCount: Int { termOffsets.count - 1 }

        func term(at index: Int) -> ArraySlice<UInt8> { termBytes[termOffsets[index]..<termOffsets[index + 1]] }

        /// The first term index whose term is not below `key` in byte order.
        func lowerBound<Key: Collection<UInt8>>(_ key: Key) -> Int {
            partitionPoint(0..<termCount) { term(at: $0).lexicographicallyPrecedes(key) }
        }

        func postings(at index: Int) throws(IndexFileError) -> PostingList {
            do throws(PostingCodec.Malformed) {
                return try PostingCodec.decode(postingBytes, range: postingOffsets[index]..<postingOffsets[index + 1],
                                               documentCount: documentIDs.count)
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
        termCount = memory.termCount
        var totals = [Int](repeating: 0, count: schema.count)
        for (slot, size) in memory.columnSizes.enumerated() { totals[slot % schema.count] += Int(size) }
        columnTotals = totals
        storage = .memory(memory)
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
        termCount = file.meta.termCount
        if let totals = file.meta.columnTotals, totals.count == file.meta.columns.count {
            columnTotals = totals
        } else {
            var totals = [Int](repeating: 0, count: file.meta.columns.count)
            for ordinal in 0..<file.meta.documentCount {
                for column in totals.indices { totals[column] += file.columnLength(Int32(ordinal + 1), column: column) }
            }
            columnTotals = totals
        }
        storage = .file(file)
    }

    /// Writes the index as an index file at `path` (which must not exist).
    public func write(to path: String) throws {
        try IndexFileWriter.write(self, to: path)
    }

    /// Verifies every checksum of a file-backed index (an in-memory index has none to verify).
    public func verifyChecksums() throws(IndexFileError) {
        if case .file(let file) = storage { try file.verifyAll() }
    }

    // MARK: Documents

    /// The token count of one column of a document.
    @inline(__always)
    public func columnSize(_ ordinal: Int32, column: Int) -> Int {
        switch storage {
        case .memory(let memory): Int(memory.columnSizes[Int(ordinal - 1) * schema.count + column])
        case .file(let file): file.columnLength(ordinal, column: column)
        }
    }

    /// The token count of the whole document (all columns), FTS5's D.
    @inline(__always)
    public func documentLength(_ ordinal: Int32) -> Int {
        var total = 0
        for column in 0..<schema.count { total += columnSize(ordinal, column: column) }
        return total
    }

    public func documentID(_ ordinal: Int32) throws(IndexFileError) -> String {
        switch storage {
        case .memory(let memory): memory.documentIDs[Int(ordinal) - 1]
        case .file(let file): try file.document(ordinal).id
        }
    }

    public func storedRecord(_ ordinal: Int32) throws(IndexFileError) -> String? {
        switch storage {
        case .memory(let memory): memory.storedRecords[Int(ordinal) - 1]
        case .file(let file): try file.document(ordinal).stored
        }
    }

    /// The original text of one column of a document.
    public func text(_ ordinal: Int32, column: Int) throws(IndexFileError) -> String {
        switch storage {
        case .memory(let memory): memory.columnTexts[Int(ordinal - 1) * schema.count + column]
        case .file(let file): try file.document(ordinal).texts[column]
        }
    }

    // MARK: Keyword fields

    /// The keyword fields of every document (read from a file's keywords section on first use).
    public func keywordFields() throws(IndexFileError) -> KeywordFields {
        switch storage {
        case .memory(let memory): memory.keywords
        case .file(let file): try file.keywordFields()
        }
    }

    /// The words before stemming with their document frequencies (a file's words section, read on first use).
    public func words() throws(IndexFileError) -> WordDictionary {
        switch storage {
        case .memory(let memory): memory.words
        case .file(let file): try file.words()
        }
    }

    // MARK: Terms

    /// The postings of exactly `term`.
    public func postings(for term: [UInt8]) throws(IndexFileError) -> PostingList? {
        switch storage {
        case .memory(let memory):
            let index = memory.lowerBound(term)
            guard index < memory.termCount, memory.term(at: index).elementsEqual(term) else { return nil }
            return try memory.postings(at: index)
        case .file(let file):
            guard let index = file.termIndex(term) else { return nil }
            return try file.postings(at: index)
        }
    }

    /// Every term that starts with `prefix` (bytes), as dictionary indices in byte order.
    ///
    /// - Complexity: O(log T + k) for k matching terms.
    public func terms(withPrefix prefix: [UInt8]) -> Range<Int> {
        switch storage {
        case .memory(let memory):
            let start = memory.lowerBound(prefix)
            var end = start
            while end < memory.termCount, memory.term(at: end).starts(with: prefix) { end += 1 }
            return start..<end
        case .file(let file):
            return file.prefixRange(prefix)
        }
    }

    /// The merged postings of every term with `prefix` (a prefix query).
    public func postings(forPrefix prefix: [UInt8]) throws(IndexFileError) -> PostingList {
        var lists: [PostingList] = []
        for index in terms(withPrefix: prefix) { lists.append(try entry(at: index).postings) }
        return PostingList.union(lists)
    }

    /// The term at dictionary index `index` and its postings.
    public func entry(at index: Int) throws(IndexFileError) -> (term: [UInt8], postings: PostingList) {
        switch storage {
        case .memory(let memory): (Array(memory.term(at: index)), try memory.postings(at: index))
        case .file(let file): (Array(file.term(at: index)), try file.postings(at: index))
        }
    }

    /// The term at dictionary index `index` and its document frequency (for vocabulary checks).
    public func term(at index: Int) throws(IndexFileError) -> (term: [UInt8], documentFrequency: Int) {
        let (term, postings) = try entry(at: index)
        return (term, postings.count)
    }
}
