/// Section 17 decoded (docs/FORMAT.md): which columns have lists (``ColumnLists``), and per such column
/// the terms that occur in it with where their lists are in section 18.
struct ColumnListTable: Sendable {
    /// The columns with lists, ascending.
    let columns: [Int]
    /// Per listed column (by its slot in `columns`), the dictionary indices with a list, ascending.
    let terms: [[Int32]]
    /// Per listed column, where each of those lists starts in section 18 and where it ends.
    let starts: [[Int]]
    let ends: [[Int]]

    /// The slot of `column` in `columns`, nil when it has no lists.
    func slot(of column: Int) -> Int? { columns.firstIndex(of: column) }

    /// The bytes of term `index`'s list in the column of `slot` (section-relative), nil when the term
    /// does not occur there.
    func list(ofTerm index: Int, slot: Int) -> Range<Int>? {
        let terms = terms[slot]
        let position = partitionPoint(0..<terms.count) { Int(terms[$0]) < index }
        guard position < terms.count, Int(terms[position]) == index else { return nil }
        return starts[slot][position]..<ends[slot][position]
    }
}

extension MappedIndexFile {
    /// The column terms section, verified and decoded on first use; nil for a file without it.
    func columnListTable() throws(IndexFileError) -> ColumnListTable? {
        guard sections[.columnTerms] != nil else { return nil }
        return try columnListCache.get(decodeColumnTerms)
    }

    /// Term `index`'s list in `column` with its blocks of ``IndexFileFormat/termBlockSize`` documents
    /// (``TermBlocks``: the lowest bm25 of each block's documents for a one-term phrase at column
    /// weight 1 with n = the list's length, made on the list's first use and kept with the file, as
    /// a stored union's are): the bounds of `title: python` alone. Nil when the file has no lists for
    /// the column or the list holds fewer than ``IndexFileFormat/termBlocksMinimum`` documents.
    func blockedColumnList(ofTerm index: Int, column: Int) throws(IndexFileError) -> BlockedUnion? {
        guard let table = try columnListTable(), let slot = table.slot(of: column), let range = table.list(ofTerm: index, slot: slot) else {
            return nil
        }
        try verify(.columnPostings, range: range)
        let offset = sections[.columnPostings]!.offset
        return try blocked(ByteReader(bytes, from: offset + range.lowerBound, to: offset + range.upperBound),
                           minimum: IndexFileFormat.termBlocksMinimum, cache: columnBlockCache, key: index * ColumnLists.maximumColumns + slot,
                           malformed: IndexFileError(file: path, section: Section.columnPostings.name,
                                                     reason: "the list of term \(index) in column \(column) is malformed"))
    }

    /// Term `index`'s list in `column`, decoded (its documents and their counts in the column), an
    /// empty list when the term does not occur there; nil when the file has no lists for the column.
    func columnList(ofTerm index: Int, column: Int) throws(IndexFileError) -> PostingList? {
        guard let table = try columnListTable(), let slot = table.slot(of: column) else { return nil }
        guard let range = table.list(ofTerm: index, slot: slot) else { return PostingList() }
        try verify(.columnPostings, range: range)
        let offset = sections[.columnPostings]!.offset
        do throws(PrefixUnions.Malformed) {
            return try PrefixUnions.decode(ByteReader(bytes, from: offset + range.lowerBound, to: offset + range.upperBound),
                                           documentCount: meta.documentCount)
        } catch {
            throw IndexFileError(file: path, section: Section.columnPostings.name,
                                 reason: "the list of term \(index) in column \(column) is malformed")
        }
    }

    /// `talksearch check`: the listed columns are the ones the column totals give
    /// (``ColumnLists/columns(totals:totalTokens:)``) and every list is the one the term's postings
    /// give (``ColumnLists/Splitter``), no term with a position in a listed column left without one.
    func checkColumnLists() throws(IndexFileError) {
        guard let table = try columnListTable() else { return }
        let name = Section.columnTerms.name
        guard table.columns == ColumnLists.columns(totals: summedColumnTotals(), totalTokens: meta.totalTokens) else {
            throw IndexFileError(file: path, section: name, reason: "the listed columns are not those of the column totals")
        }
        var splitter = ColumnLists.Splitter(columns: table.columns, columnCount: meta.columns.count, documentCount: meta.documentCount)
        let offset = sections[.columnPostings]!.offset
        for term in 0..<meta.termCount {
            let range = try postingRange(at: term)
            guard let split = try? splitter.split(UnsafeRawBufferPointer(rebasing: bytes[range])) else {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(term) is malformed")
            }
            var start = 0, listed = 0
            for slot in table.columns.indices {
                let stored = table.list(ofTerm: term, slot: slot)
                guard split.mask & (1 << slot) != 0 else {
                    guard stored == nil else {
                        throw IndexFileError(file: path, section: name, reason: "term \(term) has a list in column \(table.columns[slot]) where it does not occur")
                    }
                    continue
                }
                let length = split.lengths[listed]
                defer { start += length; listed += 1 }
                guard let stored else {
                    throw IndexFileError(file: path, section: name, reason: "term \(term) has no list in column \(table.columns[slot])")
                }
                try verify(.columnPostings, range: stored)
                guard stored.count == length,
                      UnsafeRawBufferPointer(rebasing: bytes[(offset + stored.lowerBound)..<(offset + stored.upperBound)])
                          .elementsEqual(split.bytes[start..<(start + length)]) else {
                    throw IndexFileError(file: path, section: Section.columnPostings.name,
                                         reason: "the list of term \(term) in column \(table.columns[slot]) does not match its postings")
                }
            }
        }
    }

    /// `varint K, varint column{K}, varint E`, then per entry `varint term-delta, varint mask, varint
    /// list-length{popcount(mask)}`: columns strictly ascending below C, at most
    /// ``ColumnLists/maximumColumns``; terms strictly ascending below T (the first delta from 0, later
    /// ones > 0); masks non-zero within K bits; the lengths (each at least one byte) laid end to end
    /// fill section 18 exactly.
    ///
    /// Decoded in one pass into flat arrays (each (entry, column) pair's slot, term and list length;
    /// at most one per byte of the section, since each length takes a byte), then split by column at
    /// the sizes counted: appending to an array per column, three arrays of arrays, cost about 260
    /// instructions per entry (pyvideo: 8.2M of a process's first `title:` query, callgrind).
    private func decodeColumnTerms() throws(IndexFileError) -> ColumnListTable {
        guard let postings = sections[.columnPostings] else {
            throw IndexFileError(file: path, section: Section.columnPostings.name, reason: "missing beside the column terms")
        }
        let malformed = IndexFileError(file: path, section: Section.columnTerms.name, reason: "malformed")
        var reader = try wholeSection(.columnTerms)
        guard let count = try? reader.int(), count <= ColumnLists.maximumColumns, count <= meta.columns.count else { throw malformed }
        var columns: [Int] = []
        for _ in 0..<count {
            guard let column = try? reader.int(), meta.columns.count > column, column > (columns.last ?? -1) else { throw malformed }
            columns.append(column)
        }
        guard let entries = try? reader.int(), entries <= meta.termCount, meta.termCount <= Int(Int32.max) else { throw malformed }
        // Every (entry, column) pair has a length of at least one byte in what is left.
        let bound = reader.end - reader.offset, capacity = max(bound, 1)  // a buffer of one at least has an address
        var pairs = 0, complete = false
        var slotOf: [UInt8] = [], termOf: [Int32] = []
        let lengthOf = [Int](unsafeUninitializedCapacity: capacity) { lengths, lengthsCount in
            slotOf = [UInt8](unsafeUninitializedCapacity: capacity) { slots, slotsCount in
                termOf = [Int32](unsafeUninitializedCapacity: capacity) { terms, termsCount in
                    (pairs, complete) = Self.readColumnEntries(&reader, entries: entries, columns: count, termCount: meta.termCount,
                                                               postingsLength: postings.length, bound: bound, slots: slots.baseAddress!,
                                                               terms: terms.baseAddress!, lengths: lengths.baseAddress!)
                    termsCount = pairs
                }
                slotsCount = pairs
            }
            lengthsCount = pairs
        }
        guard complete else { throw malformed }
        // Split by column, in entry order (terms ascending within each), each list's start the sum of
        // the lengths before it in the section.
        var perSlot = [Int](repeating: 0, count: count)
        for pair in 0..<pairs { perSlot[Int(slotOf[pair])] += 1 }
        var terms: [[Int32]] = [], starts: [[Int]] = [], ends: [[Int]] = []
        for slot in 0..<count {
            var columnStarts: [Int] = [], columnEnds: [Int] = []
            let columnTerms = [Int32](unsafeUninitializedCapacity: perSlot[slot]) { columnTerms, termsCount in
                columnStarts = [Int](unsafeUninitializedCapacity: perSlot[slot]) { columnStarts, startsCount in
                    columnEnds = [Int](unsafeUninitializedCapacity: perSlot[slot]) { columnEnds, endsCount in
                        var at = 0, offset = 0
                        for pair in 0..<pairs {
                            let length = lengthOf[pair]
                            if Int(slotOf[pair]) == slot {
                                columnTerms[at] = termOf[pair]
                                columnStarts[at] = offset
                                columnEnds[at] = offset + length
                                at += 1
                            }
                            offset += length
                        }
                        (termsCount, startsCount, endsCount) = (at, at, at)
                    }
                }
            }
            terms.append(columnTerms)
            starts.append(columnStarts)
            ends.append(columnEnds)
        }
        return ColumnListTable(columns: columns, terms: terms, starts: starts, ends: ends)
    }

    /// ``decodeColumnTerms()``'s loop over the `entries` entries: writes each (entry, column) pair's
    /// column slot, term and list length at `slots`, `terms` and `lengths` (room for `bound`), and
    /// returns how many it wrote and whether every entry was read within the rules and the lengths
    /// fill the column postings (`postingsLength` bytes) exactly, with the reader then at its end.
    /// A function of its own so that its state stays in registers (in the closures that hold the
    /// buffers, the reader and counts were captured variables, read and written in memory).
    private static func readColumnEntries(_ reader: inout ByteReader, entries: Int, columns: Int, termCount: Int, postingsLength: Int,
                                          bound: Int, slots: UnsafeMutablePointer<UInt8>, terms: UnsafeMutablePointer<Int32>,
                                          lengths: UnsafeMutablePointer<Int>) -> (pairs: Int, complete: Bool) {
        var term = 0, offset = 0, pairs = 0
        do throws(ByteReader.Overrun) {
            for entry in 0..<entries {
                let delta = try reader.int(), mask = try reader.int()
                guard entry == 0 || delta > 0, delta < termCount - term, mask > 0, mask >> columns == 0 else { return (pairs, false) }
                term += delta
                var bits = mask
                while bits != 0 {
                    let slot = bits.trailingZeroBitCount
                    bits &= bits - 1
                    let length = try reader.int()
                    guard length > 0, length <= postingsLength - offset, pairs < bound else { return (pairs, false) }
                    slots[pairs] = UInt8(truncatingIfNeeded: slot)
                    terms[pairs] = Int32(truncatingIfNeeded: term)
                    lengths[pairs] = length
                    offset += length
                    pairs += 1
                }
            }
        } catch {
            return (pairs, false)
        }
        return (pairs, reader.isAtEnd && offset == postingsLength)
    }
}
