import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// The index file: a written index reads back identically, and every kind of damage is a clear error
/// naming the file and section — never a crash or a wrong answer.
@Suite struct IndexFileTests {
    static let documents: [IndexedDocument] = (1...400).map { number in
        IndexedDocument(id: "doc-\(number)", columns: [
            "Talk \(number) about deep learning and Poincaré maps",
            "Speaker \(number % 17)",
            String(repeating: "robust networks generalise \(number) times; ", count: number % 9 + 1),
        ], stored: number % 3 == 0 ? nil : "{\"number\":\(number)}",
        keywords: [["Event \(number % 5)"], ["\(2010 + number % 12)"], number % 4 == 0 ? [] : ["tag\(number % 3)", "tag\(number % 7)"]])
    }

    static let keywordFields = ["event", "year", "tag"]

    static func written() throws -> (TemporaryDirectory, String, EngineBackend) {
        let directory = try TemporaryDirectory()
        let engine = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["title", "speakers", "description"]),
                                       tokenizer: .porter, keywordFields: keywordFields)
        let path = directory.file("engine.tsidx")
        try engine.index.write(to: path)
        return (directory, path, engine)
    }

    @Test func aWrittenIndexAnswersExactlyAsTheOneInMemory() throws {
        let (directory, path, memory) = try Self.written()
        defer { directory.remove() }
        let file = try EngineBackend(index: InvertedIndex.open(path: path))
        #expect(file.index.documentCount == 400 && file.index.termCount == memory.index.termCount)
        #expect(file.index.tokenizer == .porter)
        #expect(file.index.checkInvariants() == [])
        try file.index.verifyChecksums()
        for query in ["deep", "learn*", "\"robust networks\"", "NEAR(talk maps, 5)", "speakers:3 OR speaker", "poincare NOT 12", "title:^talk"] {
            var options = SearchOptions(limit: 50, weights: ColumnWeights([3, 2, 1]))
            options.highlight = HighlightMarkers(open: "[", close: "]")
            options.highlightColumns = [0, 2]
            #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query)")
            options.filters = [KeywordCondition(field: "year", test: .between(lower: "2013", upper: "2018")),
                               KeywordCondition(field: "tag", test: .anyOf(["tag1", "tag5"]))]
            options.facets = Self.keywordFields.map { FacetRequest(field: $0, limit: 3) }
            options.offset = 2
            #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query) filtered")
        }
        #expect(try file.index.keywordFields() == memory.index.keywordFields())
    }

    func damaged(_ mutate: (inout [UInt8]) -> Void) throws -> (TemporaryDirectory, String) {
        let (directory, path, _) = try Self.written()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        mutate(&bytes)
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    @Test func wrongMagicAndFutureVersionsAreRefused() throws {
        let (first, foreign) = try damaged { $0[0] = UInt8(ascii: "X") }
        defer { first.remove() }
        #expect(throws: IndexFileError(file: foreign, section: "header", reason: "not a TalkSearch index file (wrong magic)")) {
            try InvertedIndex.open(path: foreign)
        }
        let (second, future) = try damaged { bytes in
            bytes[8] = 8
            var header = Array(bytes[0..<20])
            let checksum = CRC32.checksum(header)
            header = []
            for shift in stride(from: 0, to: 32, by: 8) { bytes[20 + shift / 8] = UInt8(truncatingIfNeeded: checksum >> UInt32(shift)) }
        }
        defer { second.remove() }
        let error = try #require(throws: IndexFileError.self) { try InvertedIndex.open(path: future) }
        #expect(error.description == "\(future): section header: format version 8 is not supported (this TalkSearch reads version 7); rebuild the index")
    }

    @Test(arguments: [0, 31, 100, 5000, 50_000])
    func truncatedFilesAreRefused(keeping: Int) throws {
        let (directory, path) = try damaged { bytes in bytes = Array(bytes.prefix(keeping)) }
        defer { directory.remove() }
        let error = try #require(throws: IndexFileError.self) {
            let index = try InvertedIndex.open(path: path)
            try index.verifyChecksums()
        }
        #expect(error.file == path)
        #expect(error.reason.contains("truncated") || error.reason.contains("out of bounds") || error.reason.contains("checksum"))
    }

    /// A flipped byte anywhere is caught: at open for the header, table and small sections; at the first
    /// query that reads the block for postings and documents; always by `verifyChecksums()`.
    @Test func aFlippedByteInAnySectionIsNamed() throws {
        let (directory, path, _) = try Self.written()
        defer { directory.remove() }
        let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
        var random = SeededRandom(seed: 99)
        var seenSections: Set<String> = []
        for _ in 0..<60 {
            let offset = Int.random(in: 0..<size, using: &random)
            let (copy, damagedPath) = try damaged { $0[offset] ^= 0x5A }
            defer { copy.remove() }
            let error = try #require(throws: IndexFileError.self, "byte \(offset)") {
                let index = try InvertedIndex.open(path: damagedPath)
                try index.verifyChecksums()
            }
            #expect(error.file == damagedPath)
            seenSections.insert(error.section ?? "none")
            // Queries never answer from damaged bytes: they either fail or read only sound blocks.
            if let index = try? InvertedIndex.open(path: damagedPath), let engine = try? EngineBackend(index: index) {
                var faceted = SearchOptions(limit: 400)
                faceted.facets = [FacetRequest(field: "tag", limit: 10)]
                for query in ["deep", "robust*", "talk OR speaker"] {
                    for options in [SearchOptions(limit: 400), faceted] {
                        if let results = try? engine.search(query, options: options) {
                            let memory = try EngineBackend(documents: Self.documents, schema: index.schema, tokenizer: .porter,
                                                           keywordFields: Self.keywordFields)
                            #expect(results == (try memory.search(query, options: options)), "byte \(offset) \(query)")
                        }
                    }
                }
            }
        }
        #expect(seenSections.isSuperset(of: ["postings", "documents"]), "\(seenSections)")
    }

    /// The words and keyword fields are decoded whole on first use: what their checksums cannot see
    /// (a file written wrongly) their decoders refuse, naming the section.
    @Test func frontCodedWordsAndVarintKeywordsReadBackAndRefuseWhatCannotBe() throws {
        let (directory, path, memory) = try Self.written()
        defer { directory.remove() }
        let file = try InvertedIndex.open(path: path)
        #expect(try file.words() == memory.index.words())
        #expect(try file.keywordFields() == memory.index.keywordFields())
        func varintSize(_ value: Int) -> Int { value < 128 ? 1 : value < 16384 ? 2 : 3 }
        let wordCount = try memory.index.words().count
        // The first word shares one byte with the (absent) word before it.
        try DocumentFramesTests.changed(path, section: .words) { bytes, section in
            #expect(bytes[section.lowerBound + varintSize(wordCount)] == 0)
            bytes[section.lowerBound + varintSize(wordCount)] = 1
        }
        let words = try InvertedIndex.open(path: path)
        #expect(throws: IndexFileError(file: path, section: "words", reason: "word 0 shares more than the word before it")) {
            try words.words()
        }
        // The first document of the first field claims one more value than the field has ids for.
        let (second, keywordsPath, _) = try Self.written()
        defer { second.remove() }
        let field = try memory.index.keywordFields().fields[0]
        let valuesBytes = field.values.reduce(0) { $0 + varintSize($1.utf8.count) + $1.utf8.count }
        let firstCount = 1 + varintSize(field.name.utf8.count) + field.name.utf8.count + varintSize(field.values.count)
            + valuesBytes + varintSize(field.valueIDs.count)
        try DocumentFramesTests.changed(keywordsPath, section: .keywords) { bytes, section in
            #expect(bytes[section.lowerBound + firstCount] == UInt8(field.values(of: 1).count))
            bytes[section.lowerBound + firstCount] += 1
        }
        let keywords = try InvertedIndex.open(path: keywordsPath)
        let error = try #require(throws: IndexFileError.self) { try keywords.keywordFields() }
        #expect(error.section == "keyword fields" && error.reason.hasPrefix("field event:"), "\(error)")
    }

    /// The pairs section, decoded whole on the first phrase that reads a pair: a pair naming a slot
    /// past the common terms is refused, naming the section.
    @Test func aPairPastTheCommonTermsIsRefused() throws {
        let (directory, path, memory) = try Self.written()
        defer { directory.remove() }
        let pairs = try memory.index.commonPairs()
        #expect(try InvertedIndex.open(path: path).commonPairs().keys == pairs.keys)
        func varintSize(_ value: Int) -> Int { value < 128 ? 1 : value < 16384 ? 2 : 3 }
        let common = pairs.commonTerms.count
        #expect(common > 0 && common < 128 && pairs.pairCount > 0)
        var deltas = varintSize(common) + varintSize(pairs.pairCount), previous: Int32 = 0
        for term in pairs.commonTerms {
            deltas += varintSize(Int(term - previous))
            previous = term
        }
        // The first pair: first-slot delta, then its second slot.
        try DocumentFramesTests.changed(path, section: .pairs) { bytes, section in bytes[section.lowerBound + deltas + 1] = UInt8(common) }
        let index = try InvertedIndex.open(path: path)
        #expect(throws: IndexFileError(file: path, section: "pairs", reason: "truncated or out of range")) { try index.commonPairs() }
    }

    /// The common terms at the head of the pairs section, read alone by a phrase before any pair: a
    /// term that does not ascend is refused there, naming the section.
    @Test func commonTermsThatDoNotAscendAreRefused() throws {
        let (directory, path, memory) = try Self.written()
        defer { directory.remove() }
        let pairs = try memory.index.commonPairs()
        #expect(pairs.commonTerms.count > 1 && pairs.commonTerms.count < 128 && pairs.pairCount < 128)
        #expect(try DocumentFramesTests.mapped(InvertedIndex.open(path: path)).commonTerms() == pairs.commonTerms)
        // The second common term's delta (after the two counts and the first delta, one byte each here) is 0.
        try DocumentFramesTests.changed(path, section: .pairs) { bytes, section in
            #expect(pairs.commonTerms[0] < 128)
            bytes[section.lowerBound + 3] = 0
        }
        let index = try InvertedIndex.open(path: path)
        #expect(throws: IndexFileError(file: path, section: "pairs", reason: "truncated or out of range")) {
            try DocumentFramesTests.mapped(index).commonTerms()
        }
        let terms = try (0..<2).map { try memory.index.term(at: Int(pairs.commonTerms[$0])).term }
        #expect(throws: IndexFileError.self) { try index.pairPostings(first: terms[0], second: terms[1], detail: .positions) }
    }

    /// Rowids rise with ordinals (a hit's rowid is read by its ordinal, and ordinals by a rowid's binary
    /// search): a file where they do not is refused at open, naming the first document out of order.
    @Test func rowidsThatDoNotRiseAreRefusedAtOpen() throws {
        let (directory, path, memory) = try Self.written()
        defer { directory.remove() }
        #expect(memory.index.documentCount >= 4)
        // Documents 3 and 4 trade rowids.
        try DocumentFramesTests.changed(path, section: .rowids) { bytes, section in
            let third = section.lowerBound + 2 * 8
            let saved = Array(bytes[third..<(third + 8)])
            bytes[third..<(third + 8)] = bytes[(third + 8)..<(third + 16)]
            bytes.replaceSubrange((third + 8)..<(third + 16), with: saved)
        }
        #expect(throws: IndexFileError(file: path, section: "rowids", reason: "rowids do not increase at document 4")) {
            try InvertedIndex.open(path: path)
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: IndexFileError.self) { try InvertedIndex.open(path: "/nonexistent/engine.tsidx") }
    }
}
