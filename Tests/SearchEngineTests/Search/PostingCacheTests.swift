import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// The lists a query reads through ``PostingCache``: a NEAR group's far longer terms are read only at
/// the shortest term's documents (``PostingCache/nearLists(_:)``). Read from an index file (which
/// cuts them), NEAR queries rank as the memory index ranks them (which reads every list whole), with
/// the same counts and each term's n(P) its whole list's length.
struct PostingCacheTests {
    /// 3,000 documents: "every" in nearly all, "most" in two thirds, "some" in one in 30, "few" in
    /// one in 300 (so "every" is 10x and 100x their lists), "one" in one; words shuffled over two
    /// columns, so the terms are near each other in some documents and far apart in others.
    static let documents: [IndexedDocument] = {
        var random = SeededRandom(seed: 20261205)
        return (1...3000).map { number in
            var words: [String] = []
            if number % 40 != 0 { words += Array(repeating: "every", count: Int.random(in: 1...3, using: &random)) }
            if number % 3 != 0 { words += Array(repeating: "most", count: Int.random(in: 1...2, using: &random)) }
            if number % 30 == 7 { words += Array(repeating: "some", count: Int.random(in: 1...3, using: &random)) }
            if number % 300 == 11 { words.append("few") }
            if number == 1234 { words += ["one", "every"] }
            words += (0..<Int.random(in: 0...24, using: &random)).map { _ in "filler\(Int.random(in: 0..<5, using: &random))" }
            words.shuffle(using: &random)
            return IndexedDocument(id: "d\(number)", columns: [words.prefix(5).joined(separator: " "), words.dropFirst(5).joined(separator: " ")])
        }
    }()

    @Test func nearGroupsWithAFarLongerTermRankAsInMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let memory = try EngineBackend(documents: Self.documents, schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        let path = directory.file("engine.tsidx")
        try memory.index.write(to: path)
        let file = try EngineBackend(index: InvertedIndex.open(path: path))
        // The cut applies: "every" has blocks and is at least phraseRatio times "some" and "few".
        let every = try #require(try file.index.listLength(of: Array("every".utf8)))
        let some = try #require(try file.index.listLength(of: Array("some".utf8)))
        #expect(try file.index.blockedList(for: Array("every".utf8)) != nil)
        #expect(every >= PostingCache.phraseRatio * some)
        let queries = ["NEAR(every some, 0)", "NEAR(some every, 1)", "NEAR(every some)", "NEAR(every few, 3)", "NEAR(few every, 20)",
                       "NEAR(every one, 2)", "NEAR(one every)", "NEAR(every most some, 3)", "NEAR(some most every few, 10)",
                       "NEAR(every some*, 2)", "NEAR(every filler1 some, 4)", "NEAR(every nothing, 5)", "NEAR(every every, 1)",
                       "NEAR(most every, 2)"]
        for query in queries {
            for limit in [1, 3, 10, 5000] {
                let options = SearchOptions(limit: limit)
                #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query) limit \(limit)")
            }
            let weighted = SearchOptions(limit: 10, weights: ColumnWeights([2, 1]))
            #expect(try file.search(query, options: weighted) == memory.search(query, options: weighted), "\(query) weights 2, 1")
        }
        // Some of these match, so the comparison is not of empty results.
        #expect(try file.search("NEAR(every some, 1)", options: SearchOptions(limit: 10)).totalMatches > 0)
    }
}
