import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// The pairs of common terms (``CommonPairs``): each pair's list is exactly its two-term phrase's
/// documents and start positions, in memory, from a file and over segments (a segment without pairs
/// derives its part); phrases answer the same with pairs as without.
@Suite struct CommonPairsTests {
    static let schema = SegmentSetTests.schema

    static func build(_ documents: [IndexedDocument], pairThreshold: Int?) throws -> InvertedIndex {
        var builder = try IndexBuilder(schema: schema, tokenizer: .porter, keywordFields: SegmentSetTests.keywordFields)
        builder.pairThreshold = pairThreshold
        for document in documents { builder.add(document) }
        return builder.build()
    }

    /// Every pair the index could be asked about (all its terms, twice) against the two term lists.
    static func expectPairsAreAdjacentOccurrences(_ index: InvertedIndex, terms: [[UInt8]], _ comment: Comment) throws {
        var nonEmpty = 0
        for first in terms {
            for second in terms {
                guard let pair = try index.pairPostings(first: first, second: second, detail: .positions) else { continue }
                let a = try index.postings(for: first) ?? PostingList(), b = try index.postings(for: second) ?? PostingList()
                let expected = InvertedIndex.adjacentPairs(a, b)
                #expect(pair.documents == expected.documents, "\(comment) \(first) \(second)")
                #expect((0..<pair.count).map { Array(pair.positions(at: $0)) } == (0..<expected.count).map { Array(expected.positions(at: $0)) },
                        "\(comment) \(first) \(second)")
                if pair.count > 0 { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty > 20, "\(comment)")
    }

    static func terms(_ index: InvertedIndex) throws -> [[UInt8]] {
        try (0..<index.termCount).map { try index.term(at: $0).term }
    }

    @Test func aHandMadeIndex() throws {
        let documents = [
            IndexedDocument(id: "a", columns: ["x y x y", "y", "x"]),
            IndexedDocument(id: "b", columns: ["y x", "z", "x y"]),
            IndexedDocument(id: "c", columns: ["z z", "", "x z y"]),
        ]
        let index = try Self.build(documents, pairThreshold: 2)
        let pairs = try index.commonPairs()
        // x and y are in three documents, z in two: all common at 2.
        #expect(pairs.commonTerms.count == 3)
        func pair(_ a: String, _ b: String) throws -> [(Int32, [Position])] {
            let list = try #require(try index.pairPostings(first: Array(a.utf8), second: Array(b.utf8), detail: .positions))
            return (0..<list.count).map { (list.documents[$0], Array(list.positions(at: $0))) }
        }
        let xy = try pair("x", "y")
        #expect(xy.map(\.0) == [1, 2])
        #expect(xy.map(\.1) == [[0, 2], [Positions.make(column: 2, offset: 0)]])
        // "y" ends the title of a and "y" starts its speakers: no pair across columns.
        #expect(try pair("y", "y").isEmpty)
        #expect(try pair("y", "x").map(\.0) == [1, 2])
        #expect(try pair("z", "z").map(\.1) == [[0]])
        #expect(try pair("z", "y").map(\.1) == [[Positions.make(column: 2, offset: 1)]])
        #expect(try index.pairPostings(first: Array("x".utf8), second: Array("absent".utf8), detail: .positions)?.count == 0)
        #expect(pairs.problem(termCount: index.termCount, postingsLength: pairs.postingBytes.count) == nil)
        // A key naming a term that is not common, or no term, is found whichever half names it.
        let x = Int(pairs.commonTerms[0]), rare = index.termCount  // every term here is common: none past the last
        for key in [CommonPairs.key(rare, x), CommonPairs.key(x, rare), CommonPairs.key(x, Int(UInt32.max))] {
            var wrong = pairs
            wrong.keys = [key]
            wrong.postingOffsets = [0, pairs.postingBytes.count]
            #expect(wrong.problem(termCount: index.termCount, postingsLength: pairs.postingBytes.count)?.contains("is not of common terms") == true)
        }
        var shorter = pairs
        shorter.commonTerms.removeLast()  // the keys with the last common term now name a term that is not
        #expect(shorter.problem(termCount: index.termCount, postingsLength: pairs.postingBytes.count)?.contains("is not of common terms") == true)
        // With z below the threshold, a pair with z has no list.
        let fewer = try Self.build(documents, pairThreshold: 3)
        #expect(try fewer.pairPostings(first: Array("x".utf8), second: Array("z".utf8), detail: .positions) == nil)
        #expect(try fewer.pairPostings(first: Array("x".utf8), second: Array("y".utf8), detail: .positions)?.count == 2)
    }

    @Test func theCommonTermsAreThoseAtTheThreshold() throws {
        let index = try Self.build(SegmentSetTests.documents(seed: 3), pairThreshold: nil)
        let threshold = CommonPairs.threshold(documentCount: index.documentCount)
        #expect(threshold == 10)
        let pairs = try index.commonPairs()
        let expected = try (0..<index.termCount).filter { try index.term(at: $0).documentFrequency >= threshold }
        #expect(pairs.commonTerms.map(Int.init) == expected)
        #expect(CommonPairs.threshold(documentCount: 0) == 1 && CommonPairs.threshold(documentCount: 33) == 2)
    }

    /// Runs of documents find their pairs on several threads; the lists are joined pair by pair in
    /// run order, to the bytes one thread makes.
    @Test func pairsDoNotDependOnTheNumberOfThreads() throws {
        func pairs(_ threads: Int) throws -> CommonPairs {
            var builder = try IndexBuilder(schema: ColumnSchema(names: ["a", "b", "c"]), tokenizer: .porter, parallelism: threads)
            for document in IndexBuilderTests.documents() { builder.add(document) }
            return try builder.build().commonPairs()
        }
        let single = try pairs(1)
        #expect(single.keys.count > 50)
        for threads in [2, 3, 4] { #expect(try pairs(threads) == single, "\(threads) threads") }
    }

    /// Beyond 4 Mi pair keys a run sorts its occurrences instead of counting them into slots: the
    /// same pairs either way, at every threshold, for one and three threads.
    @Test func theSortBeyondTheCountingSortFindsTheSamePairs() throws {
        for threshold in [1, 25] {
            for threads in [1, 3] {
                func pairs(countingSortSlots: Int) throws -> CommonPairs {
                    var builder = try IndexBuilder(schema: ColumnSchema(names: ["a", "b", "c"]), tokenizer: .porter, parallelism: threads)
                    builder.pairThreshold = threshold
                    builder.pairCountingSortSlots = countingSortSlots
                    for document in SegmentSetTests.documents(seed: 5) { builder.add(document) }
                    return try builder.build().commonPairs()
                }
                let counted = try pairs(countingSortSlots: 1 << 22)
                #expect(counted.keys.count > 50)
                #expect(try pairs(countingSortSlots: 0) == counted, "threshold \(threshold), \(threads) threads")
            }
        }
    }

    @Test(arguments: [1, 40, 120])
    func pairListsAreTheTwoTermPhrasesInMemoryAndFile(threshold: Int) throws {
        let memory = try Self.build(SegmentSetTests.documents(seed: 5), pairThreshold: threshold)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try memory.write(to: directory.file("a.tsidx"))
        let file = try InvertedIndex.open(path: directory.file("a.tsidx"))
        // The head of the section alone, read first by a phrase: the same common terms.
        let inMemory = try memory.commonPairs()
        #expect(try DocumentFramesTests.mapped(file).commonTerms() == inMemory.commonTerms)
        let fromFile = try file.commonPairs()
        #expect(fromFile.commonTerms == inMemory.commonTerms && fromFile.keys == inMemory.keys && fromFile.postingOffsets == inMemory.postingOffsets)
        #expect(inMemory.keys.count > 0)
        for slot in 0..<inMemory.pairCount {
            #expect(try file.encodedPairPostings(at: slot) == memory.encodedPairPostings(at: slot))
        }
        let terms = try Self.terms(memory)
        try Self.expectPairsAreAdjacentOccurrences(memory, terms: terms, "memory, threshold \(threshold)")
        try Self.expectPairsAreAdjacentOccurrences(file, terms: terms, "file, threshold \(threshold)")
        try file.verifyChecksums()
    }

    /// Segments with deletions, one of them without pairs (it derives its part from its term lists).
    @Test func pairListsOverSegments() throws {
        let (segments, deletions, _) = try SegmentSetTests.scenario()
        var mixed = segments
        var builder = try IndexBuilder(schema: Self.schema, tokenizer: .porter, keywordFields: SegmentSetTests.keywordFields)
        builder.pairThreshold = .max
        for ordinal in 1...segments[1].documentCount { builder.add(try segments[1].document(Int32(ordinal))) }
        mixed[1] = builder.build()
        #expect(try mixed[1].commonPairs().keys.isEmpty)
        for set in [segments, mixed] {
            let index = try InvertedIndex(segments: set, deletions: deletions)
            try Self.expectPairsAreAdjacentOccurrences(index, terms: try Self.terms(index), "segments")
        }
        // No segment with pairs: no pair list.
        let none = try InvertedIndex(segments: [mixed[1]], deletions: [[]])
        #expect(try none.pairPostings(first: Array("deep".utf8), second: Array("learn".utf8), detail: .positions) == nil)
    }

    /// Phrase queries (and ORs of them, with columns, `^`, prefixes and rare words beside common ones,
    /// and phrases in the match walk: beside terms, under NOT, in NEAR) answer with the same hits and
    /// bm25 bits whatever the pairs are, from none to every term's.
    @Test func phrasesAnswerTheSameWithAndWithoutPairs() throws {
        var documents = SegmentSetTests.documents(seed: 9)
        // Rare words beside the common ones, so that phrases mix pair and term lists.
        var random = SeededRandom(seed: 4)
        let rare = ["umbra", "quill", "zephyr", "oxide"]
        for slot in documents.indices where random.next() % 5 == 0 {
            documents[slot].columns[2] += " " + rare[Int(random.next() % 4)] + " deep " + rare[Int(random.next() % 4)] + " learning"
        }
        let reference = try EngineBackend(index: try Self.build(documents, pairThreshold: .max))
        var queries = ["\"deep learning\"", "\"umbra deep\"", "\"deep umbra\"", "\"quill deep learning\"", "\"deep learning model\"",
                       "description: \"deep learning\"", "^\"deep learning\"", "\"dee* learning\"", "\"deep lea*\"", "\"deep deep\"",
                       "title: python OR description: \"data graph\"", "\"learning deep\" OR \"graph kernel model\"",
                       "{title description}: \"python data\" OR ^\"model random\"", "\"zephyr deep learning oxide\"",
                       // Phrases in the match walk: beside terms, under NOT, inside NEAR.
                       "\"deep learning\" python", "\"deep learning\" NOT graph", "python NOT \"deep learning\"",
                       "(\"deep learning\" OR data) AND model", "description: \"data graph\" title: python", "^\"deep learning\" data",
                       "NEAR(\"deep learning\" python, 3)", "NEAR(\"learning deep\" \"data graph\", 8) OR kernel",
                       "\"deep learning model\" AND \"python data\"", "\"umbra deep learning\" deep",
                       // An OR of a phrase leaf and another under an AND: the phrase's buffer, left from
                       // its last stop, counts where it is not positioned (FTS5's quirk), so its leaf
                       // must stop where its words are, with or without the phrase.
                       "(deep OR python) AND (\"data graph\" OR title: model)", "(kernel OR sparse) AND (\"deep deep\" OR {title description}: random)",
                       "((deep AND description: data) AND mod*) OR ((graph OR kernel) AND (\"learning learning\" OR title: python))"]
        let common = Array(SegmentSetTests.words.prefix(10))
        for _ in 0..<200 {
            let words = (0..<(random.next() % 4 == 0 ? 3 : 2)).map { _ in
                random.next() % 5 == 0 ? rare[Int(random.next() % 4)] : common[Int(random.next() % 10)]
            }
            let phrase = "\"" + words.joined(separator: " ") + "\""
            let leaf = random.next() % 3 == 0 ? "\(Self.schema.names[Int(random.next() % 3)]): \(phrase)" : phrase
            switch random.next() % 4 {
            case 0: queries.append(leaf + " " + common[Int(random.next() % 10)])
            case 1: queries.append(common[Int(random.next() % 10)] + " NOT " + leaf)
            default: queries.append(leaf)
            }
        }
        let options = SearchOptions(limit: 1000)
        for threshold in [1, 25, 60] {
            let backend = try EngineBackend(index: try Self.build(documents, pairThreshold: threshold))
            var matched = 0
            for query in queries {
                let expected = try reference.search(query, options: options), actual = try backend.search(query, options: options)
                #expect(actual.hits.map(\.ordinal) == expected.hits.map(\.ordinal), "\(query) at \(threshold)")
                #expect(actual.hits.map(\.score.bitPattern) == expected.hits.map(\.score.bitPattern), "\(query) at \(threshold)")
                if expected.totalMatches > 0 { matched += 1 }
            }
            #expect(matched > 90)
        }
    }
}
