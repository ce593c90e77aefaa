import Testing
import TalkCatalog

@testable import SearchEngine

/// A list's skip groups (`SkipGroups.of`): per group of 8 documents, the ordinal before it and where
/// its documents and positions start, as the list decoded whole says; a stream that breaks the
/// codec's rules has none.
struct SkipGroupsTests {
    /// `count` documents with 1-4 positions each at random ordinals, some deltas and lengths over one
    /// varint byte.
    static func list(_ count: Int, seed: UInt64) -> (bytes: [UInt8], postings: [(document: Int32, positions: [Position])]) {
        var random = SeededRandom(seed: seed)
        var postings: [(document: Int32, positions: [Position])] = []
        var document: Int32 = 0
        for _ in 0..<count {
            document += Int32.random(in: 1...(Bool.random(using: &random) ? 3 : 400), using: &random)
            var positions: [Position] = [], offset: Int64 = 0
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                offset += Int64.random(in: 1...300, using: &random)
                positions.append(Position(2 << 32 | offset))
            }
            postings.append((document, positions))
        }
        return (PostingCodecTests.encode(postings), postings)
    }

    static func groups(_ bytes: [UInt8], documentCount: Int) throws -> SkipGroups {
        try bytes.withUnsafeBytes { buffer in
            let (count, documents, positions) = try PostingCodec.streams(ByteReader(buffer, from: 0, to: buffer.count), documentCount: documentCount)
            return try SkipGroups.of(documents, count: count, documentCount: documentCount, positionBytes: positions.end - positions.offset)
        }
    }

    @Test(arguments: [1, 7, 8, 9, 16, 100, 1001])
    func groupsAreWhereTheWholeListSaysTheyStart(count: Int) throws {
        let (bytes, postings) = Self.list(count, seed: UInt64(count))
        let documentCount = Int(postings.last!.document)
        let groups = try Self.groups(bytes, documentCount: documentCount)
        let whole = try PostingCodec.decode(bytes, range: 0..<bytes.count, documentCount: documentCount, detail: .encoded)
        #expect(groups.documents == count)
        #expect(groups.count == (count + SkipGroups.size - 1) / SkipGroups.size)
        for group in 0..<groups.count {
            let first = group * SkipGroups.size
            #expect(groups.ordinalsBefore[group] == (first == 0 ? 0 : postings[first - 1].document))
            #expect(groups.positionOffsets[group] == (first == 0 ? 0 : whole.positionEnds[first - 1]))
            // Decoding from the group's offset gives its first document.
            try bytes.withUnsafeBytes { buffer in
                let (_, documents, _) = try PostingCodec.streams(ByteReader(buffer, from: 0, to: buffer.count), documentCount: documentCount)
                var cursor = ByteReader(buffer, from: documents.offset + Int(groups.documentOffsets[group]), to: documents.end)
                let next = try #require(PostingCodec.nextDocument(&cursor, after: Int(groups.ordinalsBefore[group]), documentCount: documentCount))
                #expect(next.ordinal == Int(postings[first].document))
                #expect(next.occurrences == postings[first].positions.count)
            }
        }
    }

    @Test func aStreamThatBreaksTheCodecHasNoGroups() throws {
        let (bytes, postings) = Self.list(20, seed: 7)
        let documentCount = Int(postings.last!.document)
        // An ordinal past the index's documents.
        #expect(throws: SkipGroups.Malformed.self) { try Self.groups(bytes, documentCount: documentCount - 1) }
        // Position lengths that do not fill the positions stream: one byte more, or one fewer.
        #expect(throws: SkipGroups.Malformed.self) { try Self.groups(bytes + [0], documentCount: documentCount) }
        #expect(throws: SkipGroups.Malformed.self) { try Self.groups(Array(bytes.dropLast()), documentCount: documentCount) }
        // A document whose count exceeds its byte length (a 1-position document claiming 200).
        let bad = PostingCodecTests.encode([(1, [Position(5)])])
        var tampered = bad
        // bad = count 1, documents-length 3, [delta 1, count 1, length 1], positions [10]
        tampered[3] = 2
        #expect(throws: SkipGroups.Malformed.self) { try Self.groups(tampered, documentCount: 5) }
        #expect(try Self.groups(bad, documentCount: 5).count == 1)
    }

    /// `cut` over `bytes` with groups made from `groupBytes` (the same list, unless a test tampers
    /// with one of them).
    static func cut(_ bytes: [UInt8], groups: SkipGroups, documentCount: Int, candidates: [Int32]) throws -> [SkipGroups.Kept]? {
        try bytes.withUnsafeBytes { buffer in
            let (_, documents, positions) = try PostingCodec.streams(ByteReader(buffer, from: 0, to: buffer.count), documentCount: documentCount)
            return groups.cut(documents, documentCount: documentCount, positionBytes: positions.end - positions.offset, candidates: candidates)
        }
    }

    @Test(arguments: [1, 7, 8, 9, 100, 1001])
    func aCutKeepsTheCandidatesTheListHoldsWithTheirPositions(count: Int) throws {
        let (bytes, postings) = Self.list(count, seed: UInt64(count) + 100)
        let documentCount = Int(postings.last!.document) + 5
        let groups = try Self.groups(bytes, documentCount: documentCount)
        let whole = try PostingCodec.decode(bytes, range: 0..<bytes.count, documentCount: documentCount, detail: .encoded)
        var random = SeededRandom(seed: UInt64(count))
        for trial in 0..<20 {
            // None, one, a few, many, every ordinal, and the list's own documents (all kept).
            var candidates: [Int32]
            switch trial {
            case 0: candidates = []
            case 1: candidates = [Int32(documentCount)]
            case 2: candidates = Array(1...Int32(documentCount))
            case 3: candidates = postings.map(\.document)
            default:
                let size = [1, 3, 10, 50, 500][trial % 5]
                candidates = Array(Set((0..<size).map { _ in Int32.random(in: 1...Int32(documentCount), using: &random) })).sorted()
            }
            let kept = try #require(try Self.cut(bytes, groups: groups, documentCount: documentCount, candidates: candidates))
            let wanted = Set(candidates)
            let expected = whole.documents.indices.filter { wanted.contains(whole.documents[$0]) }
            #expect(kept.map(\.ordinal) == expected.map { whole.documents[$0] })
            for (document, slot) in zip(kept, expected) {
                #expect(Int(document.occurrences) == whole.occurrences(at: slot))
                let start = slot == 0 ? 0 : Int(whole.positionEnds[slot - 1])
                #expect(Int(document.positionStart) == start)
                #expect(Int(document.positionLength) == Int(whole.positionEnds[slot]) - start)
            }
        }
    }

    @Test func aCutOfBytesThatBreakTheCodecIsNil() throws {
        let (bytes, postings) = Self.list(40, seed: 11)
        let documentCount = Int(postings.last!.document)
        let groups = try Self.groups(bytes, documentCount: documentCount)
        let every = Array(1...Int32(documentCount))
        #expect(try Self.cut(bytes, groups: groups, documentCount: documentCount, candidates: every)?.count == 40)
        // Every one-byte change of the documents stream is either refused or read as some list: never
        // a trap, and never more documents than the list has.
        let (documentsStart, documentsEnd) = try bytes.withUnsafeBytes { buffer in
            let documents = try PostingCodec.streams(ByteReader(buffer, from: 0, to: buffer.count), documentCount: documentCount).documents
            return (documents.offset, documents.end)
        }
        var refused = 0
        for at in documentsStart..<documentsEnd {
            for value: UInt8 in [0, 1, 0x7F, 0x80, 0xFF] where bytes[at] != value {
                var tampered = bytes
                tampered[at] = value
                guard let kept = try? Self.cut(tampered, groups: groups, documentCount: documentCount, candidates: every) else {
                    refused += 1
                    continue
                }
                #expect(kept.count <= 40)
                #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.ordinal < $1.ordinal })
            }
        }
        #expect(refused > 0)
        // A delta of 0 in the first document is refused.
        var zero = bytes
        zero[documentsStart] = 0
        #expect(try Self.cut(zero, groups: groups, documentCount: documentCount, candidates: every) == nil)
    }
}
