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
}
