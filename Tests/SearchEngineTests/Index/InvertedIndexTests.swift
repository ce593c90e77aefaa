import Testing
@testable import SearchEngine

@Suite struct InvertedIndexTests {
    static func index() throws -> InvertedIndex {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["a", "b"]), tokenizer: .unicode61)
        builder.add(IndexedDocument(id: "one", columns: ["Deep learning, deep", "nets"], stored: "{\"n\":1}"))
        builder.add(IndexedDocument(id: "two", columns: ["", "learning to learn"]))
        builder.add(IndexedDocument(id: "three", columns: ["Learned", ""]))
        return builder.build()
    }

    @Test func statisticsAndPostings() throws {
        let index = try Self.index()
        #expect(index.documentCount == 3)
        #expect(index.totalTokens == 8)
        #expect(index.documentLength(1) == 4 && index.documentLength(2) == 3 && index.documentLength(3) == 1)
        let deep = try #require(try index.postings(for: Array("deep".utf8)))
        #expect(deep.documents == [1])
        #expect(Array(deep.positions(at: 0)) == [Positions.make(column: 0, offset: 0), Positions.make(column: 0, offset: 2)])
        let learning = try #require(try index.postings(for: Array("learning".utf8)))
        #expect(learning.documents == [1, 2])
        #expect(try index.postings(for: Array("absent".utf8)) == nil)
        #expect(try index.documentID(2) == "two" && index.storedRecord(1) == "{\"n\":1}" && index.storedRecord(2) == nil)
        #expect(try index.text(2, column: 1) == "learning to learn")
    }

    @Test func prefixLookupIsByteOrdered() throws {
        let index = try Self.index()
        let range = try index.terms(withPrefix: Array("learn".utf8))
        #expect(try range.map { String(decoding: try index.term(at: $0).term, as: UTF8.self) } == ["learn", "learned", "learning"])
        #expect(try index.postings(forPrefix: Array("learn".utf8)).documents == [1, 2, 3])
        #expect(try index.terms(withPrefix: Array("zz".utf8)).isEmpty)
    }

    @Test func invariantsHold() throws {
        #expect(try Self.index().checkInvariants() == [])
    }
}
