extension CommonPairs {
    /// The pairs of the terms of `memory` that are in at least `minimumDocuments` documents, read from
    /// those terms' postings (no text is analysed again): ``build(commonTerms:documentCount:columns:postings:columnSize:)``.
    static func build(from memory: InvertedIndex.MemoryStorage, columns: Int, minimumDocuments: Int) -> CommonPairs {
        let common = (0..<memory.termCount).filter { memory.listLength(at: $0) >= minimumDocuments }.map(Int32.init)
        // Built in memory from postings the builder just encoded: they decode.
        return (try? build(commonTerms: common, documentCount: memory.documentIDs.count, columns: columns,
                           postings: { term, detail throws(IndexFileError) in try memory.postings(at: Int(term), detail: detail) },
                           columnSize: { document, column in Int(memory.columnSizes[(document - 1) * columns + column]) })) ?? CommonPairs()
    }

    /// The pairs of `commonTerms` (dictionary indices, ascending), from their postings (`postings`) and
    /// the documents' column sizes (`columnSize(ordinal, column)`).
    ///
    /// One pass over the documents: each document's occurrences of common terms are gathered (from
    /// every common term's list, term by term, each term's positions ascending), written into a table
    /// of the document's positions, and each occurrence at p looks up p + 1 there; a pair found is
    /// encoded into its list at once, as a term's list would be. Time and memory are linear in the
    /// common terms' occurrences (pyvideo: 1.2 million, 56,646 pairs); one term's list is held at a
    /// time, in each of two passes (counting, then filling).
    static func build(commonTerms: [Int32], documentCount: Int, columns: Int,
                      postings: (Int32, PostingList.Detail) throws(IndexFileError) -> PostingList,
                      columnSize: (Int, Int) -> Int) throws(IndexFileError) -> CommonPairs {
        var pairs = CommonPairs()
        pairs.commonTerms = commonTerms
        guard pairs.commonTerms.count > 0, documentCount > 0 else { return pairs }
        func list(_ common: Int, _ detail: PostingList.Detail) throws(IndexFileError) -> PostingList {
            try postings(pairs.commonTerms[common], detail)
        }
        let commonCount = pairs.commonTerms.count
        // Each document's common occurrences: (position, common term) in `entryPositions`/`entryTerms`
        // at `entryStarts[d - 1] ..< entryStarts[d]`, term by term.
        var entryStarts = [Int](repeating: 0, count: documentCount + 1)
        for common in 0..<commonCount {
            let list = try list(common, .counts)
            for slot in 0..<list.count { entryStarts[Int(list.documents[slot])] += Int(list.occurrences(at: slot)) }
        }
        for document in 0..<documentCount { entryStarts[document + 1] += entryStarts[document] }
        var fill = entryStarts
        var entryPositions = [Position](repeating: 0, count: entryStarts[documentCount])
        var entryTerms = [Int32](repeating: 0, count: entryStarts[documentCount])
        for common in 0..<commonCount {
            let list = try list(common, .encoded)
            for slot in 0..<list.count {
                let document = Int(list.documents[slot]) - 1
                list.forEachPosition(at: slot, columns: nil) { position in
                    entryPositions[fill[document]] = position
                    entryTerms[fill[document]] = Int32(common)
                    fill[document] += 1
                }
            }
        }
        fill = []
        // The adjacent pairs, document by document, each appended to its pair's list as found: a
        // pair's documents arrive ascending, and within a document its positions too (they come from
        // its first term's positions, ascending).
        // Each pair's encoder by key (first common * K + second common): a table of K * K slots
        // when that is at most 4 Mi (16 MiB; pyvideo's 369 terms: 136,161), else a dictionary (the
        // table halved the time of finding pairs).
        let dense = commonCount * commonCount <= 1 << 22
        var denseSlots = [Int32](repeating: 0, count: dense ? commonCount * commonCount : 0)
        var sparseSlots: [Int: Int] = [:]
        var encoders: [PostingEncoder] = []
        var encoderKeys: [Int] = []
        var table: [Int32] = []
        var columnStarts = [Int](repeating: 0, count: columns + 1)
        for document in 0..<documentCount where entryStarts[document] < entryStarts[document + 1] {
            for column in 0..<columns {
                columnStarts[column + 1] = columnStarts[column] + columnSize(document + 1, column)
            }
            if table.count < columnStarts[columns] { table = [Int32](repeating: 0, count: columnStarts[columns]) }
            let entries = entryStarts[document]..<entryStarts[document + 1]
            for entry in entries {
                let position = entryPositions[entry]
                table[columnStarts[Positions.column(position)] + Positions.offset(position)] = entryTerms[entry] + 1
            }
            for entry in entries {
                let position = entryPositions[entry]
                let column = Positions.column(position), offset = Positions.offset(position)
                guard columnStarts[column] + offset + 1 < columnStarts[column + 1] else { continue }
                let next = table[columnStarts[column] + offset + 1]
                guard next > 0 else { continue }
                let key = Int(entryTerms[entry]) * commonCount + Int(next - 1)
                var encoder = dense ? Int(denseSlots[key]) - 1 : sparseSlots[key] ?? -1
                if encoder < 0 {
                    encoder = encoders.count
                    if dense { denseSlots[key] = Int32(encoder + 1) } else { sparseSlots[key] = encoder }
                    encoders.append(PostingEncoder())
                    encoderKeys.append(key)
                }
                encoders[encoder].add(document: Int32(document + 1), position: position)
            }
            for entry in entries {
                let position = entryPositions[entry]
                table[columnStarts[Positions.column(position)] + Positions.offset(position)] = 0
            }
        }
        entryPositions = []
        entryTerms = []
        // In key order (common terms are numbered in dictionary order, so keys ascend with them).
        pairs.postingBytes.reserveCapacity(encoders.reduce(0) { $0 + $1.encodedSize })
        for encoder in encoders.indices.sorted(by: { encoderKeys[$0] < encoderKeys[$1] }) {
            let key = encoderKeys[encoder]
            encoders[encoder].finish(into: &pairs.postingBytes)
            pairs.postingOffsets.append(pairs.postingBytes.count)
            pairs.keys.append(Self.key(Int(pairs.commonTerms[key / commonCount]), Int(pairs.commonTerms[key % commonCount])))
        }
        return pairs
    }
}

/// Encodes one list of (document, position) occurrences, documents ascending and positions ascending
/// within each, as a term's postings (``PostingCodec``).
struct PostingEncoder {
    private var documentBytes: [UInt8] = []
    private var positionBytes: [UInt8] = []
    private var documents = 0
    private var lastDocument: Int32 = 0
    private var lastPosition: Position = 0
    private var currentCount = 0
    private var currentStart = 0

    mutating func add(document: Int32, position: Position) {
        if document != lastDocument || documents == 0 {
            closeDocument()
            documentBytes.appendVarint(UInt64(document - lastDocument))
            lastDocument = document
            lastPosition = 0
            documents += 1
            currentStart = positionBytes.count
        }
        PostingCodec.appendStep(from: lastPosition, to: position, into: &positionBytes)
        lastPosition = position
        currentCount += 1
    }

    private mutating func closeDocument() {
        guard currentCount > 0 else { return }
        documentBytes.appendVarint(UInt64(currentCount))
        documentBytes.appendVarint(UInt64(positionBytes.count - currentStart))
        currentCount = 0
    }

    /// The bytes ``finish(into:)`` appends (at most).
    var encodedSize: Int { documentBytes.count + positionBytes.count + 40 }

    /// Appends the list to `bytes` and starts a new one (its storage released).
    mutating func finish(into bytes: inout [UInt8]) {
        closeDocument()
        bytes.appendVarint(UInt64(documents))
        bytes.appendVarint(UInt64(documentBytes.count))
        bytes += documentBytes
        bytes += positionBytes
        self = PostingEncoder()
    }
}
