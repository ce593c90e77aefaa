extension IndexFileWriter {
    /// Section 14 (docs/FORMAT.md): `varint B, varint L`, then for each of the L lists of at least
    /// ``IndexFileFormat/termBlocksMinimum`` documents, in dictionary order, `varint term-delta,
    /// varint block-count` and per block `varint offset-delta, varint ordinal-delta, u64 best` (the
    /// bits of its ``TermBlocks`` best bm25).
    static func writeTermBlocks(_ index: InvertedIndex, to sink: inout SectionSink) throws {
        let size = IndexFileFormat.termBlockSize
        var listed: [Int] = []
        for slot in 0..<index.termCount where try Self.listLength(index.encodedPostings(at: slot)) >= IndexFileFormat.termBlocksMinimum {
            listed.append(slot)
        }
        var out = ByteWriter()
        out.varint(size)
        out.varint(listed.count)
        var previousTerm = 0
        for slot in listed {
            let blocks = try index.encodedPostings(at: slot).withUnsafeBytes { bytes in
                try TermBlocks.of(ByteReader(bytes, from: 0, to: bytes.count), size: size, documentCount: index.documentCount,
                                  totalTokens: index.totalTokens, length: index.documentLength)
            }
            out.varint(slot - previousTerm)
            previousTerm = slot
            out.varint(blocks.count)
            for block in 0..<blocks.count {
                out.varint(Int(blocks.offsets[block] - (block == 0 ? 0 : blocks.offsets[block - 1])))
                out.varint(Int(blocks.ordinalsBefore[block] - (block == 0 ? 0 : blocks.ordinalsBefore[block - 1])))
                out.u64(blocks.best[block].bitPattern)
            }
            try sink.writeWhenFull(&out)
        }
        try sink.write(out.bytes)
    }

    /// The leading document count of one term's encoded postings.
    private static func listLength(_ postings: ArraySlice<UInt8>) -> Int {
        postings.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes, from: 0, to: bytes.count)
            return (try? reader.int()) ?? 0
        }
    }
}
