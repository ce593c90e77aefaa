import Foundation

extension IndexFileWriter {
    /// What one pass over the postings collects for the sections written after them: the posting
    /// offsets (section 3), the term blocks (section 14), the prefixes (section 15) and the column
    /// lists (sections 17 and 18), whole section bodies, and the prefixes' unions (section 16), one by one.
    struct PostingsPass {
        var offsets = ByteWriter()
        var termBlocks = ByteWriter()
        var prefixes = ByteWriter()
        var prefixUnions: UnionSpill?
        /// Sections 17 and 18: the short columns' lists (``ColumnLists``) and where each is.
        var columnTerms = ByteWriter()
        var columnPostings = ByteWriter()
    }

    /// The prefixes' unions, encoded as their last terms are written, kept in an unlinked temporary
    /// file until section 16 is written in the prefixes' order: memory holds none of them (1,000,000
    /// synthetic talks: ~10% of the index; held in memory they took the build's peak from 1.73 to 1.93 GiB).
    final class UnionSpill {
        private let handle: FileHandle
        private var end: UInt64 = 0
        /// Each prefix's union: where it is in the file and its length, by plan index.
        private(set) var ranges: [(offset: UInt64, length: Int)]

        init(count: Int) throws {
            let path = NSTemporaryDirectory() + "talksearch-unions-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forUpdatingAtPath: path) else {
                throw IndexFileError(file: path, reason: "cannot create a temporary file for the prefix unions")
            }
            try? FileManager.default.removeItem(atPath: path)
            self.handle = handle
            ranges = Array(repeating: (0, 0), count: count)
        }

        deinit { try? handle.close() }

        func append(_ prefix: Int, _ bytes: [UInt8]) throws {
            try handle.write(contentsOf: bytes)
            ranges[prefix] = (end, bytes.count)
            end += UInt64(bytes.count)
        }

        func union(_ prefix: Int) throws -> [UInt8] {
            let (offset, length) = ranges[prefix]
            try handle.seek(toOffset: offset)
            let bytes = [UInt8](try handle.read(upToCount: length) ?? Data())
            guard bytes.count == length else { throw IndexFileError(file: "prefix unions' temporary file", reason: "read short") }
            return bytes
        }
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
        let unions = try PrefixUnionWorker(plan: plan, documentCount: index.documentCount)
        var splitter = ColumnLists.Splitter(columns: ColumnLists.columns(totals: index.columnTotals, totalTokens: index.totalTokens),
                                            columnCount: index.schema.count, documentCount: index.documentCount)
        var columnEntries = ByteWriter(), entries = 0, previousListed = 0
        for slot in 0..<content.termCount {
            let postings = try content.encodedPostings(at: slot)
            pass.offsets.u64(UInt64(total))
            total += postings.count
            try sink.write(postings)
            if !splitter.columns.isEmpty {
                let split = postings.withUnsafeBytes { bytes in try? splitter.split(bytes) }
                guard let split else {
                    throw IndexFileError(file: "index being written", section: IndexFileFormat.Section.postings.name, reason: "term \(slot) is malformed")
                }
                if split.mask != 0 {
                    columnEntries.varint(slot - previousListed)
                    columnEntries.varint(split.mask)
                    for length in split.lengths { columnEntries.varint(length) }
                    pass.columnPostings.bytes += split.bytes
                    previousListed = slot
                    entries += 1
                }
            }
            if !plan.isEmpty { unions.add(term: slot, postings: postings) }
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
        // Section 17: varint K, varint column{K}, varint E, then per term with a list `varint
        // term-delta, varint mask, varint list-length{popcount(mask)}`.
        pass.columnTerms.varint(splitter.columns.count)
        for column in splitter.columns { pass.columnTerms.varint(column) }
        pass.columnTerms.varint(entries)
        pass.columnTerms.bytes += columnEntries.bytes
        pass.termBlocks.varint(size)
        pass.termBlocks.varint(listed)
        pass.termBlocks.bytes += blocked.bytes
        let spill = try unions.finish()
        // Section 15: varint P, then per prefix (byte order) `bytes prefix, varint first-term-delta,
        // varint term-count, varint union-length`; section 16 the unions in the same order.
        pass.prefixes.varint(plan.count)
        var previousFirst = 0
        for (slot, prefix) in plan.enumerated() {
            pass.prefixes.data(prefix.bytes)
            pass.prefixes.varint(prefix.terms.lowerBound - previousFirst)
            pass.prefixes.varint(prefix.terms.count)
            pass.prefixes.varint(spill.ranges[slot].length)
            previousFirst = prefix.terms.lowerBound
        }
        pass.prefixUnions = spill
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
