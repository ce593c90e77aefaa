import Dispatch

extension CommonPairs {
    /// The pairs of `commonTerms` (dictionary indices, ascending), from their postings (`postings`) and
    /// the documents' column sizes (`columnSizes[(ordinal - 1) * columns + column]`), on `parallelism`
    /// threads: how `check` derives an index's pairs again, independently of the builder, which finds
    /// them in its token streams (``build(runs:firstOrdinals:termCount:columns:minimumDocuments:documentFrequency:)``).
    ///
    /// One pass over the documents: each document's occurrences of common terms are gathered (from
    /// every common term's list, term by term, each term's positions ascending), written into a table
    /// of the document's positions, and each occurrence at p looks up p + 1 there; a pair found is
    /// encoded into its list at once, as a term's list would be. Time and memory are linear in the
    /// common terms' occurrences (pyvideo: 1.2 million, 56,646 pairs); one term's list is held at a
    /// time, in each of two passes (counting, then filling); then runs of documents find their pairs on
    /// all threads, and each pair's lists from the runs are joined in order.
    static func build(commonTerms: [Int32], documentCount: Int, columns: Int, columnSizes: [Int32], parallelism: Int,
                      postings: (Int32, PostingList.Detail) throws(IndexFileError) -> PostingList) throws(IndexFileError) -> CommonPairs {
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
        // The adjacent pairs, a run of consecutive documents per thread, joined pair by pair in run
        // order (so the result does not depend on the number of threads).
        let runCount = max(1, min(parallelism, documentCount / 256))
        let bounds = (0...runCount).map { documentCount * $0 / runCount }
        let slots = ResultSlots<PairRun>(count: runCount)
        let occurrences = Occurrences(starts: entryStarts, positions: entryPositions, terms: entryTerms)
        entryPositions = []
        entryTerms = []
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var found = PairRun(commonCount: commonCount, columns: columns)
            for document in bounds[run]..<bounds[run + 1] { found.add(document: document, occurrences, columnSizes: columnSizes) }
            slots.store(found, at: run)
        }
        // Each run's lists in key order (a run finds its pairs in document order).
        pairs.join(slots.values().map { found in zip(found.keys, found.encoders).sorted { $0.0 < $1.0 }.map { (key: $0, list: $1) } })
        return pairs
    }

    /// Appends the pairs of runs of consecutive documents, `lists[r]` being run r's lists with their
    /// keys (first common * K + second common), keys ascending: each key's lists joined in run order
    /// into one. Common terms are numbered in dictionary order, so the pair keys ascend with the keys.
    mutating func join(_ lists: [[(key: Int, list: PostingEncoder)]]) {
        var lists = lists
        let commonCount = commonTerms.count
        postingBytes.reserveCapacity(postingBytes.count + lists.reduce(0) { $0 + $1.reduce(0) { $0 + $1.list.encodedSize } })
        var cursors = [Int](repeating: 0, count: lists.count)
        while true {
            var key = Int.max
            for run in lists.indices where cursors[run] < lists[run].count { key = min(key, lists[run][cursors[run]].key) }
            guard key < Int.max else { return }
            var list = PostingEncoder()
            for run in lists.indices where cursors[run] < lists[run].count && lists[run][cursors[run]].key == key {
                list.append(lists[run][cursors[run]].list)
                lists[run][cursors[run]].list = PostingEncoder()
                cursors[run] += 1
            }
            list.finish(into: &postingBytes)
            postingOffsets.append(postingBytes.count)
            keys.append(Self.key(Int(commonTerms[key / commonCount]), Int(commonTerms[key % commonCount])))
        }
    }

    /// Each document's occurrences of common terms: document d's (position, common term) pairs are
    /// `positions[i]`, `terms[i]` for i in `starts[d - 1] ..< starts[d]`, term by term.
    struct Occurrences: Sendable {
        var starts: [Int]
        var positions: [Position]
        var terms: [Int32]
    }

    /// The pairs found in one run of documents, each in its own list.
    struct PairRun: Sendable {
        let commonCount: Int
        let columns: Int
        /// Each pair's encoder by key (first common * K + second common): a table of K * K slots when
        /// that is at most 4 Mi (16 MiB; pyvideo's 369 terms: 136,161), else a dictionary (the table
        /// halved the time of finding pairs).
        private let dense: Bool
        private var denseSlots: [Int32]
        private var sparseSlots: [Int: Int] = [:]
        var encoders: [PostingEncoder] = []
        /// The key of each encoder.
        var keys: [Int] = []
        /// Scratch: the common term (+ 1) at each of the document's positions, columns end to end.
        private var table: [Int32] = []
        private var columnStarts: [Int]

        init(commonCount: Int, columns: Int) {
            self.commonCount = commonCount
            self.columns = columns
            dense = commonCount * commonCount <= 1 << 22
            denseSlots = [Int32](repeating: 0, count: dense ? commonCount * commonCount : 0)
            columnStarts = [Int](repeating: 0, count: columns + 1)
        }

        /// Finds the pairs of document `document + 1`, each appended to its pair's list: a pair's
        /// documents arrive ascending, and within a document its positions too (they come from its
        /// first term's positions, ascending). `columnSizes[(ordinal - 1) * columns + column]`.
        mutating func add(document: Int, _ occurrences: Occurrences, columnSizes: [Int32]) {
            let entries = occurrences.starts[document]..<occurrences.starts[document + 1]
            guard !entries.isEmpty else { return }
            for column in 0..<columns {
                columnStarts[column + 1] = columnStarts[column] + Int(columnSizes[document * columns + column])
            }
            if table.count < columnStarts[columns] { table = [Int32](repeating: 0, count: columnStarts[columns]) }
            for entry in entries {
                let position = occurrences.positions[entry]
                table[columnStarts[Positions.column(position)] + Positions.offset(position)] = occurrences.terms[entry] + 1
            }
            for entry in entries {
                let position = occurrences.positions[entry]
                let column = Positions.column(position), offset = Positions.offset(position)
                guard columnStarts[column] + offset + 1 < columnStarts[column + 1] else { continue }
                let next = table[columnStarts[column] + offset + 1]
                guard next > 0 else { continue }
                let key = Int(occurrences.terms[entry]) * commonCount + Int(next - 1)
                var encoder = dense ? Int(denseSlots[key]) - 1 : sparseSlots[key] ?? -1
                if encoder < 0 {
                    encoder = encoders.count
                    if dense { denseSlots[key] = Int32(encoder + 1) } else { sparseSlots[key] = encoder }
                    encoders.append(PostingEncoder())
                    keys.append(key)
                }
                encoders[encoder].add(document: Int32(document + 1), position: position)
            }
            for entry in entries {
                let position = occurrences.positions[entry]
                table[columnStarts[Positions.column(position)] + Positions.offset(position)] = 0
            }
        }
    }
}

/// Encodes one list of (document, position) occurrences, documents ascending and positions ascending
/// within each, as a term's postings (``PostingCodec``).
struct PostingEncoder: Sendable {
    private var documentBytes: [UInt8] = []
    private var positionBytes: [UInt8] = []
    private var documents = 0
    private var lastDocument: Int32 = 0
    private var lastPosition: Position = 0
    private var currentCount = 0
    private var currentStart = 0

    init() {}

    /// An empty list with room for `occurrences` occurrences in as many documents (their varints
    /// mostly take one or two bytes).
    init(reserving occurrences: Int) {
        documentBytes.reserveCapacity(3 * occurrences)
        positionBytes.reserveCapacity(2 * occurrences)
    }

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

    /// Appends `other`'s list, whose documents all come after this one's.
    mutating func append(_ other: PostingEncoder) {
        var other = other
        other.closeDocument()
        guard other.documents > 0 else { return }
        closeDocument()
        guard documents > 0 else {
            self = other
            return
        }
        // Its first document's delta is from 0: rewritten from this list's last document.
        let (first, length) = other.documentBytes.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes, from: 0, to: bytes.count)
            // An encoder's own bytes: the varint is whole.
            let first = (try? reader.varint()) ?? 0
            return (Int(first), reader.offset)
        }
        documentBytes.appendVarint(UInt64(first - Int(lastDocument)))
        documentBytes += other.documentBytes[length...]
        positionBytes += other.positionBytes
        documents += other.documents
        lastDocument = other.lastDocument
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
