import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// A prefix that expands to many terms covering a good part of the documents is merged by adding every
/// term's counts into one array (``PostingCodec/addCounts(_:documentCount:into:)``): the same documents
/// and counts as the union of the terms' own lists, in memory, from a file, and over segments.
@Suite struct PrefixUnionTests {
    static let words = ["ins", "insta", "install", "installer", "instance", "inside", "insight", "inspire", "instead", "other"]

    static func index(seed: UInt64, count: Int, firstRowid: Int64 = 1) throws -> InvertedIndex {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        var random = SeededRandom(seed: seed)
        for number in 1...count {
            let title = (0..<Int(random.next() % 4)).map { _ in words[Int(random.next() % UInt64(words.count))] }
            let body = (0..<Int(random.next() % 9)).map { _ in words[Int(random.next() % UInt64(words.count))] }
            builder.add(IndexedDocument(id: "d\(number)", columns: [title.joined(separator: " "), body.joined(separator: " ")],
                                        rowid: firstRowid + Int64(number - 1)))
        }
        return builder.build()
    }

    /// The union of the prefix's terms' lists, one by one: documents ascending, counts summed.
    static func expected(_ index: InvertedIndex, prefix: String) throws -> [(Int32, Int32)] {
        var counts: [Int32: Int32] = [:]
        for slot in try index.terms(withPrefix: Array(prefix.utf8)) {
            let list = try index.entry(at: slot).postings
            for position in 0..<list.count { counts[list.documents[position], default: 0] += list.occurrences(at: position) }
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func pairs(_ list: PostingList) -> [(Int32, Int32)] { (0..<list.count).map { (list.documents[$0], list.occurrences(at: $0)) } }

    @Test(arguments: ["ins", "inst", "insi", "i", "insta"])
    func countsAreTheUnionsInMemoryFileAndSegments(prefix: String) throws {
        let memory = try Self.index(seed: 5, count: 300)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try memory.write(to: directory.file("a.tsidx"))
        let file = try InvertedIndex.open(path: directory.file("a.tsidx"))
        let segments = try InvertedIndex(segments: [memory, try Self.index(seed: 9, count: 120, firstRowid: 301)], deletions: [[2, 7], []])
        for index in [memory, file, segments] {
            let union = try index.postings(forPrefix: Array(prefix.utf8), detail: .counts)
            let expected = try Self.expected(index, prefix: prefix)
            #expect(!expected.isEmpty)
            #expect(Self.pairs(union).map(\.0) == expected.map(\.0), "\(prefix) in \(index.segmentCount) segment(s)")
            #expect(Self.pairs(union).map(\.1) == expected.map(\.1), "\(prefix) in \(index.segmentCount) segment(s)")
        }
    }

    /// A prefix of three terms or more whose postings are too few to count over the ordinals (fewer
    /// than N / 64: one document in 300 holds one to three of its words) is read from a file as sorted keys
    /// (``PostingCodec/appendCountKeys(_:documentCount:to:)``), in memory by the sorted union of its
    /// lists: the same documents and counts either way.
    @Test(arguments: ["ins", "inst", "i"])
    func sparsePrefixesAreTheUnionsInMemoryAndFile(prefix: String) throws {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        var random = SeededRandom(seed: 13)
        for number in 1...6000 {
            let words = number % 300 == 7
                ? (0..<1 + Int(random.next() % 3)).map { _ in Self.words[Int(random.next() % 9)] }
                : ["filler"]
            builder.add(IndexedDocument(id: "d\(number)", columns: [words.joined(separator: " "), "body"]))
        }
        let memory = builder.build()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try memory.write(to: directory.file("a.tsidx"))
        let file = try InvertedIndex.open(path: directory.file("a.tsidx"))
        #expect(try file.terms(withPrefix: Array(prefix.utf8)).count >= 3)
        #expect(try file.denseCounts(forPrefix: Array(prefix.utf8)) == nil, "not counted over the ordinals")
        for index in [memory, file] {
            let union = try index.postings(forPrefix: Array(prefix.utf8), detail: .counts)
            let expected = try Self.expected(index, prefix: prefix)
            #expect(!expected.isEmpty && expected.count <= 20)
            #expect(Self.pairs(union).map(\.0) == expected.map(\.0), "\(prefix)")
            #expect(Self.pairs(union).map(\.1) == expected.map(\.1), "\(prefix)")
        }
    }

    /// Adding a malformed list's counts fails, never writes outside the counts: an ordinal past the
    /// documents, a delta of 0, more occurrences than position bytes, lengths that do not add up
    /// (`term-postings := doc-count, documents-length, documents, positions`, ``PostingCodec``).
    @Test(arguments: [
        ([2, 6, 3, 1, 1, 2, 1, 1, 2, 2], true),   // ordinals 3 and 5 of 5: sound
        ([2, 6, 3, 1, 1, 3, 1, 1, 2, 2], false),  // ordinal 6 of 5
        ([2, 6, 3, 1, 1, 0, 1, 1, 2, 2], false),  // delta 0: ordinal 3 again
        ([2, 6, 3, 2, 1, 2, 1, 1, 2, 2], false),  // two occurrences in one byte
        ([2, 6, 3, 1, 1, 2, 1, 2, 2, 2], false),  // lengths 1 + 2 for two bytes of positions
        ([2, 7, 3, 1, 1, 0x83, 0x00, 1, 1, 2, 2], false),  // ordinal 6 of 5 by a two-byte delta (the other path)
    ] as [([UInt8], Bool)])
    func malformedListsAreRefused(bytes: [UInt8], sound: Bool) {
        var counts = [Int32](repeating: 0, count: 6)
        let added = bytes.withUnsafeBytes { buffer in
            counts.withUnsafeMutableBufferPointer { counts in
                try? PostingCodec.addCounts(ByteReader(buffer, from: 0, to: buffer.count), documentCount: 5, into: counts)
            }
        }
        #expect((added != nil) == sound)
        if sound { #expect(counts == [0, 0, 0, 1, 0, 1] && added == 2) }
    }
}
