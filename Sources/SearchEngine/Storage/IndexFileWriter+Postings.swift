extension IndexFileWriter {
    /// What one pass over the postings collects for the two sections written after them: the posting
    /// offsets (section 3) and the term blocks (section 14), whole section bodies.
    struct PostingsPass {
        var offsets = ByteWriter()
        var termBlocks = ByteWriter()
    }

    /// Writes section 4, every term's postings in dictionary order, reading each once: meanwhile the
    /// offsets (`u64{T+1}`) and the term blocks are laid out. Section 14 (docs/FORMAT.md): `varint B,
    /// varint L`, then for each of the L lists of at least ``IndexFileFormat/termBlocksMinimum``
    /// documents, in dictionary order, `varint term-delta, varint block-count` and per block `varint
    /// offset-delta, varint ordinal-delta, u64 best` (the bits of its ``TermBlocks`` best bm25).
    static func writePostings(_ content: some IndexFileContent, to sink: inout SectionSink) throws -> PostingsPass {
        let index = content.index
        let size = IndexFileFormat.termBlockSize
        var pass = PostingsPass()
        var blocked = ByteWriter()
        var listed = 0
        var previousTerm = 0
        var total = 0
        for slot in 0..<content.termCount {
            let postings = try content.encodedPostings(at: slot)
            pass.offsets.u64(UInt64(total))
            total += postings.count
            try sink.write(postings)
            guard listLength(postings) >= IndexFileFormat.termBlocksMinimum else { continue }
            let blocks = try postings.withUnsafeBytes { bytes in
                try TermBlocks.of(ByteReader(bytes, from: 0, to: bytes.count), size: size, documentCount: index.documentCount,
                                  totalTokens: index.totalTokens, length: index.documentLength)
            }
            blocked.varint(slot - previousTerm)
            previousTerm = slot
            blocked.varint(blocks.count)
            for block in 0..<blocks.count {
                blocked.varint(Int(blocks.offsets[block] - (block == 0 ? 0 : blocks.offsets[block - 1])))
                blocked.varint(Int(blocks.ordinalsBefore[block] - (block == 0 ? 0 : blocks.ordinalsBefore[block - 1])))
                blocked.u64(blocks.best[block].bitPattern)
            }
            listed += 1
        }
        pass.offsets.u64(UInt64(total))
        pass.termBlocks.varint(size)
        pass.termBlocks.varint(listed)
        pass.termBlocks.bytes += blocked.bytes
        return pass
    }

    /// The leading document count of one term's encoded postings.
    private static func listLength(_ postings: ArraySlice<UInt8>) -> Int {
        postings.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes, from: 0, to: bytes.count)
            return (try? reader.int()) ?? 0
        }
    }
}
