import Foundation

/// An index file opened by memory map. Opening checks the header, the section table, every block
/// checksum table and the small sections; postings and documents are checked a 64 KiB block at a time,
/// the first time a query touches the block. Any mismatch is an ``IndexFileError`` naming the file and
/// the section — the index never answers from bytes that failed their checksum.
final class MappedIndexFile: @unchecked Sendable {
    typealias Section = IndexFileFormat.Section

    /// Where a section and its block checksums are (plain values: every posting and document read
    /// copies one, and an array in it cost a retain and a release each time).
    struct SectionInfo {
        var offset: Int
        var length: Int
        var blockSize: Int
        /// log2(blockSize): blocks are a power of two, so a byte's block is a shift, not a division
        /// (two divisions per read were most of a verified read's cost: a term lookup reads 34).
        var blockShift: Int
        /// Where the section's `blockCount` little-endian CRC32 values start in the file (their own
        /// checksum verified at open).
        var checksumOffset: Int
        var blockCount: Int
    }

    /// Per section kind (by raw value), where it is: an array, since every posting and document read
    /// looks a section up (a dictionary hashed the key each time: 5% of the query time).
    struct SectionTable {
        private var infos = [SectionInfo?](repeating: nil, count: Int(Section.allCases.map(\.rawValue).max()!) + 1)

        subscript(section: Section) -> SectionInfo? {
            @inline(__always) get { infos[Int(section.rawValue)] }
            set { infos[Int(section.rawValue)] = newValue }
        }
    }

    let file: MappedFile
    let sections: SectionTable
    let meta: IndexFileWriter.Meta
    /// Where the column lengths table starts (read per match, so kept out of the section table).
    private let columnLengthsOffset: Int
    /// Per document (ordinal - 1), its token count over all columns (FTS5's D): summed at open from
    /// the column lengths, because the scoring loops read it for most of the documents they pass
    /// (one 4-byte load, 16 documents per cache line, instead of a row of `columns` loads).
    let documentLengths: [Int32]
    /// Every `step`-th term of the dictionary (the term index section, decoded at open), nil for a
    /// file without it.
    let sampledTerms: TermIndex?
    /// Per section (by raw value), which blocks passed their checksum.
    private let verifiedBlocks: VerifiedBlocks
    private let keywordCache = ComputedOnce<KeywordFields>()
    private let wordCache = ComputedOnce<WordDictionary>()
    let pairCache = ComputedOnce<CommonPairs>()
    let commonTermCache = ComputedOnce<[Int32]>()
    let termBlockCache = ComputedOnce<TermBlockTable>()
    let prefixCache = ComputedOnce<PrefixTable>()
    let columnListCache = ComputedOnce<ColumnListTable>()
    /// Per term read by ``postings(at:restrictedTo:detail:)``, its skip groups.
    let skipGroupCache = ComputedPerKey<Int, KeptSkipGroups>()
    /// Per column list read by blocks (term × ``ColumnLists/maximumColumns`` + listed slot), its blocks.
    let columnBlockCache = ComputedPerKey<Int, TermBlocks>()
    /// Per stored union (by its slot in section 15), its blocks, made on first use.
    let unionBlockCache = ComputedPerKey<Int, TermBlocks>()
    let documentFrames = ComputedOnce<DocumentFrames>()
    let frameCache = DecodedFrameCache()

    var path: String { file.path }
    var bytes: UnsafeRawBufferPointer { file.bytes }

    init(path: String) throws(IndexFileError) {
        file = try MappedFile(path: path)
        let bytes = file.bytes
        func fail(_ reason: String, _ section: String? = nil) -> IndexFileError {
            IndexFileError(file: path, section: section, reason: reason)
        }
        guard bytes.count >= IndexFileFormat.headerSize else { throw fail("truncated: \(bytes.count) bytes, shorter than the header") }
        guard bytes.prefix(8).elementsEqual(IndexFileFormat.magic) else { throw fail("not a TalkSearch index file (wrong magic)", "header") }
        var header = ByteReader(bytes, from: 8, to: IndexFileFormat.headerSize)
        do {
            let version = try header.u32()
            let sectionCount = Int(try header.u32())
            let tableChecksum = try header.u32()
            let headerChecksum = try header.u32()
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<20])) == headerChecksum else {
                throw fail("checksum mismatch", "header")
            }
            guard version == IndexFileFormat.version else {
                throw fail("format version \(version) is not supported (this TalkSearch reads version \(IndexFileFormat.version)); rebuild the index", "header")
            }
            let tableEnd = IndexFileFormat.headerSize + sectionCount * IndexFileFormat.sectionEntrySize
            guard sectionCount <= 64, tableEnd <= bytes.count else { throw fail("truncated", "section table") }
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[IndexFileFormat.headerSize..<tableEnd])) == tableChecksum else {
                throw fail("checksum mismatch", "section table")
            }
            var table = ByteReader(bytes, from: IndexFileFormat.headerSize, to: tableEnd)
            var found = SectionTable()
            for _ in 0..<sectionCount {
                let kind = try table.u32()
                let blockSize = Int(try table.u32())
                let offset = Int(try table.u64()), length = Int(try table.u64()), checksumOffset = Int(try table.u64())
                let blockCount = Int(try table.u32()), checksumsChecksum = try table.u32()
                guard let section = Section(rawValue: kind) else { continue }
                guard blockSize > 0, blockSize & (blockSize - 1) == 0 else {
                    throw fail("block size \(blockSize) is not a power of two", section.name)
                }
                guard offset >= tableEnd, length >= 0, offset + length <= bytes.count,
                      checksumOffset + 4 * blockCount <= bytes.count, blockCount == (length + blockSize - 1) / blockSize else {
                    throw fail("truncated or out of bounds", section.name)
                }
                let checksumBytes = UnsafeRawBufferPointer(rebasing: bytes[checksumOffset..<(checksumOffset + 4 * blockCount)])
                guard CRC32.checksum(checksumBytes) == checksumsChecksum else { throw fail("block checksums damaged", section.name) }
                found[section] = SectionInfo(offset: offset, length: length, blockSize: blockSize,
                                             blockShift: blockSize.trailingZeroBitCount, checksumOffset: checksumOffset,
                                             blockCount: blockCount)
            }
            for section in Section.allCases where section.isRequired && found[section] == nil { throw fail("missing", section.name) }
            sections = found
        } catch let error as IndexFileError {
            throw error
        } catch {
            throw fail("truncated", "section table")
        }
        let slots = Int(Section.allCases.map(\.rawValue).max()!) + 1
        let known = sections
        verifiedBlocks = VerifiedBlocks(blockCounts: (0..<slots).map { slot in
            Section(rawValue: UInt32(slot)).flatMap { known[$0]?.blockCount } ?? 0
        }, verified: { slot in Section(rawValue: UInt32(slot))?.verifiedAtOpen ?? false })
        for section in Section.allCases {
            guard section.verifiedAtOpen, let info = sections[section] else { continue }
            for block in 0..<info.blockCount {
                try Self.checkBlock(block, of: info, in: bytes, path: path, name: section.name)
            }
        }
        let metaInfo = sections[.meta]!
        do {
            meta = try JSONDecoder().decode(IndexFileWriter.Meta.self, from: Data(bytes[metaInfo.offset..<(metaInfo.offset + metaInfo.length)]))
        } catch {
            throw fail("unreadable (\(error))", Section.meta.name)
        }
        let columns = meta.columns.count
        guard columns > 0, meta.documentCount >= 0, meta.termCount >= 0,
              sections[.columnLengths]!.length == meta.documentCount * columns * 4,
              sections[.postingOffsets]!.length == (meta.termCount + 1) * 8,
              sections[.terms]!.length >= (meta.termCount + 1) * 8,
              sections[.documents]!.length >= (meta.documentCount + 1) * 8 + 4 + 8 + 8,
              sections[.rowids]!.length == meta.documentCount * 8,
              sections[.idOrder]!.length == meta.documentCount * 4 else {
            throw fail("section sizes do not agree with the counts", Section.meta.name)
        }
        columnLengthsOffset = sections[.columnLengths]!.offset
        guard let lengths = Self.documentLengths(bytes, at: columnLengthsOffset, documents: meta.documentCount, columns: columns) else {
            throw fail("a document's column lengths add up past 2^31 - 1 tokens", Section.columnLengths.name)
        }
        documentLengths = lengths
        if let info = sections[.termIndex] {
            var reader = ByteReader(bytes, from: info.offset, to: info.offset + info.length)
            guard let decoded = try? TermIndex(&reader, termCount: meta.termCount), reader.isAtEnd else {
                throw fail("malformed or not of this dictionary", Section.termIndex.name)
            }
            sampledTerms = decoded
        } else {
            sampledTerms = nil
        }
        // One load a document from the verified table (through `rowid(_:)`, each a section lookup: 40
        // instructions a document, 40M of opening 1,000,000 talks).
        let rowids = sections[.rowids]!.offset
        var previous = Int64.min
        for slot in 0..<meta.documentCount {
            let rowid = Int64(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: rowids + slot * 8, as: UInt64.self)))
            guard slot == 0 || rowid > previous else { throw fail("rowids do not increase at document \(slot + 1)", Section.rowids.name) }
            previous = rowid
        }
    }

    /// Every document's total token count, from the column lengths table at `offset` (verified); nil
    /// when one does not fit an `Int32`.
    ///
    /// The loop's state is local to the closure that fills the array, the largest total kept and
    /// tested once at the end (a flag captured from outside lived in memory: with the rowids' check,
    /// 61 instructions a document at open, 1,000,000 talks).
    private static func documentLengths(_ bytes: UnsafeRawBufferPointer, at offset: Int, documents: Int, columns: Int) -> [Int32]? {
        var largest = 0
        let totals = [Int32](unsafeUninitializedCapacity: documents) { totals, initialized in
            guard let base = bytes.baseAddress, documents > 0 else {
                initialized = 0
                return
            }
            var row = base + offset, most = 0
            let stride = columns * 4
            for document in 0..<documents {
                var total = 0
                for column in 0..<columns {
                    total &+= Int(UInt32(littleEndian: (row + column * 4).loadUnaligned(as: UInt32.self)))
                }
                most = max(most, total)
                totals[document] = Int32(truncatingIfNeeded: total)
                row += stride
            }
            largest = most
            initialized = documents
        }
        return largest <= Int(Int32.max) ? totals : nil
    }

    private static func checkBlock(_ block: Int, of info: SectionInfo, in bytes: UnsafeRawBufferPointer, path: String,
                                   name: String) throws(IndexFileError) {
        let start = info.offset + block * info.blockSize
        let end = min(start + info.blockSize, info.offset + info.length)
        let expected = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: info.checksumOffset + 4 * block, as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) == expected else {
            throw IndexFileError(file: path, section: name, reason: "checksum mismatch in block \(block)")
        }
    }

    /// Checks the blocks of `section` that overlap `range` (section-relative), once each.
    func verify(_ section: Section, range: Range<Int>) throws(IndexFileError) {
        let info = sections[section]!
        guard range.lowerBound >= 0, range.upperBound <= info.length else {
            throw IndexFileError(file: path, section: section.name, reason: "reference out of bounds")
        }
        guard !range.isEmpty else { return }
        let first = range.lowerBound >> info.blockShift, last = (range.upperBound - 1) >> info.blockShift
        let slot = Int(section.rawValue)
        for block in first...last where !verifiedBlocks.isVerified(slot: slot, block: block) {
            try Self.checkBlock(block, of: info, in: bytes, path: path, name: section.name)
            verifiedBlocks.markVerified(slot: slot, block: block)
        }
    }

    // MARK: Fixed-width tables

    @inline(__always)
    func u64(_ section: Section, at index: Int) -> Int {
        let base = sections[section]!.offset + index * 8
        return Int(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self)))
    }

    // MARK: Terms

    /// The bytes of term `index`, the blocks they and their offsets lie in verified on first use (the
    /// dictionary grows with the vocabulary, so opening does not read it all: at 200,000 talks that
    /// was 20 ms and 30 MB resident at open).
    func term(at index: Int) throws(IndexFileError) -> UnsafeRawBufferPointer {
        try term(index, in: try termSpan(index..<(index + 1)))
    }

    /// Where the bytes of the terms at `range` (not empty) lie, side by side: from `first` to `last`
    /// past `base` (the term bytes, after the offsets table), their offsets and bytes verified.
    private struct TermSpan {
        let base: Int
        let first: Int
        let last: Int
    }

    private func termSpan(_ range: Range<Int>) throws(IndexFileError) -> TermSpan {
        let info = sections[.terms]!
        let tableBytes = (meta.termCount + 1) * 8
        try verify(.terms, range: range.lowerBound * 8..<(range.upperBound + 1) * 8)
        let first = u64(.terms, at: range.lowerBound), last = u64(.terms, at: range.upperBound)
        guard first >= 0, first <= last, tableBytes + last <= info.length else {
            throw IndexFileError(file: path, section: Section.terms.name, reason: "term \(range.lowerBound) points out of bounds")
        }
        try verify(.terms, range: (tableBytes + first)..<(tableBytes + last))
        return TermSpan(base: info.offset + tableBytes, first: first, last: last)
    }

    /// The bytes of term `slot` of `span`, checked to lie inside what the span verified.
    @inline(__always)
    private func term(_ slot: Int, in span: TermSpan) throws(IndexFileError) -> UnsafeRawBufferPointer {
        let start = u64(.terms, at: slot), end = u64(.terms, at: slot + 1)
        guard span.first <= start, start <= end, end <= span.last else {
            throw IndexFileError(file: path, section: Section.terms.name, reason: "term \(slot) points out of bounds")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[(span.base + start)..<(span.base + end)])
    }

    /// The first term index whose term is not less than `key` (byte order).
    func lowerBound(_ key: [UInt8]) throws(IndexFileError) -> Int {
        let result = key.withUnsafeBytes { key in
            Result { () throws(IndexFileError) in try partitionTerms { ByteOrder.precedes($0, key) } }
        }
        return try result.get()
    }

    func termIndex(_ key: [UInt8]) throws(IndexFileError) -> Int? {
        let index = try lowerBound(key)
        guard index < meta.termCount else { return nil }
        let term = try term(at: index)
        return key.withUnsafeBytes { ByteOrder.equal(term, $0) } ? index : nil
    }

    /// The terms that start with `prefix`: two partitions. Those terms follow the ones below `prefix`
    /// and precede every other term above it (such a term differs from `prefix` at some byte, where it
    /// is greater), so "below `prefix` or starting with it" holds on a prefix of the dictionary.
    func prefixRange(_ prefix: [UInt8]) throws(IndexFileError) -> Range<Int> {
        let start = try lowerBound(prefix)
        let result = prefix.withUnsafeBytes { prefix in
            Result { () throws(IndexFileError) in
                try partitionTerms { ByteOrder.precedes($0, prefix) || ($0.count >= prefix.count && ByteOrder.equal(UnsafeRawBufferPointer(rebasing: $0.prefix(prefix.count)), prefix)) }
            }
        }
        return start..<(try result.get())
    }

    /// The first term index at which `isBefore` fails, for a predicate on term bytes that holds on a
    /// prefix of the dictionary (``partitionPoint(_:_:)`` over the terms).
    ///
    /// With a term index, over its terms first: if sampled term j (term j × step) is the first
    /// at which the predicate fails, the answer P has (j - 1) × step < P <= j × step (the whole
    /// dictionary's count when j is past the last), so at most step - 1 terms of the file are probed,
    /// all near each other, instead of log2(T) spread over the dictionary.
    private func partitionTerms(_ isBefore: (UnsafeRawBufferPointer) -> Bool) throws(IndexFileError) -> Int {
        guard let termIndex = sampledTerms else {
            return try partitionPoint(0..<meta.termCount) { slot throws(IndexFileError) in isBefore(try term(at: slot)) }
        }
        let sampled = termIndex.firstFailing(isBefore)
        let range = (sampled == 0 ? 0 : (sampled - 1) * termIndex.step + 1)..<(sampled < termIndex.count ? sampled * termIndex.step : meta.termCount)
        guard !range.isEmpty else { return range.lowerBound }
        // The terms between two samples lie side by side: their offsets and bytes are verified once
        // here, and each probe reads them checking only that they lie inside what was verified.
        let span = try termSpan(range)
        return try partitionPoint(range) { slot throws(IndexFileError) in isBefore(try term(slot, in: span)) }
    }

    /// `talksearch check`: every term of the term index is the dictionary's term at its place.
    private func checkTermIndex() throws(IndexFileError) {
        guard let termIndex = sampledTerms else { return }
        for sampled in 0..<termIndex.count where !termIndex.term(at: sampled).elementsEqual(try term(at: sampled * termIndex.step)) {
            throw IndexFileError(file: path, section: Section.termIndex.name,
                                 reason: "term \(sampled) is not the dictionary's term \(sampled * termIndex.step)")
        }
    }

    // MARK: Postings

    /// Term `index`'s postings as offsets in the postings section (its offset entries verified, the
    /// range checked to lie inside the section; the postings bytes not yet verified).
    private func postingBounds(at index: Int) throws(IndexFileError) -> Range<Int> {
        try verify(.postingOffsets, range: index * 8..<(index + 2) * 8)
        let start = u64(.postingOffsets, at: index), end = u64(.postingOffsets, at: index + 1)
        guard start >= 0, start <= end, end <= sections[.postings]!.length else {
            throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) points out of bounds")
        }
        return start..<end
    }

    /// The verified byte range of term `index`'s postings, from the start of the file.
    func postingRange(at index: Int) throws(IndexFileError) -> Range<Int> {
        let bounds = try postingBounds(at: index)
        try verify(.postings, range: bounds)
        let offset = sections[.postings]!.offset
        return (offset + bounds.lowerBound)..<(offset + bounds.upperBound)
    }

    /// Term `index`'s postings range with only its header and documents stream verified: the range is
    /// whole (the decoder checks the position lengths against it), but the position bytes are not read.
    func documentsRange(at index: Int) throws(IndexFileError) -> Range<Int> {
        let bounds = try postingBounds(at: index)
        let (start, end) = (bounds.lowerBound, bounds.upperBound)
        let info = sections[.postings]!
        // Two varints of at most 10 bytes each, then the documents stream.
        try verify(.postings, range: start..<min(end, start + 20))
        var header = ByteReader(bytes, from: info.offset + start, to: info.offset + end)
        let documentsEnd: Int
        do throws(ByteReader.Overrun) {
            _ = try header.int()
            let length = try header.int()
            guard length <= header.end - header.offset else { throw ByteReader.Overrun() }
            documentsEnd = header.offset + length - info.offset
        } catch {
            throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
        }
        try verify(.postings, range: start..<documentsEnd)
        return (info.offset + start)..<(info.offset + end)
    }

    /// The leading document count of term `index`'s postings, its whole postings verified.
    func documentFrequency(at index: Int) throws(IndexFileError) -> Int {
        _ = try postingRange(at: index)
        return try listLength(at: index)
    }

    /// The leading document count of term `index`'s postings, verifying only its header.
    func listLength(at index: Int) throws(IndexFileError) -> Int {
        let bounds = try postingBounds(at: index)
        try verify(.postings, range: bounds.lowerBound..<min(bounds.upperBound, bounds.lowerBound + 10))
        let offset = sections[.postings]!.offset
        var reader = ByteReader(bytes, from: offset + bounds.lowerBound, to: offset + bounds.upperBound)
        do throws(ByteReader.Overrun) {
            return try reader.int()
        } catch {
            throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
        }
    }

    func encodedPostings(at index: Int) throws(IndexFileError) -> [UInt8] {
        Array(bytes[try postingRange(at: index)])
    }

    /// Term `index`'s postings to `detail`. For `.counts`, only the blocks of the documents stream are
    /// verified and read (the positions follow it; ``PostingCodec``).
    func postings(at index: Int, detail: PostingList.Detail = .positions) throws(IndexFileError) -> PostingList {
        let range = detail == .counts ? try documentsRange(at: index) : try postingRange(at: index)
        var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        do throws(PostingCodec.Malformed) {
            return try PostingCodec.decode(&reader, documentCount: meta.documentCount, detail: detail)
        } catch {
            throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
        }
    }

    // MARK: Documents

    /// Document `ordinal`'s rowid (the rowids section, verified at open and increasing).
    func rowid(_ ordinal: Int32) -> Int64 {
        Int64(u64(.rowids, at: Int(ordinal) - 1))
    }

    /// The ordinal of the document whose id is `id`: a binary search of the id-order section, reading
    /// only the id of each record it probes.
    func ordinal(ofID id: [UInt8]) throws(IndexFileError) -> Int32? {
        let count = meta.documentCount
        let table = sections[.idOrder]!.offset
        func ordinal(at slot: Int) throws(IndexFileError) -> Int32 {
            try verify(.idOrder, range: slot * 4..<(slot + 1) * 4)
            return Int32(truncatingIfNeeded: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: table + slot * 4, as: UInt32.self)))
        }
        let slot = try partitionPoint(0..<count) { slot throws(IndexFileError) in
            try idBytes(ordinal(at: slot)).lexicographicallyPrecedes(id)
        }
        guard slot < count else { return nil }
        let found = try ordinal(at: slot)
        return try idBytes(found) == id ? found : nil
    }

    /// Σ of each column's lengths over the documents, from the column lengths table.
    func summedColumnTotals() -> [Int] {
        var totals = [Int](repeating: 0, count: meta.columns.count)
        for ordinal in 0..<meta.documentCount {
            for column in totals.indices { totals[column] += columnLength(Int32(ordinal + 1), column: column) }
        }
        return totals
    }

    /// Token count of one column of a document: one little-endian u32 load (the section was verified
    /// at open).
    @inline(__always)
    func columnLength(_ ordinal: Int32, column: Int) -> Int {
        let offset = columnLengthsOffset + ((Int(ordinal) - 1) * meta.columns.count + column) * 4
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    // MARK: Keyword fields

    /// The keywords section, verified and decoded on first use, then kept.
    func keywordFields() throws(IndexFileError) -> KeywordFields {
        try keywordCache.get(decodeKeywordFields)
    }

    /// A reader over all of `section`, every block verified first (sections decoded whole).
    func wholeSection(_ section: Section) throws(IndexFileError) -> ByteReader {
        let info = sections[section]!
        try verify(section, range: 0..<info.length)
        return ByteReader(bytes, from: info.offset, to: info.offset + info.length)
    }

    private func decodeKeywordFields() throws(IndexFileError) -> KeywordFields {
        let info = sections[.keywords]!
        var reader = try wholeSection(.keywords)
        let documentCount = meta.documentCount
        func malformed(_ what: String) -> IndexFileError {
            IndexFileError(file: path, section: Section.keywords.name, reason: what)
        }
        var fields: [KeywordFields.Field] = []
        do {
            let fieldCount = try reader.int()
            guard fieldCount <= 1024 else { throw malformed("\(fieldCount) fields") }
            for _ in 0..<fieldCount {
                let name = String(decoding: try reader.data(), as: UTF8.self)
                let valueCount = try reader.int()
                guard valueCount <= info.length else { throw malformed("field \(name): \(valueCount) values") }
                var values: [String] = []
                values.reserveCapacity(valueCount)
                for _ in 0..<valueCount { values.append(String(decoding: try reader.data(), as: UTF8.self)) }
                let idCount = try reader.int()
                guard idCount <= info.length else { throw malformed("field \(name): \(idCount) value ids") }
                var starts: [UInt32] = [0]
                starts.reserveCapacity(documentCount + 1)
                var total = 0
                for _ in 0..<documentCount {
                    total += try reader.int()
                    guard total <= idCount else { throw malformed("field \(name): more values than \(idCount)") }
                    starts.append(UInt32(total))
                }
                var ids: [UInt32] = []
                ids.reserveCapacity(idCount)
                for _ in 0..<idCount {
                    let id = try reader.int()
                    guard id < valueCount else { throw malformed("field \(name): value ids out of range") }
                    ids.append(UInt32(id))
                }
                guard total == idCount else { throw malformed("field \(name): \(total) values for \(idCount) ids") }
                fields.append(KeywordFields.Field(name: name, values: values, starts: starts, valueIDs: ids))
            }
        } catch let error as IndexFileError {
            throw error
        } catch {
            throw malformed("truncated")
        }
        return KeywordFields(fields: fields)
    }

    /// The words section, verified and decoded on first use, then kept.
    func words() throws(IndexFileError) -> WordDictionary {
        try wordCache.get(decodeWords)
    }

    private func decodeWords() throws(IndexFileError) -> WordDictionary {
        let info = sections[.words]!
        var reader = try wholeSection(.words)
        var words = WordDictionary()
        do {
            let count = try reader.int()
            // Each word takes at least 3 bytes (shared, suffix length, frequency).
            guard count <= info.length / 3 else { throw ByteReader.Overrun() }
            words.offsets.reserveCapacity(count + 1)
            words.frequencies.reserveCapacity(count)
            var word: [UInt8] = []
            for _ in 0..<count {
                let shared = try reader.int()
                guard shared <= word.count else {
                    throw IndexFileError(file: path, section: Section.words.name, reason: "word \(words.count) shares more than the word before it")
                }
                word.removeLast(word.count - shared)
                word.append(contentsOf: try reader.data())
                words.bytes += word
                words.offsets.append(words.bytes.count)
                words.frequencies.append(UInt32(clamping: try reader.int()))
            }
            guard reader.isAtEnd else { throw ByteReader.Overrun() }
        } catch let error as IndexFileError {
            throw error
        } catch {
            throw IndexFileError(file: path, section: Section.words.name, reason: "truncated")
        }
        if let problem = words.problem() { throw IndexFileError(file: path, section: Section.words.name, reason: problem) }
        return words
    }

    /// Verifies every block of every section (for `talksearch check`).
    func verifyAll() throws(IndexFileError) {
        for section in Section.allCases {
            guard let info = sections[section] else { continue }
            try verify(section, range: 0..<info.length)
        }
        try checkTermIndex()
        try checkTermBlocks()
        try checkPrefixUnions()
        try checkColumnLists()
        try verifyDocuments()
    }
}
