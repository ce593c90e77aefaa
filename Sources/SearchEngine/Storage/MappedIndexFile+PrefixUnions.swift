/// Section 15 decoded (docs/FORMAT.md): the prefixes that have a stored union (``PrefixUnions``), in
/// byte order, with their terms' dictionary range and their union's bytes in section 16.
struct PrefixTable: Sendable {
    /// Prefix i is `arena[starts[i] ..< starts[i + 1]]`.
    let arena: [UInt8]
    let starts: [Int]
    let terms: [Range<Int>]
    /// Union i is bytes `unionOffsets[i] ..< unionOffsets[i + 1]` of section 16.
    let unionOffsets: [Int]

    var count: Int { terms.count }

    func prefix(_ slot: Int) -> ArraySlice<UInt8> { arena[starts[slot]..<starts[slot + 1]] }

    /// The slot of `prefix`, nil when it has no union.
    func slot(of prefix: [UInt8]) -> Int? {
        let slot = partitionPoint(0..<count) { self.prefix($0).lexicographicallyPrecedes(prefix) }
        return slot < count && self.prefix(slot).elementsEqual(prefix) ? slot : nil
    }
}

extension MappedIndexFile {
    /// The prefixes section, verified and decoded on first use; nil for a file without it.
    func prefixTable() throws(IndexFileError) -> PrefixTable? {
        guard sections[.prefixes] != nil else { return nil }
        return try prefixCache.get(decodePrefixes)
    }

    /// The stored union of the terms with `prefix` (their documents, each with the prefix's count),
    /// nil when the file has none for it. `terms` is the prefix's dictionary range, which the union's
    /// entry must name.
    func prefixUnion(_ prefix: [UInt8], terms: Range<Int>) throws(IndexFileError) -> PostingList? {
        guard let (slot, reader) = try storedUnion(prefix, terms: terms) else { return nil }
        do throws(PrefixUnions.Malformed) {
            return try PrefixUnions.decode(reader, documentCount: meta.documentCount)
        } catch {
            throw malformedUnion(slot)
        }
    }

    /// The slot of `prefix`'s stored union and a reader over its bytes, verified; nil when the file
    /// has none for it. `terms` is the prefix's dictionary range, which the union's entry must name.
    private func storedUnion(_ prefix: [UInt8], terms: Range<Int>) throws(IndexFileError) -> (slot: Int, reader: ByteReader)? {
        guard let table = try prefixTable(), let slot = table.slot(of: prefix) else { return nil }
        guard table.terms[slot] == terms else {
            throw IndexFileError(file: path, section: Section.prefixes.name, reason: "prefix \(slot) does not name its terms")
        }
        let range = table.unionOffsets[slot]..<table.unionOffsets[slot + 1]
        try verify(.prefixUnions, range: range)
        let offset = sections[.prefixUnions]!.offset
        return (slot, ByteReader(bytes, from: offset + range.lowerBound, to: offset + range.upperBound))
    }

    private func malformedUnion(_ slot: Int) -> IndexFileError {
        IndexFileError(file: path, section: Section.prefixUnions.name, reason: "union \(slot) is malformed")
    }

    /// The stored union of `prefix` (whose dictionary range is `terms`) with its blocks of
    /// ``IndexFileFormat/termBlockSize`` documents (``TermBlocks``: where each starts, the ordinal
    /// before it, and the lowest bm25 of its documents for the prefix alone at column weight 1, with
    /// the statistics, frequencies and arithmetic of ``TermBlocks/of(_:size:documentCount:totalTokens:length:)``),
    /// nil when the file has no union for it. The blocks are not stored: one pass over the union makes
    /// them on the prefix's first use, kept with the file (one entry per 128 documents; `ins*` on
    /// pyvideo, 14,795 documents: 116; its first query took 1.1 ms with the sections' first reads,
    /// later ones 0.05 ms).
    func blockedUnion(_ prefix: [UInt8], terms: Range<Int>) throws(IndexFileError) -> BlockedUnion? {
        guard let (slot, union) = try storedUnion(prefix, terms: terms) else { return nil }
        return try blocked(union, minimum: 1, cache: unionBlockCache, key: slot, malformed: malformedUnion(slot))
    }

    /// The union-encoded list in `union` (verified) with its ``TermBlocks``, made on first use and
    /// kept in `cache` under `key`; nil when it holds fewer than `minimum` documents. Throws
    /// `malformed` when the list breaks ``PrefixUnions/decode(_:documentCount:)``'s checks.
    func blocked(_ union: ByteReader, minimum: Int, cache: ComputedPerKey<Int, TermBlocks>, key: Int,
                 malformed: @autoclosure () -> IndexFileError) throws(IndexFileError) -> BlockedUnion? {
        var documents = union
        guard let count = try? documents.int(), count > 0, count <= meta.documentCount else { throw malformed() }
        guard count >= minimum else { return nil }
        let size = IndexFileFormat.termBlockSize, documentCount = meta.documentCount
        let lengths = documentLengths
        let blocks = try cache.get(key) { () throws(IndexFileError) -> TermBlocks in
            var builder = TermBlocks.Builder(count: count, size: size, documentCount: documentCount, totalTokens: meta.totalTokens)
            var cursor = PrefixUnions.Cursor(reader: documents, ordinal: 0, remaining: count, documentCount: documentCount)
            for _ in 0..<count {
                let offset = cursor.reader.offset - documents.offset, before = cursor.ordinal
                guard let (ordinal, occurrences) = cursor.next() else { throw malformed() }
                builder.add(offset: offset, ordinalBefore: before, occurrences: occurrences, length: Int(lengths[Int(ordinal) - 1]))
            }
            guard cursor.reader.isAtEnd else { throw malformed() }
            return builder.blocks
        }
        return BlockedUnion(count: count, blockSize: size, blocks: blocks, documents: documents, documentCount: documentCount)
    }

    /// `talksearch check`: the prefixes are the ones the dictionary's terms give
    /// (``PrefixUnions/plan(termCount:documentCount:term:listLength:)``) and each union is the union
    /// of its terms' lists.
    func checkPrefixUnions() throws(IndexFileError) {
        guard let table = try prefixTable() else { return }
        let name = Section.prefixes.name
        do {
            let plan = try PrefixUnions.plan(termCount: meta.termCount, documentCount: meta.documentCount,
                                             term: { index in Array(try term(at: index)) }, listLength: documentFrequency(at:))
            guard plan.count == table.count, plan.indices.allSatisfy({ plan[$0].bytes.elementsEqual(table.prefix($0)) && plan[$0].terms == table.terms[$0] })
            else { throw IndexFileError(file: path, section: name, reason: "the prefixes are not those of the dictionary") }
        } catch let error as IndexFileError {
            throw error
        } catch {
            throw IndexFileError(file: path, section: name, reason: "\(error)")
        }
        var counts = [Int32](repeating: 0, count: meta.documentCount + 1)
        for slot in 0..<table.count {
            guard let union = try prefixUnion(Array(table.prefix(slot)), terms: table.terms[slot]) else { continue }
            try counts.withUnsafeMutableBufferPointer { counts throws(IndexFileError) in
                _ = try addCounts(of: table.terms[slot], into: counts)
                var matches = true
                for position in 0..<union.count {
                    let ordinal = Int(union.documents[position])
                    if counts[ordinal] != union.occurrences(at: position) { matches = false }
                    counts[ordinal] = 0
                }
                // Every count the terms gave was one of the union's (now 0).
                if !matches || counts.contains(where: { $0 != 0 }) {
                    for index in counts.indices { counts[index] = 0 }
                    throw IndexFileError(file: path, section: Section.prefixUnions.name,
                                         reason: "union \(slot) is not the union of its terms' lists")
                }
            }
        }
    }

    /// `varint P`, then per prefix `bytes prefix, varint first-term-delta, varint term-count, varint
    /// union-length`: prefixes strictly ascending, each of at most ``PrefixUnions/maximumLength``
    /// bytes, term ranges within the dictionary, union lengths adding up to section 16's length.
    private func decodePrefixes() throws(IndexFileError) -> PrefixTable {
        guard let unionsInfo = sections[.prefixUnions] else {
            throw IndexFileError(file: path, section: Section.prefixUnions.name, reason: "missing beside the prefixes")
        }
        var reader = try wholeSection(.prefixes)
        var arena: [UInt8] = [], starts = [0], terms: [Range<Int>] = [], offsets = [0]
        func read() -> Bool {
            guard let count = try? reader.int(), count <= reader.end - reader.offset else { return false }
            var first = 0
            for slot in 0..<count {
                guard let prefix = try? reader.data(), !prefix.isEmpty, prefix.count <= PrefixUnions.maximumLength,
                      let delta = try? reader.int(), let termCount = try? reader.int(), let length = try? reader.int(),
                      termCount > 0, first + delta <= meta.termCount - termCount, length <= unionsInfo.length - offsets[slot] else { return false }
                if slot > 0 {
                    guard arena[starts[slot - 1]..<starts[slot]].lexicographicallyPrecedes(prefix) else { return false }
                }
                arena += prefix
                starts.append(arena.count)
                first += delta
                terms.append(first..<(first + termCount))
                offsets.append(offsets[slot] + length)
            }
            return reader.isAtEnd && offsets[offsets.count - 1] == unionsInfo.length
        }
        guard read() else { throw IndexFileError(file: path, section: Section.prefixes.name, reason: "malformed") }
        return PrefixTable(arena: arena, starts: starts, terms: terms, unionOffsets: offsets)
    }
}

/// A stored union's documents with their blocks (``MappedIndexFile/blockedUnion(_:terms:)``): a
/// reader of any block's documents.
struct BlockedUnion {
    /// The union's length (n, the prefix's document frequency).
    let count: Int
    let blockSize: Int
    let blocks: TermBlocks
    /// The union's documents, after its count, verified.
    let documents: ByteReader
    let documentCount: Int

    /// The documents of block `block`, in order.
    func cursor(ofBlock block: Int) -> PrefixUnions.Cursor {
        let start = documents.offset + Int(blocks.offsets[block])
        let end = block + 1 < blocks.count ? documents.offset + Int(blocks.offsets[block + 1]) : documents.end
        return PrefixUnions.Cursor(reader: ByteReader(documents.base, from: start, to: end), ordinal: Int(blocks.ordinalsBefore[block]),
                                   remaining: block + 1 < blocks.count ? blockSize : count - blockSize * (blocks.count - 1),
                                   documentCount: documentCount)
    }
}
