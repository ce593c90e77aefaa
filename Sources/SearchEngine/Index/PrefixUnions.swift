/// Prefix unions (docs/FORMAT.md, sections 15 and 16): for each short prefix whose terms together list
/// many documents, the union of their lists stored whole: each document once, with the prefix's
/// occurrence count there (the sum of its terms' counts), which is all a prefix query's bm25 reads
/// when no positions are needed (a bare `ins*`, a prefix leaf of an AND or an OR). FTS5's `prefix=`
/// option keeps such indexes for the same reason: `ins*` (Porter makes it `in*`: 1,861 terms, 43,000
/// postings on pyvideo) read every term's list; its union is 14,795 documents.
///
/// Which prefixes (``qualifies(terms:postings:documentCount:)``): at most ``maximumLength`` bytes,
/// ending at a character boundary, of at least 3 terms whose lists hold at least N / ``divisor``
/// documents together (fewer terms or postings merge at query time at little cost).
///
///     union := varint doc-count, doc{doc-count}
///     doc   := varint (ordinal-delta << 1 | single), [varint count]
///
/// Ordinal deltas from the previous document (the first from 0) are > 0; `single` is 1 when the count
/// is 1, which is then not written; a written count is >= 2. One byte a document for most of them.
enum PrefixUnions {
    static let maximumLength = 8
    static let divisor = 8
    static let minimumTerms = 3

    /// Whether the prefix of `terms` terms whose lists hold `postings` documents in all gets a union.
    static func qualifies(terms: Int, postings: Int, documentCount: Int) -> Bool {
        terms >= minimumTerms && postings >= max(1, documentCount / divisor)
    }

    /// A prefix given a union: its bytes and the dictionary range of its terms.
    struct Prefix: Equatable {
        var bytes: [UInt8]
        var terms: Range<Int>
    }

    /// The prefixes of a dictionary that get unions, in byte order, from its terms in order
    /// (`term(i)`) and their list lengths (`listLength(i)`): one pass, each prefix's terms being
    /// consecutive.
    static func plan(termCount: Int, documentCount: Int, term: (Int) throws -> [UInt8],
                     listLength: (Int) throws -> Int) rethrows -> [Prefix] {
        /// The open prefix of each length: where its terms start and their postings so far.
        var starts = [Int](repeating: 0, count: maximumLength + 1)
        var postings = [Int](repeating: 0, count: maximumLength + 1)
        var previous: [UInt8] = []
        var found: [Prefix] = []
        func close(_ length: Int, at end: Int) {
            let first = starts[length]
            guard qualifies(terms: end - first, postings: postings[length], documentCount: documentCount),
                  endsAtBoundary(previous, length: length) else { return }
            found.append(Prefix(bytes: Array(previous[0..<length]), terms: first..<end))
        }
        for index in 0..<termCount {
            let bytes = try term(index)
            let shared = zip(previous, bytes).prefix { $0 == $1 }.count
            // Every open prefix longer than what this term shares with the previous one ends here.
            for length in stride(from: min(previous.count, maximumLength), to: shared, by: -1) { close(length, at: index) }
            for length in (min(shared, maximumLength) + 1)..<(min(bytes.count, maximumLength) + 1) {
                starts[length] = index
                postings[length] = 0
            }
            let count = try listLength(index)
            for length in 1..<(min(bytes.count, maximumLength) + 1) { postings[length] += count }
            previous = bytes
        }
        for length in stride(from: min(previous.count, maximumLength), to: 0, by: -1) { close(length, at: termCount) }
        return found.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// Whether the first `length` bytes of `term` end a UTF-8 character (a query's prefix is whole
    /// characters, so no other prefix is ever asked for).
    static func endsAtBoundary(_ term: [UInt8], length: Int) -> Bool {
        length == term.count || term[length] & 0xC0 != 0x80
    }

    /// Appends the union of documents whose counts are `counts[ordinal]` for the ordinals of
    /// `documents` (ascending) to `out`.
    static func encode(documents: [Int32], counts: UnsafeMutableBufferPointer<Int32>, to out: inout [UInt8]) {
        out.appendVarint(UInt64(documents.count))
        var previous: Int32 = 0
        for ordinal in documents {
            let count = counts[Int(ordinal)]
            let delta = UInt64(ordinal - previous) << 1
            if count == 1 {
                out.appendVarint(delta | 1)
            } else {
                out.appendVarint(delta)
                out.appendVarint(UInt64(count))
            }
            previous = ordinal
        }
    }

    struct Malformed: Error {}

    /// Decodes one union (all of `reader`, which must end with it) to a list of counts, checking that
    /// ordinals rise within 1...documentCount and written counts are >= 2 and fit an `Int32` in sum.
    ///
    /// The two arrays are allocated at their known size and filled through pointers, a document of
    /// one byte (count 1, delta below 64) read without the varint loop: an `append` per document
    /// (a capacity and uniqueness check each) was half of `ins*` on pyvideo (14,795 documents).
    static func decode(_ reader: ByteReader, documentCount: Int) throws(Malformed) -> PostingList {
        var cursor = reader
        guard let count = try? cursor.int(), count <= documentCount, count <= cursor.end - cursor.offset,
              documentCount <= Int(Int32.max) else { throw Malformed() }
        var written = 0, failed = false
        var starts: [Int32] = []
        let documents = [Int32](unsafeUninitializedCapacity: count) { documents, documentsCount in
            starts = [Int32](unsafeUninitializedCapacity: count + 1) { starts, startsCount in
                starts[0] = 0
                var ordinal = 0, total = 0
                while written < count {
                    let delta: Int, occurrences: Int
                    if cursor.offset < cursor.end, case let byte = cursor.base[cursor.offset], byte & 0x81 == 0x01 {
                        // One byte: a count of 1 and a delta below 64.
                        cursor.offset &+= 1
                        (delta, occurrences) = (Int(byte >> 1), 1)
                    } else {
                        guard let step = try? cursor.int() else { break }
                        delta = step >> 1
                        if step & 1 == 1 {
                            occurrences = 1
                        } else {
                            guard let written = try? cursor.int(), written >= 2 else { break }
                            occurrences = written
                        }
                    }
                    guard delta > 0, delta <= documentCount - ordinal, occurrences <= Int(Int32.max) - total else { break }
                    ordinal &+= delta
                    total &+= occurrences
                    documents[written] = Int32(truncatingIfNeeded: ordinal)
                    starts[written + 1] = Int32(truncatingIfNeeded: total)
                    written += 1
                }
                failed = written < count || !cursor.isAtEnd
                startsCount = written + 1
            }
            documentsCount = written
        }
        if failed { throw Malformed() }
        var list = PostingList()
        list.documents = documents
        list.positionStarts = starts
        list.detail = .counts
        return list
    }
}

extension PrefixUnions {
    /// Reads a union's documents one at a time from any document's first byte (the ordinal before it
    /// given), with ``decode(_:documentCount:)``'s checks: nil after `remaining` documents, or where
    /// the bytes run out or break a check (a malformed union ends there). `decode` keeps its own copy
    /// of this step: written through this cursor, a NOT whose right side is a union (`zeta NOT in*`
    /// on pyvideo) took 11% longer.
    struct Cursor {
        var reader: ByteReader
        var ordinal: Int
        var remaining: Int
        let documentCount: Int

        @inline(__always)
        mutating func next() -> (ordinal: Int32, occurrences: Int32)? {
            guard remaining > 0 else { return nil }
            let delta: Int, occurrences: Int
            if reader.offset < reader.end, case let byte = reader.base[reader.offset], byte & 0x81 == 0x01 {
                reader.offset &+= 1
                (delta, occurrences) = (Int(byte >> 1), 1)
            } else {
                guard let step = try? reader.int() else { return nil }
                delta = step >> 1
                if step & 1 == 1 {
                    occurrences = 1
                } else {
                    guard let written = try? reader.int(), written >= 2, written <= Int(Int32.max) else { return nil }
                    occurrences = written
                }
            }
            guard delta > 0, delta <= documentCount - ordinal else { return nil }
            ordinal &+= delta
            remaining -= 1
            return (Int32(truncatingIfNeeded: ordinal), Int32(truncatingIfNeeded: occurrences))
        }
    }
}

/// The unions of a plan's prefixes, added up while the postings are written term by term
/// (``IndexFileWriter/writePostings(_:to:)``): the prefixes containing a term are nested, so each
/// open one at depth d adds into the counts array of depth d; a prefix's union is encoded when its last
/// term has been added.
struct PrefixUnionBuilder {
    let plan: [PrefixUnions.Prefix]
    let documentCount: Int
    /// The plan's prefixes by where their terms start (longer first at a tie: the outer one opens first).
    private let opening: [Int]
    private var nextOpening = 0
    /// The open prefixes, outermost first (plan indices).
    private var open: [Int] = []
    private var counts: [[Int32]] = []
    private var touched: [[Int32]] = []
    /// The unions encoded since the caller last took them (``takeFinished()``), by plan index.
    private var finished: [(prefix: Int, bytes: [UInt8])] = []

    init(plan: [PrefixUnions.Prefix], documentCount: Int) {
        self.plan = plan
        self.documentCount = documentCount
        opening = plan.indices.sorted { a, b in
            plan[a].terms.lowerBound != plan[b].terms.lowerBound
                ? plan[a].terms.lowerBound < plan[b].terms.lowerBound : plan[a].terms.count > plan[b].terms.count
        }
    }

    /// The unions encoded since the last call (each prefix's once, in the order their last terms came).
    mutating func takeFinished() -> [(prefix: Int, bytes: [UInt8])] {
        defer { finished.removeAll() }
        return finished
    }

    /// Adds term `index`'s postings (its whole encoded bytes) to every prefix that holds it; terms
    /// must come in dictionary order, each once.
    mutating func add(term index: Int, postings: UnsafeRawBufferPointer) throws(PostingCodec.Malformed) {
        while let last = open.last, plan[last].terms.upperBound <= index { finish() }
        while nextOpening < opening.count, plan[opening[nextOpening]].terms.lowerBound <= index {
            open.append(opening[nextOpening])
            nextOpening += 1
            if counts.count < open.count {
                counts.append([Int32](repeating: 0, count: documentCount + 1))
                touched.append([])
            }
        }
        guard !open.isEmpty else { return }
        let depth = open.count
        try PostingCodec.forEachCount(ByteReader(postings, from: 0, to: postings.count), documentCount: documentCount) {
            document, occurrences throws(ByteReader.Overrun) in
            for level in 0..<depth {
                let before = counts[level][document]
                if before == 0 { touched[level].append(Int32(document)) }
                let (sum, overflow) = before.addingReportingOverflow(occurrences)
                guard !overflow else { throw ByteReader.Overrun() }
                counts[level][document] = sum
            }
        }
    }

    /// Encodes every prefix still open (after the last term).
    mutating func finishAll() {
        while !open.isEmpty { finish() }
    }

    /// Encodes the innermost open prefix's union and clears its counts.
    private mutating func finish() {
        let prefix = open.removeLast(), level = open.count
        var documents = touched[level]
        documents.sort()
        var bytes: [UInt8] = []
        counts[level].withUnsafeMutableBufferPointer { counts in
            PrefixUnions.encode(documents: documents, counts: counts, to: &bytes)
            for ordinal in documents { counts[Int(ordinal)] = 0 }
        }
        finished.append((prefix, bytes))
        documents.removeAll(keepingCapacity: true)
        touched[level] = documents
    }
}
