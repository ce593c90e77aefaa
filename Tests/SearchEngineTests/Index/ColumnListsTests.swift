import Foundation
import Testing
import TestSupport
@testable import SearchEngine

/// The short columns' lists (sections 17 and 18): which columns have them, that each is exactly its
/// term's positions in the column counted per document, and that `check` and the decoder refuse lists
/// and tables that are not (written wrongly, checksums intact). That queries read from them give the
/// scan of the decoded list bit for bit is PhraseScanOneTermTests' (its file holds these lists).
struct ColumnListsTests {
    @Test func aColumnHasListsWhenItHoldsAtMostAQuarterOfTheTokens() {
        #expect(ColumnLists.columns(totals: [8, 3, 89], totalTokens: 100) == [0, 1])
        #expect(ColumnLists.columns(totals: [25, 75], totalTokens: 100) == [0])
        #expect(ColumnLists.columns(totals: [26, 74], totalTokens: 100) == [])
        #expect(ColumnLists.columns(totals: [0, 10, 90], totalTokens: 100) == [1])
        #expect(ColumnLists.columns(totals: [100], totalTokens: 100) == [])
        #expect(ColumnLists.columns(totals: [0, 0], totalTokens: 0) == [])
        #expect(ColumnLists.columns(totals: Array(repeating: 1, count: 40), totalTokens: 40) == Array(0..<32))
    }

    /// Term `term`'s documents with a position in `column` and how many, from its decoded positions.
    static func expected(_ index: InvertedIndex, term: [UInt8], column: Int) throws -> (documents: [Int32], counts: [Int32]) {
        let list = try #require(try index.postings(for: term, detail: .positions))
        var documents: [Int32] = [], counts: [Int32] = []
        for slot in 0..<list.count {
            let count = list.positions(at: slot).filter { Positions.column($0) == column }.count
            if count > 0 {
                documents.append(list.documents[slot])
                counts.append(Int32(count))
            }
        }
        return (documents, counts)
    }

    @Test func everyListIsItsTermsPositionsInTheColumn() throws {
        let (directory, file, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        let mapped = try DocumentFramesTests.mapped(file.index)
        // Titles of 1-6 words and speakers of 2 beside descriptions of ~57: both short columns are listed.
        #expect(try mapped.columnListTable()?.columns == [0, 1])
        var listed = 0
        for slot in 0..<memory.index.termCount {
            let term = try memory.index.term(at: slot).term
            for column in 0..<2 {
                let list = try #require(try mapped.columnList(ofTerm: slot, column: column))
                let (documents, counts) = try Self.expected(memory.index, term: term, column: column)
                #expect(list.documents == documents && (0..<list.count).map { list.occurrences(at: $0) } == counts,
                        "\(String(decoding: term, as: UTF8.self)) column \(column)")
                if !documents.isEmpty { listed += 1 }
            }
            #expect(try mapped.columnList(ofTerm: slot, column: 2) == nil)
        }
        // The title's three words and the speakers' word and eleven numbers.
        #expect(listed == 15, "\(listed) lists")
        try file.index.verifyChecksums()
    }

    /// Column filters read from the lists (one leaf by its blocks, an OR with such a leaf as a union
    /// of counts with its blocks' bounds) rank exactly as the index in memory, which has no lists and
    /// scans the postings' positions, at every limit.
    @Test func columnFiltersReadByBlocksRankAsTheScanOfThePostings() throws {
        let (directory, file, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        // Each title word is in about half the 3,000 titles: lists of blocks.
        for word in ["alpha", "alpine", "also"] {
            #expect(try file.index.blockedColumnList(for: Array(word.utf8), column: 0) != nil)
            #expect(try memory.index.blockedColumnList(for: Array(word.utf8), column: 0) == nil)
        }
        #expect(try file.index.blockedColumnList(for: Array("zeta".utf8), column: 0) == nil)
        let queries = ["title: alpha", "title: also", "speakers: speaker", "speakers: 3", "title: zeta", "{title speakers}: alpha",
                       "title: alpha OR title: also", "title: alpha OR description: \"zeta zeta\"", "title: alpine OR zeta",
                       "title: alpha OR speakers: 3", "title: alpha OR description: zeta OR title: also", "title: alpha OR title: absent",
                       "speakers: speaker OR title: alpine"]
        for query in queries {
            for limit in [1, 3, 10, 64, 500, 3000] {
                let options = SearchOptions(limit: limit)
                #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query) limit \(limit)")
            }
            let weighted = SearchOptions(limit: 10, weights: ColumnWeights([2, 0.5, 1]))
            #expect(try file.search(query, options: weighted) == memory.search(query, options: weighted), "\(query) weighted")
        }
    }

    /// A list changed and resealed (its checksums made to fit) is found by `check`, and a table that
    /// breaks the grammar is refused where it is decoded, naming the section.
    @Test func listsAndTablesWrittenWronglyAreRefused() throws {
        let (directory, file, _) = try TermBlocksTests.written()
        defer { directory.remove() }
        let path = directory.file("engine.tsidx")
        let table = try #require(try DocumentFramesTests.mapped(file.index).columnListTable())
        let first = try #require(table.list(ofTerm: Int(table.terms[0][0]), slot: 0))
        let documents = try #require(try DocumentFramesTests.mapped(file.index).columnList(ofTerm: Int(table.terms[0][0]), column: 0)).count
        // The first document of the first list one ordinal later (its delta's bits above the flag),
        // after the list's document count.
        try DocumentFramesTests.changed(path, section: .columnPostings) { bytes, section in
            let at = section.lowerBound + first.lowerBound + (documents < 128 ? 1 : documents < 16384 ? 2 : 3)
            #expect(bytes[at] & 0x7F < 0x7E)
            bytes[at] = bytes[at] &+ 2
        }
        let changed = try InvertedIndex.open(path: path)
        let error = try #require(throws: IndexFileError.self) { try changed.verifyChecksums() }
        #expect(error.section == "column postings" && error.reason.hasSuffix("does not match its postings"), "\(error)")

        let (second, secondFile, _) = try TermBlocksTests.written()
        defer { second.remove() }
        _ = secondFile
        let secondPath = second.file("engine.tsidx")
        // Three listed columns where the table has two: the entry count is read as a third column, past the schema.
        try DocumentFramesTests.changed(secondPath, section: .columnTerms) { bytes, section in bytes[section.lowerBound] = 3 }
        let malformed = try InvertedIndex.open(path: secondPath)
        #expect(throws: IndexFileError(file: secondPath, section: "column terms", reason: "malformed")) {
            try malformed.scanOneTerm(Array("alpha".utf8), allowed: [true, false, false], weights: [1, 1, 1])
        }
    }

    /// One-byte changes of the column terms table (section 17): each is read as some table whose
    /// lists lie within section 18, or refused as malformed; never a trap or a list out of bounds.
    @Test func everyOneByteChangeOfTheTableIsReadWithinBoundsOrRefused() throws {
        let (directory, file, _) = try TermBlocksTests.written()
        defer { directory.remove() }
        let path = directory.file("engine.tsidx")
        let mapped = try DocumentFramesTests.mapped(file.index)
        let table = try #require(mapped.sections[.columnTerms]), postings = try #require(mapped.sections[.columnPostings])
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let changedPath = directory.file("changed.tsidx")
        var refused = 0, read = 0
        for at in table.offset..<(table.offset + min(table.length, 150)) {
            for value: UInt8 in [0, 1, 0x7F, 0x80] where original[at] != value {
                var bytes = original
                bytes[at] = value
                try? FileManager.default.removeItem(atPath: changedPath)
                try Data(DocumentFramesTests.resealed(bytes)).write(to: URL(fileURLWithPath: changedPath))
                let changed = try DocumentFramesTests.mapped(InvertedIndex.open(path: changedPath))
                let decoded: ColumnListTable?
                do throws(IndexFileError) {
                    decoded = try changed.columnListTable()
                } catch {
                    #expect(error.section == "column terms" && error.reason == "malformed", "\(error)")
                    refused += 1
                    continue
                }
                let lists = try #require(decoded)
                for slot in lists.columns.indices {
                    #expect(lists.terms[slot].count == lists.starts[slot].count && lists.starts[slot].count == lists.ends[slot].count)
                    for (start, end) in zip(lists.starts[slot], lists.ends[slot]) { #expect(0 <= start && start < end && end <= postings.length) }
                    #expect(zip(lists.terms[slot], lists.terms[slot].dropFirst()).allSatisfy { $0 < $1 })
                }
                read += 1
            }
        }
        #expect(refused > 0 && read + refused > 100)
    }

    @Test func theSplitterRefusesPostingsCutShort() throws {
        let (directory, _, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        let index = memory.index
        var splitter = ColumnLists.Splitter(columns: [0, 1], columnCount: 3, documentCount: index.documentCount)
        for slot in 0..<index.termCount {
            let bytes = Array(try index.encodedPostings(at: slot))
            #expect(throws: PostingCodec.Malformed.self) { try bytes.dropLast().withUnsafeBytes { try splitter.split($0) } }
            let whole = try bytes.withUnsafeBytes { try splitter.split($0) }
            #expect(whole.lengths.count == whole.mask.nonzeroBitCount && whole.lengths.reduce(0, +) == whole.bytes.count)
        }
    }
}
