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
        let sections = try encodeSections(index)
        var table = ByteWriter()
        var body: [UInt8] = []
        let bodyStart = IndexFileFormat.headerSize + sections.count * IndexFileFormat.sectionEntrySize
        for (kind, payload) in sections {
            let offset = bodyStart + body.count
            body += payload
            var checksums = ByteWriter()
            var blockCount = 0
            var start = 0
            while start < payload.count {
                let end = min(start + IndexFileFormat.blockSize, payload.count)
                payload.withUnsafeBytes { checksums.u32(CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<end]))) }
                blockCount += 1
                start = end
            }
            let checksumOffset = bodyStart + body.count
            body += checksums.bytes
            table.u32(kind.rawValue)
            table.u32(UInt32(IndexFileFormat.blockSize))
            table.u64(UInt64(offset))
            table.u64(UInt64(payload.count))
            table.u64(UInt64(checksumOffset))
            table.u32(UInt32(blockCount))
            table.u32(CRC32.checksum(checksums.bytes))
        }
        var header = ByteWriter()
        header.bytes += IndexFileFormat.magic
        header.u32(IndexFileFormat.version)
        header.u32(UInt32(sections.count))
        header.u32(CRC32.checksum(table.bytes))
        header.u32(CRC32.checksum(header.bytes))
        header.u64(0)
        let file = header.bytes + table.bytes + body
        try Data(file).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    }

    static func encodeSections(_ index: InvertedIndex) throws -> [(IndexFileFormat.Section, [UInt8])] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let meta = Meta(tokenizer: index.tokenizer, columns: index.schema.names, documentCount: index.documentCount,
                        totalTokens: index.totalTokens, termCount: index.termCount, columnTotals: index.columnTotals)
        let metaBytes = Array(try encoder.encode(meta))

        var termOffsets = ByteWriter(), termBytes: [UInt8] = []
        var postingOffsets = ByteWriter(), postings = ByteWriter()
        for slot in 0..<index.termCount {
            let (term, list) = try index.entry(at: slot)
            termOffsets.u64(UInt64(termBytes.count))
            termBytes += term
            postingOffsets.u64(UInt64(postings.bytes.count))
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
        termOffsets.u64(UInt64(termBytes.count))
        postingOffsets.u64(UInt64(postings.bytes.count))

        var lengths = ByteWriter()
        for ordinal in 1...max(index.documentCount, 1) where index.documentCount > 0 {
            for column in 0..<index.schema.count { lengths.u32(UInt32(index.columnSize(Int32(ordinal), column: column))) }
        }

        var documentOffsets = ByteWriter(), records = ByteWriter()
        for ordinal in 1...max(index.documentCount, 1) where index.documentCount > 0 {
            documentOffsets.u64(UInt64(records.bytes.count))
            records.data(Array(try index.documentID(Int32(ordinal)).utf8))
            if let stored = try index.storedRecord(Int32(ordinal)) {
                records.varint(1)
                records.data(Array(stored.utf8))
            } else {
                records.varint(0)
            }
            for column in 0..<index.schema.count { records.data(Array(try index.text(Int32(ordinal), column: column).utf8)) }
        }
        documentOffsets.u64(UInt64(records.bytes.count))

        return [
            (.meta, metaBytes),
            (.terms, termOffsets.bytes + termBytes),
            (.postingOffsets, postingOffsets.bytes),
            (.postings, postings.bytes),
            (.columnLengths, lengths.bytes),
            (.documents, documentOffsets.bytes + records.bytes),
        ]
    }
}
