/// Builds an ``InvertedIndex``: add documents in ordinal order, then `build()`.
///
/// Every column of every document is analysed with the index's ``Analyzer``; token positions restart
/// at 0 in each column.
public struct IndexBuilder {
    public let schema: ColumnSchema
    public let analyzer: Analyzer
    private var documentIDs: [String] = []
    private var storedRecords: [String?] = []
    private var columnSizes: [Int32] = []
    private var columnTexts: [String] = []
    private var termIDs: [[UInt8]: Int] = [:]
    private var postings: [PostingList] = []
    private var termBuffer: [UInt8] = []
    private var totalTokens = 0

    public init(schema: ColumnSchema, tokenizer: TokenizerConfiguration) throws(TokenizerError) {
        self.schema = schema
        analyzer = try Analyzer(tokenizer)
    }

    public var documentCount: Int { documentIDs.count }

    /// Adds the next document (ordinal `documentCount + 1`).
    public mutating func add(_ document: IndexedDocument) {
        precondition(document.columns.count == schema.count, "document \(document.id): \(document.columns.count) columns, schema has \(schema.count)")
        let ordinal = Int32(documentIDs.count + 1)
        documentIDs.append(document.id)
        storedRecords.append(document.stored)
        for (column, text) in document.columns.enumerated() {
            columnTexts.append(text)
            var offset = 0
            analyzer.analyze(text) { term, _, _ in
                termBuffer.removeAll(keepingCapacity: true)
                termBuffer.append(contentsOf: term.prefix(QueryParser.maximumTokenBytes))
                let id: Int
                if let existing = termIDs[termBuffer] {
                    id = existing
                } else {
                    id = postings.count
                    termIDs[termBuffer] = id
                    postings.append(PostingList())
                }
                postings[id].append(document: ordinal, position: Positions.make(column: column, offset: offset))
                offset += 1
            }
            columnSizes.append(Int32(offset))
            totalTokens += offset
        }
    }

    public func build() -> InvertedIndex {
        let order = termIDs.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var sortedIDs: [[UInt8]: Int] = [:]
        sortedIDs.reserveCapacity(order.count)
        for (index, entry) in order.enumerated() { sortedIDs[entry.key] = index }
        let memory = InvertedIndex.MemoryStorage(
            documentIDs: documentIDs, storedRecords: storedRecords, columnTexts: columnTexts, columnSizes: columnSizes,
            terms: order.map(\.key), termIDs: sortedIDs, postings: order.map { postings[$0.value] })
        return InvertedIndex(schema: schema, tokenizer: analyzer.configuration, totalTokens: totalTokens, memory: memory)
    }
}
