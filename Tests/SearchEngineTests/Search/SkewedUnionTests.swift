import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// ORs whose longest term is far longer than the others together (`bestOfSkewedUnion`): read from an
/// index file they rank as the memory index ranks them (which has no term blocks, so evaluates every
/// OR in full), with the same count, whether the long term's own documents can enter or not.
struct SkewedUnionTests {
    /// 4,000 documents: "every" in nearly all (its idf FTS5's floor), "most" in two thirds, "some"
    /// in one in 40, "few" in one in 400, "one" in one document; counts and lengths vary, so ties
    /// and near-ties occur.
    static let documents: [IndexedDocument] = {
        var random = SeededRandom(seed: 20261204)
        return (1...4000).map { number in
            var words: [String] = []
            if number % 50 != 0 { words += Array(repeating: "every", count: Int.random(in: 1...3, using: &random)) }
            if number % 3 != 0 { words += Array(repeating: "most", count: Int.random(in: 1...2, using: &random)) }
            if number % 40 == 7 { words += Array(repeating: "some", count: Int.random(in: 1...4, using: &random)) }
            if number % 400 == 11 { words.append("few") }
            if number == 1234 { words.append("one") }
            if number % 13 == 0 { words.append("someday") }
            words += (0..<Int.random(in: 0...30, using: &random)).map { _ in "filler\(Int.random(in: 0..<5, using: &random))" }
            words.shuffle(using: &random)
            return IndexedDocument(id: "d\(number)", columns: [words.prefix(4).joined(separator: " "), words.dropFirst(4).joined(separator: " ")])
        }
    }()

    @Test func orsWithAFarLongerTermRankAsInMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let memory = try EngineBackend(documents: Self.documents, schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        let path = directory.file("engine.tsidx")
        try memory.index.write(to: path)
        let file = try EngineBackend(index: InvertedIndex.open(path: path))
        #expect(try file.index.blockedList(for: Array("every".utf8)) != nil)
        let queries = ["every OR some", "some OR every", "every OR few", "few OR every OR one", "one OR every", "every OR some OR few",
                       "most OR few", "most OR some", "every OR most", "every OR some*", "some* OR every", "every OR some OR someday",
                       "every OR every", "every OR nothing", "most OR one", "every OR filler1", "few OR most OR every"]
        for query in queries {
            for limit in [1, 2, 3, 10, 64, 500, 5000] {
                let options = SearchOptions(limit: limit)
                #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query) limit \(limit)")
            }
            // Other weights take the full OR (the blocks' bounds are for weight 1).
            let weighted = SearchOptions(limit: 10, weights: ColumnWeights([2, 1]))
            #expect(try file.search(query, options: weighted) == memory.search(query, options: weighted), "\(query) weights 2, 1")
        }
    }
}
