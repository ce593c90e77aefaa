import Foundation

/// Writes an index file (format in docs/FORMAT.md) from an ``InvertedIndex`` or from segments being
/// merged (``IndexFileContent``).
///
/// Every section is followed by the CRC-32 of each of its 64 KiB blocks; the section table records
/// where each section and its block checksums are, with a checksum of those checksums, and the header
/// carries a checksum of the table. Postings are delta- and varint-encoded.
///
/// The file is left to the page cache, not synced: making it durable is the publisher's step (the
/// CLI's index directory syncs a whole generation before naming it current), as with SQLite's
/// `synchronous = OFF` on the FTS5 side.
public enum IndexFileWriter {
    struct Meta: Codable {
        var tokenizer: TokenizerConfiguration
        var columns: [String]
        var documentCount: Int
        var totalTokens: Int
        var termCount: Int
        /// Σ of each column's token counts (optional: files written before it are read without it).
        var columnTotals: [Int]?
    }

    public static func write(_ index: InvertedIndex, to path: String) throws {
        try write(content: index, to: path)
    }

    static func write(content: some IndexFileContent, to path: String) throws {
        let index = content.index
        guard !FileManager.default.fileExists(atPath: path) else {
            throw IndexFileError(file: path, reason: "refusing to overwrite an existing file")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw IndexFileError(file: path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        // The postings before their offsets and term blocks, which one pass over them collects.
        let late: [IndexFileFormat.Section] = [.postingOffsets, .termBlocks, .prefixes, .prefixUnions, .columnTerms, .columnPostings,
                                              .documents]
        let kinds = IndexFileFormat.Section.allCases.filter { !late.contains($0) } + late
        var postings = PostingsPass()
        let bodyStart = IndexFileFormat.headerSize + kinds.count * IndexFileFormat.sectionEntrySize
        // Each section streams through a sink, block by block: memory never holds a whole section.
        try handle.write(contentsOf: Data(count: bodyStart))
        var offset = bodyStart
        var table = ByteWriter()
        for kind in kinds {
            var sink = SectionSink(handle: handle)
            switch kind {
            case .documents: try writeDocuments(index, to: &sink)
            case .postings: postings = try writePostings(content, to: &sink)
            case .postingOffsets: try sink.write(postings.offsets.bytes)
            case .termBlocks: try sink.write(postings.termBlocks.bytes)
            case .prefixes: try sink.write(postings.prefixes.bytes)
            case .columnTerms: try sink.write(postings.columnTerms.bytes)
            case .columnPostings: try sink.write(postings.columnPostings.bytes)
            case .prefixUnions:
                if let spill = postings.prefixUnions {
                    for prefix in spill.ranges.indices { try sink.write(try spill.union(prefix)) }
                }
            default: try writeSection(kind, of: content, to: &sink)
            }
            try sink.finish()
            content.sectionWritten()
            try handle.write(contentsOf: Data(sink.checksums.bytes))
            table.u32(kind.rawValue)
            table.u32(UInt32(IndexFileFormat.blockSize))
            table.u64(UInt64(offset))
            table.u64(UInt64(sink.length))
            table.u64(UInt64(offset + sink.length))
            table.u32(UInt32(sink.blockCount))
            table.u32(CRC32.checksum(sink.checksums.bytes))
            offset += sink.length + sink.checksums.bytes.count
        }
        var header = ByteWriter()
        header.bytes += IndexFileFormat.magic
        header.u32(IndexFileFormat.version)
        header.u32(UInt32(kinds.count))
        header.u32(CRC32.checksum(table.bytes))
        header.u32(CRC32.checksum(header.bytes))
        header.u64(0)
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: header.bytes + table.bytes)
    }

    static func writeSection(_ kind: IndexFileFormat.Section, of content: some IndexFileContent, to sink: inout SectionSink) throws {
        let index = content.index
        switch kind {
        case .meta:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let meta = Meta(tokenizer: index.tokenizer, columns: index.schema.names, documentCount: index.documentCount,
                            totalTokens: index.totalTokens, termCount: content.termCount, columnTotals: index.columnTotals)
            try sink.write(Array(try encoder.encode(meta)))
        case .terms:
            var offsets = ByteWriter()
            try appendOffsets(content.termCount, to: &offsets) { slot in try content.termLength(at: slot) }
            try sink.write(offsets.bytes)
            for slot in 0..<content.termCount { try sink.write(try content.termBytes(at: slot)) }
        case .termIndex:
            // varint step, varint S, bytes term{S}: terms 0, step, 2 step, ... of the dictionary.
            let step = IndexFileFormat.termIndexStep
            var out = ByteWriter()
            out.varint(step)
            out.varint((content.termCount + step - 1) / step)
            for slot in stride(from: 0, to: content.termCount, by: step) {
                out.data(try content.termBytes(at: slot))
                try sink.writeWhenFull(&out)
            }
            try sink.write(out.bytes)
        case .columnLengths:
            var lengths = ByteWriter()
            for ordinal in 0..<index.documentCount {
                for column in 0..<index.schema.count { lengths.u32(UInt32(index.columnSize(Int32(ordinal + 1), column: column))) }
                try sink.writeWhenFull(&lengths)
            }
            try sink.write(lengths.bytes)
        case .documents, .postings, .postingOffsets, .termBlocks, .prefixes, .prefixUnions, .columnTerms, .columnPostings:
            preconditionFailure("section \(kind.name) is written by write(content:to:)")
        case .keywords:
            try writeKeywords(try index.keywordFields(), to: &sink)
        case .words:
            // varint W, then per word: varint shared, varint suffix-length, suffix, varint frequency.
            let words = try index.words()
            var out = ByteWriter()
            out.varint(words.count)
            var previous: ArraySlice<UInt8> = []
            for slot in 0..<words.count {
                let word = words.word(at: slot)
                let shared = zip(previous, word).prefix { $0 == $1 }.count
                out.varint(shared)
                out.varint(word.count - shared)
                out.bytes += word.dropFirst(shared)
                out.varint(words.frequency(at: slot))
                previous = word
                try sink.writeWhenFull(&out)
            }
            try sink.write(out.bytes)
        case .rowids:
            var rowids = ByteWriter()
            for ordinal in 0..<index.documentCount {
                rowids.u64(UInt64(bitPattern: index.rowid(Int32(ordinal + 1))))
                try sink.writeWhenFull(&rowids)
            }
            try sink.write(rowids.bytes)
        case .idOrder:
            var ids: [(id: [UInt8], ordinal: Int32)] = []
            ids.reserveCapacity(index.documentCount)
            for ordinal in 0..<index.documentCount {
                ids.append((Array(try index.documentID(Int32(ordinal + 1)).utf8), Int32(ordinal + 1)))
            }
            ids.sort { $0.id.lexicographicallyPrecedes($1.id) || ($0.id == $1.id && $0.ordinal < $1.ordinal) }
            var order = ByteWriter()
            for entry in ids { order.u32(UInt32(entry.ordinal)) }
            try sink.write(order.bytes)
        case .pairs:
            // varint K, varint P, varint common-term-delta{K}, then per pair: varint first-slot-delta,
            // varint second-slot, varint postings-length (slots: indices into the common terms).
            let pairs = try content.commonPairs()
            var out = ByteWriter()
            out.varint(pairs.commonTerms.count)
            out.varint(pairs.keys.count)
            var previousTerm: Int32 = 0
            for term in pairs.commonTerms {
                out.varint(UInt64(term - previousTerm))
                previousTerm = term
            }
            var slots: [Int32: Int] = [:]
            for (slot, term) in pairs.commonTerms.enumerated() { slots[term] = slot }
            var previousFirst = 0
            for (pair, key) in pairs.keys.enumerated() {
                guard let first = slots[Int32(truncatingIfNeeded: key >> 32)], let second = slots[Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)] else {
                    preconditionFailure("pair \(pair) is not of common terms")
                }
                out.varint(first - previousFirst)
                out.varint(second)
                out.varint(try content.encodedPairPostings(at: pair).count)
                previousFirst = first
                try sink.writeWhenFull(&out)
            }
            try sink.write(out.bytes)
        case .pairPostings:
            for slot in 0..<(try content.commonPairs().pairCount) { try sink.write(try content.encodedPairPostings(at: slot)) }
        }
    }

    /// Appends `count + 1` u64 offsets: where each of `count` items starts when they are laid end to
    /// end (item i being `length(i)` bytes), then where the last ends.
    static func appendOffsets(_ count: Int, to writer: inout ByteWriter, length: (Int) throws -> Int) rethrows {
        var total = 0
        for slot in 0..<count {
            writer.u64(UInt64(total))
            total += try length(slot)
        }
        writer.u64(UInt64(total))
    }

    /// The keywords section: `varint field-count`, then per field `bytes name, varint value-count,
    /// bytes value{value-count}, varint id-count, varint value-count-of-document{N}, varint value-id{id-count}`.
    static func writeKeywords(_ keywords: KeywordFields, to sink: inout SectionSink) throws {
        var out = ByteWriter()
        out.varint(keywords.fields.count)
        for field in keywords.fields {
            out.data(field.name.utf8)
            out.varint(field.values.count)
            for value in field.values { out.data(value.utf8) }
            out.varint(field.valueIDs.count)
            for (start, end) in zip(field.starts, field.starts.dropFirst()) { out.varint(UInt64(end - start)) }
            for id in field.valueIDs { out.varint(UInt64(id)) }
            try sink.write(out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
        try sink.write(out.bytes)
    }
}
