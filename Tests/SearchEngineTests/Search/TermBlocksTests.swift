import Foundation
import TalkCatalog
import Testing
import TestSupport
@testable import SearchEngine

/// One-term queries over a file's term blocks (docs/FORMAT.md, section 14) give exactly what the list
/// read whole gives; the blocks are what the postings say, and `check` names them when they are not.
struct TermBlocksTests {
    /// 3,000 documents over a small vocabulary: a few words in most documents, with counts from 1 to
    /// 6 and lengths from 3 to 120 tokens, so that blocks differ in their best bm25 and many ties occur.
    static let documents: [IndexedDocument] = {
        var random = SeededRandom(seed: 20261201)
        let words = ["alpha", "alpine", "also", "delta", "omega", "sigma", "kappa", "lambda", "theta", "zeta"]
        return (1...3000).map { number in
            var title: [String] = [], description: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) { title.append(words[Int.random(in: 0..<3, using: &random)]) }
            for _ in 0..<Int.random(in: 0...114, using: &random) {
                description.append(words[min(Int.random(in: 0..<10, using: &random), Int.random(in: 0..<10, using: &random))])
            }
            return IndexedDocument(id: "doc-\(number)", columns: [title.joined(separator: " "), "Speaker \(number % 11)",
                                                                   description.joined(separator: " ")])
        }
    }()

    static func written() throws -> (TemporaryDirectory, file: EngineBackend, memory: EngineBackend) {
        let directory = try TemporaryDirectory()
        let memory = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["title", "speakers", "description"]),
                                       tokenizer: .unicode61)
        let path = directory.file("engine.tsidx")
        try memory.index.write(to: path)
        return (directory, try EngineBackend(index: InvertedIndex.open(path: path)), memory)
    }

    @Test func oneTermQueriesAgreeWithTheWholeList() throws {
        let (directory, file, memory) = try Self.written()
        defer { directory.remove() }
        let blocked = try (0..<file.index.termCount).filter { slot in
            try file.index.blockedList(for: file.index.term(at: slot).term) != nil
        }
        // Every word of the vocabulary is in more than 512 documents; the speakers' numbers are not.
        #expect(blocked.count >= 10, "\(blocked.count) lists with blocks")
        for slot in 0..<file.index.termCount {
            let term = String(decoding: try file.index.term(at: slot).term, as: UTF8.self)
            for limit in [1, 3, 10, 64, 500] {
                let options = SearchOptions(limit: limit)
                #expect(try file.search(term, options: options) == memory.search(term, options: options), "\(term) limit \(limit)")
            }
            // Other weights read the whole list (the blocks' bounds are for weight 1).
            let weighted = SearchOptions(limit: 10, weights: ColumnWeights([2, 2, 2]))
            #expect(try file.search(term, options: weighted) == memory.search(term, options: weighted), "\(term) weights 2")
        }
        // A prefix of three common words is added up over the ordinals from the file's lists at once
        // (MappedIndexFile.postingRanges(of:)), as the memory index adds them one by one.
        for prefix in ["al*", "a*", "l*"] {
            #expect(try file.search(prefix, options: SearchOptions(limit: 10)) == memory.search(prefix, options: SearchOptions(limit: 10)), "\(prefix)")
        }
    }

    /// An OR's leaves and a NOT's left side pass over the blocks that cannot enter (BlockBounds):
    /// the file's answers are the memory index's, which reads every document, ties included.
    @Test func orAndNotQueriesAgreeWithTheWholeLists() throws {
        let (directory, file, memory) = try Self.written()
        defer { directory.remove() }
        let queries = ["alpha OR delta", "delta OR alpha", "omega OR sigma", "zeta OR theta", "alpha OR also OR alpine",
                       "zeta OR theta OR lambda OR kappa", "zeta OR speaker", "zeta OR 7", "alpha OR al*",
                       "alpha NOT delta", "zeta NOT theta", "omega NOT 3", "sigma NOT alpha", "delta NOT de*",
                       // Prefixes with a stored union (three terms start with al, and with a), whose
                       // blocks' bests are made on first use: alone, in an OR, as a NOT's left side.
                       "al*", "a*", "al* OR zeta", "zeta OR al*", "al* NOT delta", "a* NOT alpha", "zeta NOT al*"]
        for query in queries {
            for limit in [1, 3, 10, 64, 500] {
                let options = SearchOptions(limit: limit)
                #expect(try file.search(query, options: options) == memory.search(query, options: options), "\(query) limit \(limit)")
            }
            let weighted = SearchOptions(limit: 10, weights: ColumnWeights([2, 2, 2]))
            #expect(try file.search(query, options: weighted) == memory.search(query, options: weighted), "\(query) weights 2")
        }
    }

    /// Two words in 600 documents each, the same counts and lengths in the same order, one in the
    /// first ordinals and one in the last: `later OR earlier` walks later's list first (the lists tie
    /// in length), then earlier's, whose documents tie kept ones' bm25 and enter by their lower
    /// ordinals; a block whose lowest bm25 equals the worst kept must be read for that (passing over
    /// it at a tie fails here).
    @Test func anOrsBlocksThatTieTheWorstKeptAreRead() throws {
        func text(_ word: String, _ index: Int) -> String {
            let count = 1 + index % 3, filler = 4 + (index * 7) % 40
            return (Array(repeating: word, count: count) + Array(repeating: "filler", count: filler)).joined(separator: " ")
        }
        let documents = (0..<600).map { text("earlier", $0) } + (0..<300).map { text("middle", $0) } + (0..<600).map { text("later", $0) }
        let indexed = documents.enumerated().map { IndexedDocument(id: "doc-\($0.offset)", columns: [$0.element, "", ""]) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let memory = try EngineBackend(documents: indexed, schema: ColumnSchema(names: ["title", "speakers", "description"]),
                                       tokenizer: .unicode61)
        let path = directory.file("engine.tsidx")
        try memory.index.write(to: path)
        let file = try EngineBackend(index: InvertedIndex.open(path: path))
        #expect(try file.index.blockedList(for: Array("earlier".utf8)) != nil)
        for query in ["later OR earlier", "earlier OR later", "later OR middle OR earlier"] {
            for limit in [1, 10, 100] {
                let options = SearchOptions(limit: limit)
                let expected = try memory.search(query, options: options)
                #expect(try file.search(query, options: options) == expected, "\(query) limit \(limit)")
                if limit > 1 { #expect(Set(expected.hits.map(\.score)).count < expected.hits.count, "\(query) limit \(limit): ties") }
            }
        }
    }

    /// A stored union's bounds are the lowest bm25 of each 128 of its documents for the prefix alone,
    /// made from the union as a query reads it, and its blocks read it whole, block by block; none for
    /// another weight, or a prefix without a union.
    @Test func aStoredUnionsBoundsAreItsBlocksLowestScores() throws {
        let (directory, file, _) = try Self.written()
        defer { directory.remove() }
        let prefix = QueryTerm(bytes: Array("al".utf8), isPrefix: true)
        let bounds = try #require(try BlockBounds.of(prefix, in: PostingCache(index: file.index), weight: 1))
        let union = try file.index.postings(forPrefix: prefix.bytes, detail: .counts)
        #expect(bounds.size == IndexFileFormat.termBlockSize && bounds.best.count == (union.count + bounds.size - 1) / bounds.size)
        let ranking = FTS5BM25(documentCount: file.index.documentCount, totalTokens: file.index.totalTokens,
                               phraseDocumentFrequencies: [union.count])
        for block in bounds.best.indices {
            let slots = (block * bounds.size)..<min((block + 1) * bounds.size, union.count)
            let lowest = slots.map { slot in
                ranking.bm25(frequencies: [Double(union.occurrences(at: slot))], documentLength: file.index.documentLength(union.documents[slot]))
            }.min()
            #expect(bounds.best[block] == lowest, "block \(block)")
        }
        // The blocks a bare prefix reads: each starts after the document before it, and reads its 128.
        let blocked = try #require(try file.index.blockedUnion(forPrefix: prefix.bytes))
        #expect(blocked.count == union.count && blocked.blocks.best == bounds.best)
        var read: [Int32] = []
        for block in 0..<blocked.blocks.count {
            #expect(blocked.blocks.ordinalsBefore[block] == (block == 0 ? 0 : union.documents[block * bounds.size - 1]))
            var cursor = blocked.cursor(ofBlock: block)
            while let (ordinal, occurrences) = cursor.next() {
                #expect(occurrences == union.occurrences(at: read.count))
                read.append(ordinal)
            }
        }
        #expect(read == union.documents)
        #expect(try BlockBounds.of(prefix, in: PostingCache(index: file.index), weight: 2) == nil)
        #expect(try BlockBounds.of(QueryTerm(bytes: Array("de".utf8), isPrefix: true), in: PostingCache(index: file.index), weight: 1) == nil, "one term: no union")
    }

    @Test func theBlocksAreWhatThePostingsSay() throws {
        let (directory, file, _) = try Self.written()
        defer { directory.remove() }
        let mapped = try DocumentFramesTests.mapped(file.index)
        let table = try #require(try mapped.termBlockTable())
        #expect(table.blockSize == IndexFileFormat.termBlockSize)
        for term in table.terms {
            let blocks = try #require(table.blocks(ofTerm: Int(term)))
            let list = try mapped.postings(at: Int(term), detail: .counts)
            #expect(blocks.count == (list.count + table.blockSize - 1) / table.blockSize)
            let ranking = FTS5BM25(documentCount: file.index.documentCount, totalTokens: file.index.totalTokens,
                                   phraseDocumentFrequencies: [list.count])
            for block in 0..<blocks.count {
                let slots = (block * table.blockSize)..<min((block + 1) * table.blockSize, list.count)
                let scores = slots.map { slot in
                    ranking.bm25(frequencies: [Double(list.occurrences(at: slot))], documentLength: file.index.documentLength(list.documents[slot]))
                }
                #expect(blocks.best[block] == scores.min(), "term \(term) block \(block)")
                #expect(blocks.ordinalsBefore[block] == (block == 0 ? 0 : list.documents[slots.lowerBound - 1]))
            }
        }
        try file.index.verifyChecksums()
    }

    @Test func blocksThatAreNotTheirPostingsAreNamed() throws {
        let (directory, file, _) = try Self.written()
        defer { directory.remove() }
        let path = try DocumentFramesTests.mapped(file.index).path
        // The last byte of the section is the top byte of the last block's best bm25.
        try DocumentFramesTests.changed(path, section: .termBlocks) { bytes, section in bytes[section.upperBound - 2] ^= 0x01 }
        let error = try #require(throws: IndexFileError.self) { try InvertedIndex.open(path: path).verifyChecksums() }
        #expect(error.section == "term blocks" && error.reason.contains("do not match"), "\(error)")
        // A count that runs past the section is malformed, named at the first one-term query.
        try DocumentFramesTests.changed(path, section: .termBlocks) { bytes, section in bytes[section.lowerBound + 2] = 0x7F }
        let engine = try EngineBackend(index: InvertedIndex.open(path: path))
        let refused = try #require(throws: SearchError.self) { try engine.search("alpha", options: SearchOptions(limit: 10)) }
        #expect("\(refused)".contains("term blocks"), "\(refused)")
    }
}
