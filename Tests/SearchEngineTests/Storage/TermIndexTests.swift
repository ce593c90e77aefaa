import Foundation
@testable import SearchEngine
import Testing
import TestSupport

/// The term index (every 32nd term, docs/FORMAT.md section 13): lookups through it find what a binary
/// search of the whole dictionary finds, a file without it still reads, and one that is not its
/// dictionary's is named.
struct TermIndexTests {
    /// The file again, its term index entry renamed to an unknown kind (as a file written before the
    /// section existed reads: readers skip unknown kinds).
    static func withoutTermIndex(_ path: String) throws {
        try DocumentFramesTests.changed(path, section: .termIndex) { bytes, _ in
            let count = (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
            for section in 0..<count {
                let entry = IndexFileFormat.headerSize + section * IndexFileFormat.sectionEntrySize
                if bytes[entry] == UInt8(IndexFileFormat.Section.termIndex.rawValue) && bytes[entry + 1] == 0 { bytes[entry] = 99 }
            }
        }
    }

    /// Keys around every term: itself, one byte more or less, its prefixes, and keys outside the
    /// dictionary at both ends.
    static func keys(_ index: InvertedIndex) throws -> [[UInt8]] {
        var keys: [[UInt8]] = [[], [0x00], [0xFF, 0xFF]]
        for slot in 0..<index.termCount {
            let term = try index.term(at: slot).term
            keys.append(term)
            keys.append(term + [0x00])
            keys.append(Array(term.dropLast()))
            keys.append(Array(term.prefix(2)))
            if let last = term.last, last > 0 { keys.append(term.dropLast() + [last - 1, 0xFF]) }
        }
        return keys
    }

    @Test func lookupsAgreeWithAndWithoutTheTermIndex() throws {
        let (directory, path, memory) = try IndexFileTests.written()
        defer { directory.remove() }
        let plainPath = directory.file("plain.tsidx")
        try FileManager.default.copyItem(atPath: path, toPath: plainPath)
        try Self.withoutTermIndex(plainPath)
        let sampled = try DocumentFramesTests.mapped(InvertedIndex.open(path: path))
        let plain = try DocumentFramesTests.mapped(InvertedIndex.open(path: plainPath))
        let termIndex = try #require(sampled.sampledTerms)
        #expect(plain.sampledTerms == nil)
        // More than one sample, and a last stretch shorter than the step: every boundary case occurs.
        #expect(termIndex.count > 2 && memory.index.termCount % termIndex.step != 0, "\(memory.index.termCount) terms")
        for key in try Self.keys(memory.index) {
            let expected = try plain.lowerBound(key)
            #expect(try sampled.lowerBound(key) == expected, "\(key)")
            #expect(try sampled.termIndex(key) == plain.termIndex(key), "\(key)")
            #expect(try sampled.prefixRange(key) == plain.prefixRange(key), "\(key)")
        }
        #expect(try InvertedIndex.open(path: plainPath).checkInvariants() == [])
        try InvertedIndex.open(path: plainPath).verifyChecksums()
        try InvertedIndex.open(path: path).verifyChecksums()
    }

    @Test func aTermIndexThatIsNotItsDictionarysIsNamed() throws {
        let (directory, path, _) = try IndexFileTests.written()
        defer { directory.remove() }
        // The last byte of the last sampled term, one higher: still ascending, no longer the dictionary's.
        try DocumentFramesTests.changed(path, section: .termIndex) { bytes, section in bytes[section.upperBound - 1] &+= 1 }
        let index = try InvertedIndex.open(path: path)
        let error = try #require(throws: IndexFileError.self) { try index.verifyChecksums() }
        #expect(error.section == "term index" && error.reason.hasPrefix("term "), "\(error)")
        // One that is not even ascending or of the right count is refused at open.
        try DocumentFramesTests.changed(path, section: .termIndex) { bytes, section in bytes[section.lowerBound + 1] &+= 1 }
        let refused = try #require(throws: IndexFileError.self) { try InvertedIndex.open(path: path) }
        #expect(refused.section == "term index", "\(refused)")
    }
}
