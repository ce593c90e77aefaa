import Foundation

/// Writes an ``InvertedIndex`` as an index file (format in docs/FORMAT.md).
///
/// Every section is followed by the CRC-32 of each of its 64 KiB blocks; the section table records
/// where each section and its block checksums are, with a checksum of those checksums, and the header
/// carries a checksum of the table. Postings are delta- and varint-encoded.
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
        guard !FileManager.default.fileExists(atPath: path) else {
            throw IndexFileError(file: path, reason: "refusing to overwrite an existing file")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw IndexFileError(file: path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        let kinds = IndexFileFormat.Section.allCases
        let bodyStart = IndexFileFormat.headerSize + kinds.count * IndexFileFormat.sectionEntrySize
        // Sections are encoded and written one at a time, so memory holds one section, not the file.
        try handle.write(contentsOf: Data(count: bodyStart))
        var offset = bodyStart
        var table = ByteWriter()
        var postings: [UInt8] = []
        for kind in kinds {
            let payload: [UInt8]
            switch kind {
            case .postingOffsets:
                // Offsets and postings come from one pass; the postings wait for their own section.
                let encoded = try encodePostings(of: index)
                postings = encoded.postings
                payload = encoded.offsets
            case .postings:
                payload = postings
                postings = []
            default:
                payload = try encodeSection(kind, of: index)
            }
            var checksums = ByteWriter()
            var blockCount = 0
            var start = 0
            while start < payload.count {
                let end = min(start + IndexFileFormat.blockSize, payload.count)
                payload.withUnsafeBytes { checksums.u32(CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<end]))) }
                blockCount += 1
                start = end
            }
            try handle.write(contentsOf: payload)
            try handle.write(contentsOf: checksums.bytes)
            table.u32(kind.rawValue)
            table.u32(UInt32(IndexFileFormat.blockSize))
            table.u64(UInt64(offset))
            table.u64(UInt64(payload.count))
            table.u64(UInt64(offset + payload.count))
            table.u32(UInt32(blockCount))
            table.u32(CRC32.checksum(checksums.bytes))
            offset += payload.count + checksums.bytes.count
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
        try handle.synchronize()
    }

    static func encodeSection(_ kind: IndexFileFormat.Section, of index: InvertedIndex) throws -> [UInt8] {
        switch kind {
        case .meta:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let meta = Meta(tokenizer: index.tokenizer, columns: index.schema.names, documentCount: index.documentCount,
                            totalTokens: index.totalTokens, termCount: index.termCount, columnTotals: index.columnTotals)
            return Array(try encoder.encode(meta))
        case .terms:
            var offsets = ByteWriter(), bytes: [UInt8] = []
            for slot in 0..<index.termCount {
                offsets.u64(UInt64(bytes.count))
                bytes += try index.entry(at: slot).term
            }
            offsets.u64(UInt64(bytes.count))
            return offsets.bytes + bytes
        case .postingOffsets:
            return try encodePostings(of: index).offsets
        case .postings:
            return try encodePostings(of: index).postings
        case .columnLengths:
            var lengths = ByteWriter()
            for ordinal in 0..<index.documentCount {
                for column in 0..<index.schema.count { lengths.u32(UInt32(index.columnSize(Int32(ordinal + 1), column: column))) }
            }
            return lengths.bytes
        case .documents:
            var offsets = ByteWriter(), records = ByteWriter()
            for ordinal in 1...max(index.documentCount, 1) where index.documentCount > 0 {
                offsets.u64(UInt64(records.bytes.count))
                records.data(Array(try index.documentID(Int32(ordinal)).utf8))
                if let stored = try index.storedRecord(Int32(ordinal)) {
                    records.varint(1)
                    records.data(Array(stored.utf8))
                } else {
                    records.varint(0)
                }
                for column in 0..<index.schema.count { records.data(Array(try index.text(Int32(ordinal), column: column).utf8)) }
            }
            offsets.u64(UInt64(records.bytes.count))
            return offsets.bytes + records.bytes
        }
    }

    /// The posting-offsets and postings sections, from one pass over the terms.
    static func encodePostings(of index: InvertedIndex) throws -> (offsets: [UInt8], postings: [UInt8]) {
        var offsets = ByteWriter(), postings = ByteWriter()
        for slot in 0..<index.termCount {
            let list = try index.entry(at: slot).postings
            offsets.u64(UInt64(postings.bytes.count))
            postings.varint(list.count)
            var previousDocument: Int32 = 0
            for position in 0..<list.count {
                let document = list.documents[position]
                postings.varint(Int(document - previousDocument))
                previousDocument = document
                let positions = list.positions(at: position)
                postings.varint(positions.count)
                var previous: Position = 0
                for value in positions {
                    postings.varint(UInt64(value - previous))
                    previous = value
                }
            }
        }
        offsets.u64(UInt64(postings.bytes.count))
        return (offsets.bytes, postings.bytes)
    }
}
