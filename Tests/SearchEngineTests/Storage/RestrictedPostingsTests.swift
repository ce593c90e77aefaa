import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// A list read only where a phrase's or an AND's shortest part has documents
/// (`postings(at:restrictedTo:detail:)`): it is the whole list cut to the candidates, each kept
/// document with its count and its positions' bytes, for any candidates; a phrase or an AND matched
/// from it matches and ranks as from the whole list.
struct RestrictedPostingsTests {
    @Test func isTheWholeListCutToTheCandidates() throws {
        let (directory, file, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        let mapped = try DocumentFramesTests.mapped(file.index)
        var random = SeededRandom(seed: 20261203)
        var restricted = 0
        for slot in 0..<file.index.termCount {
            let whole = try #require(try memory.index.postings(for: try memory.index.term(at: slot).term, detail: .encoded))
            for trial in 0..<12 {
                // Few candidates, many, none in the list, every document, past the last.
                let size = [1, 2, 5, 30, 400][trial % 5]
                var candidates = (0..<size).map { _ in Int32.random(in: 1...Int32(file.index.documentCount), using: &random) }
                if trial == 10 { candidates = Array(1...Int32(file.index.documentCount)) }
                if trial == 11 { candidates = [Int32(file.index.documentCount)] }
                candidates = Array(Set(candidates)).sorted()
                guard let cut = try mapped.postings(at: slot, restrictedTo: candidates) else { continue }
                restricted += 1
                let kept = Set(candidates)
                let expected = whole.documents.indices.filter { kept.contains(whole.documents[$0]) }
                #expect(cut.documents == expected.map { whole.documents[$0] })
                #expect(cut.count == expected.count)
                let counts = try #require(try mapped.postings(at: slot, restrictedTo: candidates, detail: .counts))
                #expect(counts.documents == cut.documents && counts.positionStarts == cut.positionStarts && counts.positionStream.isEmpty)
                for (at, slotInWhole) in expected.enumerated() {
                    #expect(cut.occurrences(at: at) == whole.occurrences(at: slotInWhole))
                    #expect(Array(cut.positions(at: at)) == Array(whole.positions(at: slotInWhole)))
                }
            }
        }
        // Every word of the vocabulary has blocks (lists of more than 512 documents).
        #expect(restricted >= 100, "\(restricted) lists cut")
        // A term without blocks (a speaker's number) is not cut.
        let short = try #require((0..<file.index.termCount).first { (try? file.index.term(at: $0).documentFrequency) ?? 0 < 512 })
        #expect(try mapped.postings(at: short, restrictedTo: [1]) == nil)
    }

    /// 4,000 documents that all hold "common" (some twice, in two columns) and a few that hold
    /// "rare", "often" in every thirty-seventh and "mid" in every eleventh: a phrase's word list over
    /// 8 times its shortest part (``PostingCache/phraseRatio``) is read cut, an AND's over 16 times
    /// (``PostingCache/intersectionRatio``: "often" against "common", 37 times).
    @Test func phrasesOfARareAndACommonWordMatchAsFromTheWholeLists() throws {
        let documents = (1...4000).map { number in
            IndexedDocument(id: "d\(number)", columns: [(number % 7 == 0 ? "common title" : "title") + (number % 37 == 0 ? " often" : ""),
                                                       number % 997 == 0 ? "rare common" : number % 1009 == 0 ? "common rare common"
                                                           : number % 11 == 0 ? "common mid text \(number % 13) mid common" : "common text \(number % 13)"])
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let memory = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        let path = directory.file("engine.tsidx")
        try memory.index.write(to: path)
        let file = try EngineBackend(index: InvertedIndex.open(path: path))
        let rare = try #require(try memory.index.postings(for: Array("rare".utf8), detail: .counts))
        #expect(rare.count == 7)
        #expect(try file.index.postings(for: Array("common".utf8), restrictedTo: rare.documents) != nil)
        // "common" is 37 times "often"'s length: an AND reads it cut, with its whole length for n(P).
        let (lists, lengths) = try PostingCache(index: file.index).intersectionLists(
            ["often", "common"].map { QueryTerm(bytes: Array($0.utf8), isPrefix: false) })
        #expect(lengths == [108, 4000] && lists.map(\.count) == [108, 108])
        for query in ["\"rare common\"", "\"common rare\"", "\"common rare common\"", "body: \"rare common\"", "title: \"rare common\"",
                      "\"rare common\" OR \"common title\"", "\"text 3\"", "\"mid common\"", "\"common mid\"", "\"mid text\"",
                      "\"common mid text 5\"", "body: \"mid common\" OR \"rare common\"", "title: \"mid common\"",
                      // ANDs: the long term cut to the rare one's documents, its n(P) still its whole list's.
                      "rare common", "common rare", "rare AND common AND text", "rare title", "title rare common",
                      "often common", "text often", "often common text", "title: often common", "often OR rare common"] {
            for limit in [1, 3, 10, 4000] {
                #expect(try file.search(query, options: SearchOptions(limit: limit)) == memory.search(query, options: SearchOptions(limit: limit)),
                        "\(query) limit \(limit)")
            }
        }
    }
}
