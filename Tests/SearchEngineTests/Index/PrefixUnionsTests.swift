import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// Prefix unions (sections 15 and 16): which prefixes a file keeps the union of, that each is its
/// terms' union exactly, that queries answer from them as from the terms' lists, and that `check`
/// names a union that is not its terms' union.
@Suite struct PrefixUnionsTests {
    /// The prefixes chosen from a dictionary: at least 3 terms, N / 8 postings, at most 8 bytes, and
    /// never ending inside a UTF-8 character.
    @Test func thePlanKeepsPrefixesOfManyTermsAndPostingsAtCharacterBoundaries() {
        let terms = ["ab", "abc", "abd", "abda", "b", "caf\u{E9}", "caf\u{E9}s", "caf\u{E8}", "x", "xy"].map { Array($0.utf8) }.sorted {
            $0.lexicographicallyPrecedes($1)
        }
        let plan = PrefixUnions.plan(termCount: terms.count, documentCount: 80, term: { terms[$0] }, listLength: { _ in 4 })
        func range(_ prefix: String) -> Range<Int> {
            let first = terms.firstIndex { $0.starts(with: Array(prefix.utf8)) }!
            return first..<(terms.lastIndex { $0.starts(with: Array(prefix.utf8)) }! + 1)
        }
        // N / 8 = 10 postings: 3 terms of 4 documents. "ab" (4 terms), "a" likewise; "abd" has 2 terms;
        // "caf" and "ca", "c" have 3; "caf" + the first byte of é or è has 2 (and ends inside a character).
        let expected = ["a", "ab", "c", "ca", "caf"].map { PrefixUnions.Prefix(bytes: Array($0.utf8), terms: range($0)) }
        #expect(plan == expected)
        // With more documents, 12 postings are too few.
        #expect(PrefixUnions.plan(termCount: terms.count, documentCount: 100 * 8, term: { terms[$0] }, listLength: { _ in 4 }).isEmpty)
        // A prefix longer than the maximum is never kept.
        let long = (0..<4).map { Array("abcdefghij\($0)".utf8) }
        let longPlan = PrefixUnions.plan(termCount: long.count, documentCount: 8, term: { long[$0] }, listLength: { _ in 1 })
        #expect(longPlan.map(\.bytes.count) == Array(1...PrefixUnions.maximumLength))
    }

    static func file(in directory: TemporaryDirectory) throws -> (memory: InvertedIndex, file: InvertedIndex, path: String) {
        let memory = try PrefixUnionTests.index(seed: 5, count: 300)
        let path = directory.file("unions.tsidx")
        try memory.write(to: path)
        return (memory, try InvertedIndex.open(path: path), path)
    }

    @Test(arguments: ["i", "in", "ins", "inst", "insi", "insta", "o"])
    func eachKeptUnionIsItsTermsUnion(prefix: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (memory, file, _) = try Self.file(in: directory)
        let mapped = try DocumentFramesTests.mapped(file)
        let bytes = Array(prefix.utf8)
        let range = try file.terms(withPrefix: bytes)
        let kept = try #require(try mapped.prefixTable()).slot(of: bytes) != nil
        // "o" is one term ("other"); the others have 3 terms or more and hundreds of postings.
        #expect(kept == (range.count >= 3), "\(prefix)")
        let union = try mapped.prefixUnion(bytes, terms: range)
        #expect((union != nil) == kept)
        if let union {
            let expected = try PrefixUnionTests.expected(memory, prefix: prefix)
            #expect(PrefixUnionTests.pairs(union).map(\.0) == expected.map(\.0))
            #expect(PrefixUnionTests.pairs(union).map(\.1) == expected.map(\.1))
        }
        // Queries that read the union answer as the in-memory index does (which has none).
        let fromFile = try EngineBackend(index: file), inMemory = try EngineBackend(index: memory)
        for query in ["\(prefix)*", "other \(prefix)*", "other OR \(prefix)*", "\(prefix)* NOT other", "title: \(prefix)*"] {
            for limit in [3, 400] {
                #expect(try fromFile.search(query, options: SearchOptions(limit: limit)) == inMemory.search(query, options: SearchOptions(limit: limit)),
                        "\(query) top \(limit)")
            }
        }
        try file.verifyChecksums()
    }

    /// A union whose checksums hold but whose counts are not its terms' (a file written wrongly):
    /// `check` names the section; a union cut short is malformed when read.
    @Test func aUnionThatIsNotItsTermsUnionIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, file, path) = try Self.file(in: directory)
        let table = try #require(try DocumentFramesTests.mapped(file).prefixTable())
        #expect(table.count > 0)
        // The first union's first written count (a document holding the prefix twice or more), one
        // more: same length, same checksums once resealed, not the terms' union.
        let first = Array(table.prefix(0)), terms = table.terms[0]
        let before = try #require(try DocumentFramesTests.mapped(file).prefixUnion(first, terms: terms))
        #expect((0..<before.count).contains { before.occurrences(at: $0) >= 2 })
        try DocumentFramesTests.changed(path, section: .prefixUnions) { bytes, section in
            var offset = section.lowerBound
            func varint() -> Int {
                var value = 0, shift = 0
                while true {
                    let byte = bytes[offset]
                    offset += 1
                    value |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
            }
            _ = varint()
            while true {
                if varint() & 1 == 1 { continue }
                if bytes[offset] < 0x7F {
                    bytes[offset] += 1
                    return
                }
                _ = varint()
            }
        }
        let damaged = try InvertedIndex.open(path: path)
        #expect(throws: IndexFileError(file: path, section: "prefix unions", reason: "union 0 is not the union of its terms' lists")) {
            try damaged.verifyChecksums()
        }
        try DocumentFramesTests.changed(path, section: .prefixUnions) { bytes, section in
            bytes[section.lowerBound] = 0x7F
        }
        let cut = try InvertedIndex.open(path: path)
        #expect(throws: IndexFileError(file: path, section: "prefix unions", reason: "union 0 is malformed")) {
            _ = try DocumentFramesTests.mapped(cut).prefixUnion(first, terms: terms)
        }
    }
}
