extension IndexFileWriter {
    /// What one pass over the postings collects for the sections written after them: the posting
    /// offsets (section 3), the term blocks (section 14) and the prefixes (section 15), whole section
    /// bodies, and the prefixes' unions (section 16), one by one.
    struct PostingsPass {
        var offsets = ByteWriter()
        var termBlocks = ByteWriter()
        var prefixes = ByteWriter()
        var prefixUnions: [[UInt8]] = []
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
        let plan = try PrefixUnions.plan(termCount: content.termCount, documentCount: index.documentCount,
                                         term: content.termBytes(at:), listLength: content.documentFrequency(at:))
        var unions = PrefixUnionBuilder(plan: plan, documentCount: index.documentCount)
        for slot in 0..<content.termCount {
            let postings = try content.encodedPostings(at: slot)
            pass.offsets.u64(UInt64(total))
            total += postings.count
            try sink.write(postings)
            if !plan.isEmpty {
                let added = postings.withUnsafeBytes { bytes in (try? unions.add(term: slot, postings: bytes)) != nil }
                guard added else {
                    throw IndexFileError(file: "index being written", section: IndexFileFormat.Section.postings.name, reason: "term \(slot) is malformed")
                }
            }
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
        unions.finishAll()
        // Section 15: varint P, then per prefix (byte order) `bytes prefix, varint first-term-delta,
        // varint term-count, varint union-length`; section 16 the unions in the same order.
        pass.prefixes.varint(plan.count)
        var previousFirst = 0
        for (slot, prefix) in plan.enumerated() {
            pass.prefixes.data(prefix.bytes)
            pass.prefixes.varint(prefix.terms.lowerBound - previousFirst)
            pass.prefixes.varint(prefix.terms.count)
            pass.prefixes.varint(unions.unions[slot].count)
            previousFirst = prefix.terms.lowerBound
        }
        pass.prefixUnions = unions.unions
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
