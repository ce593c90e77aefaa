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
    private func decodeColumnTerms() throws(IndexFileError) -> ColumnListTable {
        guard let postings = sections[.columnPostings] else {
            throw IndexFileError(file: path, section: Section.columnPostings.name, reason: "missing beside the column terms")
        }
        var reader = try wholeSection(.columnTerms)
        var columns: [Int] = [], terms: [[Int32]] = [], starts: [[Int]] = [], ends: [[Int]] = []
        func read() -> Bool {
            guard let count = try? reader.int(), count <= ColumnLists.maximumColumns, count <= meta.columns.count else { return false }
            for _ in 0..<count {
                guard let column = try? reader.int(), meta.columns.count > column, column > (columns.last ?? -1) else { return false }
                columns.append(column)
            }
            terms = Array(repeating: [], count: count)
            starts = terms.map { _ in [] }
            ends = starts
            guard let entries = try? reader.int(), entries <= meta.termCount else { return false }
            var term = 0, offset = 0
            for entry in 0..<entries {
                guard let delta = try? reader.int(), let mask = try? reader.int(), entry == 0 || delta > 0,
                      delta < meta.termCount - term, mask > 0, mask >> count == 0 else { return false }
                term += delta
                for slot in 0..<count where mask & (1 << slot) != 0 {
                    guard let length = try? reader.int(), length > 0, length <= postings.length - offset else { return false }
                    terms[slot].append(Int32(term))
                    starts[slot].append(offset)
                    offset += length
                    ends[slot].append(offset)
                }
            }
            return reader.isAtEnd && offset == postings.length
        }
        guard read() else { throw IndexFileError(file: path, section: Section.columnTerms.name, reason: "malformed") }
        return ColumnListTable(columns: columns, terms: terms, starts: starts, ends: ends)
    }
}
