/// Section 14 decoded (docs/FORMAT.md): the ``TermBlocks`` of every list of at least
/// ``IndexFileFormat/termBlocksMinimum`` documents, by dictionary index.
struct TermBlockTable: Sendable {
    let blockSize: Int
    /// The dictionary indices that have blocks, ascending.
    let terms: [Int32]
    /// Term `terms[i]`'s blocks are `firstBlocks[i] ..< firstBlocks[i + 1]` of the arrays below.
    let firstBlocks: [Int]
    let offsets: [Int32]
    let ordinalsBefore: [Int32]
    let best: [Double]

    /// The blocks of term `index`, nil when its list has none.
    func blocks(ofTerm index: Int) -> TermBlocks? {
        let slot = partitionPoint(0..<terms.count) { Int(terms[$0]) < index }
        guard slot < terms.count, Int(terms[slot]) == index else { return nil }
        let range = firstBlocks[slot]..<firstBlocks[slot + 1]
        return TermBlocks(offsets: Array(offsets[range]), ordinalsBefore: Array(ordinalsBefore[range]), best: Array(best[range]))
    }
}

/// One term's documents stream with its blocks: a reader of any block's documents.
struct BlockedList {
    /// The list's length (n, the term's document frequency).
    let count: Int
    let blockSize: Int
    let blocks: TermBlocks
    /// The documents stream, verified.
    let documents: ByteReader
    let documentCount: Int
    let path: String
    let term: Int

    /// The documents of block `block`, in order.
    func cursor(ofBlock block: Int) -> Cursor {
        let start = documents.offset + Int(blocks.offsets[block])
        let end = block + 1 < blocks.count ? documents.offset + Int(blocks.offsets[block + 1]) : documents.end
        return Cursor(reader: ByteReader(documents.base, from: start, to: end), ordinal: Int(blocks.ordinalsBefore[block]),
                      remaining: block + 1 < blocks.count ? blockSize : count - blockSize * (blocks.count - 1), list: self)
    }

    struct Cursor {
        var reader: ByteReader
        var ordinal: Int
        var remaining: Int
        let list: BlockedList

        /// The next document's ordinal and occurrence count, nil after the block's last; the checks
        /// of ``PostingCodec/nextDocument(_:after:documentCount:)`` (not the sum of the position
        /// lengths: the positions are not read).
        @inline(__always)
        mutating func next() throws(IndexFileError) -> (ordinal: Int32, occurrences: Int32)? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            guard let (next, occurrences, _) = PostingCodec.nextDocument(&reader, after: ordinal, documentCount: list.documentCount),
                  occurrences <= Int(Int32.max) else {
                throw IndexFileError(file: list.path, section: IndexFileFormat.Section.postings.name, reason: "term \(list.term) is malformed")
            }
            ordinal = next
            return (Int32(ordinal), Int32(occurrences))
        }
    }
}

extension MappedIndexFile {
    /// The term blocks section, verified and decoded on first use; nil for a file without it.
    func termBlockTable() throws(IndexFileError) -> TermBlockTable? {
        guard sections[.termBlocks] != nil else { return nil }
        return try termBlockCache.get(decodeTermBlocks)
    }

    /// Term `index`'s documents stream and blocks, nil when it has none; the blocks must fit the list
    /// (one per `blockSize` documents, each starting inside the stream).
    func blockedList(at index: Int) throws(IndexFileError) -> BlockedList? {
        guard let table = try termBlockTable(), let blocks = table.blocks(ofTerm: index) else { return nil }
        let range = try documentsRange(at: index)
        guard let (count, documents, _) = try? PostingCodec.streams(ByteReader(bytes, from: range.lowerBound, to: range.upperBound),
                                                                    documentCount: meta.documentCount),
              blocks.count == (count + table.blockSize - 1) / table.blockSize,
              Int(blocks.offsets[blocks.count - 1]) < documents.end - documents.offset else {
            throw IndexFileError(file: path, section: Section.termBlocks.name, reason: "the blocks of term \(index) do not fit its postings")
        }
        return BlockedList(count: count, blockSize: table.blockSize, blocks: blocks, documents: documents,
                           documentCount: meta.documentCount, path: path, term: index)
    }

    /// `talksearch check`: every list's blocks are what its postings give (``TermBlocks/of(_:size:documentCount:totalTokens:length:)``).
    func checkTermBlocks() throws(IndexFileError) {
        guard let table = try termBlockTable() else { return }
        let lengths = documentLengths
        for term in table.terms {
            let range = try postingRange(at: Int(term))
            let computed = try? TermBlocks.of(ByteReader(bytes, from: range.lowerBound, to: range.upperBound), size: table.blockSize,
                                              documentCount: meta.documentCount, totalTokens: meta.totalTokens, length: { Int(lengths[Int($0) - 1]) })
            guard let computed, computed == table.blocks(ofTerm: Int(term)) else {
                throw IndexFileError(file: path, section: Section.termBlocks.name, reason: "the blocks of term \(term) do not match its postings")
            }
        }
    }

    /// `varint B, varint L`, then per list `varint term-delta, varint block-count` and per block
    /// `varint offset-delta, varint ordinal-delta, u64 best`: terms ascending below T, every list
    /// at least one block, offsets and ordinals ascending from 0.
    private func decodeTermBlocks() throws(IndexFileError) -> TermBlockTable {
        var reader = try wholeSection(.termBlocks)
        var terms: [Int32] = [], firstBlocks = [0], offsets: [Int32] = [], ordinalsBefore: [Int32] = [], best: [Double] = []
        var size = 0
        func read() -> Bool {
            guard let blockSize = try? reader.int(), let lists = try? reader.int(), blockSize > 0, lists <= meta.termCount else { return false }
            size = blockSize
            var term = 0
            for list in 0..<lists {
                guard let delta = try? reader.int(), let count = try? reader.int(), list == 0 || delta > 0,
                      term + delta < meta.termCount, count > 0, count <= meta.documentCount else { return false }
                term += delta
                terms.append(Int32(term))
                var offset = 0, ordinal = 0
                for block in 0..<count {
                    guard let offsetDelta = try? reader.int(), let ordinalDelta = try? reader.int(), let bits = try? reader.u64(),
                          block == 0 ? offsetDelta == 0 && ordinalDelta == 0 : offsetDelta > 0 && ordinalDelta > 0,
                          offset + offsetDelta <= Int(Int32.max), ordinal + ordinalDelta < meta.documentCount else { return false }
                    offset += offsetDelta
                    ordinal += ordinalDelta
                    offsets.append(Int32(offset))
                    ordinalsBefore.append(Int32(ordinal))
                    best.append(Double(bitPattern: bits))
                }
                firstBlocks.append(offsets.count)
            }
            return reader.isAtEnd
        }
        guard read() else { throw IndexFileError(file: path, section: Section.termBlocks.name, reason: "malformed") }
        return TermBlockTable(blockSize: size, terms: terms, firstBlocks: firstBlocks, offsets: offsets, ordinalsBefore: ordinalsBefore,
                              best: best)
    }
}
