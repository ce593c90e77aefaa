import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct PostingCodecTests {
    /// The format-6 encoding of one term's postings, written out independently of the builder: a
    /// step within a column is the offset delta times 2, a step to a later column the column delta
    /// times 2 plus 1, then the offset.
    static func encode(_ postings: [(document: Int32, positions: [Position])]) -> [UInt8] {
        var documents: [UInt8] = []
        var positions: [UInt8] = []
        var last: Int32 = 0
        for (document, occurrences) in postings {
            let start = positions.count
            var previous: Position = 0
            for position in occurrences {
                let column = position >> 32, offset = position & 0xFFFF_FFFF
                if column == previous >> 32 {
                    positions.appendVarint(UInt64(offset - previous & 0xFFFF_FFFF) * 2)
                } else {
                    positions.appendVarint(UInt64(column - previous >> 32) * 2 + 1)
                    positions.appendVarint(UInt64(offset))
                }
                previous = position
            }
            documents.appendVarint(UInt64(document - last))
            documents.appendVarint(UInt64(occurrences.count))
            documents.appendVarint(UInt64(positions.count - start))
            last = document
        }
        var bytes: [UInt8] = []
        bytes.appendVarint(UInt64(postings.count))
        bytes.appendVarint(UInt64(documents.count))
        return bytes + documents + positions
    }

    static func decode(_ bytes: [UInt8], detail: PostingList.Detail, documents: Int = 1000) throws(PostingCodec.Malformed) -> PostingList {
        try PostingCodec.decode(bytes, range: 0..<bytes.count, documentCount: documents, detail: detail)
    }

    /// Random documents of random words in three columns (long ones too, for multi-byte deltas).
    static func randomIndex(seed: UInt64) throws -> InvertedIndex {
        var random = SeededRandom(seed: seed)
        let words = ["deep", "learning", "of", "python", "in", "data", "graph", "neural", "a", "the"]
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["title", "speakers", "description"]), tokenizer: .unicode61, parallelism: 3)
        for ordinal in 1...900 {
            let columns = (0..<3).map { column in
                (0..<Int.random(in: 0...(column == 2 ? 400 : 6), using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            }
            builder.add(IndexedDocument(id: "d\(ordinal)", columns: columns))
        }
        return builder.build()
    }

    /// The builder writes each term exactly as the format says (checked against this independent
    /// encoder), and the three details agree: counts are the positions' counts, and encoded positions
    /// decode per document (and whole, for unions) to the decoded ones.
    @Test func builderOutputAndEveryDetailAgree() throws {
        let index = try Self.randomIndex(seed: 5)
        #expect(index.termCount == 10)
        for term in 0..<index.termCount {
            let bytes = Array(try index.encodedPostings(at: term))
            let full = try Self.decode(bytes, detail: .positions, documents: index.documentCount)
            #expect(full.count > 0)
            let expected = (0..<full.count).map { (full.documents[$0], Array(full.positions(at: $0))) }
            #expect(Self.encode(expected) == bytes)

            let counts = try Self.decode(bytes, detail: .counts, documents: index.documentCount)
            #expect(counts.detail == .counts && counts.positions.isEmpty && !counts.hasPositions)
            #expect(counts.documents == full.documents && counts.positionStarts == full.positionStarts)

            let encoded = try Self.decode(bytes, detail: .encoded, documents: index.documentCount)
            #expect(encoded.documents == full.documents && encoded.positionStarts == full.positionStarts)
            var buffer: [Position] = [42]
            for slot in 0..<full.count {
                encoded.decodePositions(at: slot, into: &buffer)
                #expect(buffer[...] == full.positions(at: slot))
                #expect(encoded.positions(at: slot) == full.positions(at: slot))
                var description: [Position] = []
                encoded.appendPositions(at: slot, columns: [2], to: &description)
                #expect(description == full.positions(at: slot).filter { Positions.column($0) == 2 })
            }
            #expect(encoded.decoded() == full)
        }
    }

    /// Steps of several bytes within a column and across columns, skipping one, from the first
    /// position in a later column: the bytes are the format's, and they decode back.
    @Test func multiByteDeltasAndColumns() throws {
        let postings: [(document: Int32, positions: [Position])] = [
            (1, [Positions.make(column: 0, offset: 0), Positions.make(column: 2, offset: 300)]),
            (200, [Positions.make(column: 1, offset: 5)]),
            (999, [Positions.make(column: 2, offset: 1), Positions.make(column: 2, offset: 2), Positions.make(column: 2, offset: 70_000)]),
        ]
        let bytes = Self.encode(postings)
        // Document 1: offset 0 (0), then to column 2 (2 * 2 + 1 = 5) at offset 300 (0xAC 0x02).
        #expect(Array(bytes.suffix(from: bytes.count - 12).prefix(4)) == [0, 5, 0xAC, 0x02])
        let list = try Self.decode(bytes, detail: .positions)
        #expect(list.documents == [1, 200, 999])
        #expect((0..<3).map { Array(list.positions(at: $0)) } == postings.map(\.positions))
        #expect((0..<3).map { list.occurrences(at: $0) } == [2, 1, 3])
        let encoded = try Self.decode(bytes, detail: .encoded)
        #expect((0..<3).map { Array(encoded.positions(at: $0)) } == postings.map(\.positions))
    }

    /// Damaged structure is refused, never read past: a position length that does not match the
    /// document's deltas (positions), lengths that do not add up to the stream (every detail), a
    /// documents length beyond the bytes, ordinals out of range, empty documents.
    @Test func malformedPostingsAreRefused() throws {
        let good = Self.encode([(3, [1, 2]), (7, [Positions.make(column: 1, offset: 0)])])
        _ = try Self.decode(good, detail: .positions)

        // Document 3's position length says 1 byte, the next 3 (the lengths still add up).
        var shifted = good
        let header = 2
        #expect(shifted[header + 2] == 2 && shifted[header + 5] == 2)
        shifted[header + 2] = 1
        shifted[header + 5] = 3
        #expect(throws: PostingCodec.Malformed.self) { try Self.decode(shifted, detail: .positions) }

        var short = good
        short[header + 5] = 1
        for detail in [PostingList.Detail.counts, .positions, .encoded] {
            #expect(throws: PostingCodec.Malformed.self) { try Self.decode(short, detail: detail) }
            #expect(throws: PostingCodec.Malformed.self) { try Self.decode(Array(good.dropLast()), detail: detail) }
            #expect(throws: PostingCodec.Malformed.self) { try Self.decode(good, detail: detail, documents: 6) }
        }
        var longDocuments = good
        longDocuments[1] = 100
        #expect(throws: PostingCodec.Malformed.self) { try Self.decode(longDocuments, detail: .counts) }
        let empty = Self.encode([(3, [])])
        #expect(throws: PostingCodec.Malformed.self) { try Self.decode(empty, detail: .counts) }
        // A repeated ordinal (delta 0), and a count above its length, in the one-byte fast path.
        var repeated = good
        #expect(repeated[header + 3] == 4)
        repeated[header + 3] = 0
        var overCounted = good
        overCounted[header + 1] = 3
        for bytes in [repeated, overCounted] {
            for detail in [PostingList.Detail.counts, .positions, .encoded] {
                #expect(throws: PostingCodec.Malformed.self) { try Self.decode(bytes, detail: detail) }
            }
        }
    }
}
