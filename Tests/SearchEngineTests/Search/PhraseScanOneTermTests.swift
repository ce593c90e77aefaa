import Testing
import TalkCatalog
@testable import SearchEngine

/// A one-term phrase scanned straight from its postings bytes (`PhraseScan.scanOneTerm`) gives what
/// the scan of the same list read whole gives (`PhraseScan.scan`), bit for bit, for every column set
/// and weights, from a file and from memory; and it refuses exactly the lists that reading them refuses.
struct PhraseScanOneTermTests {
    static let columnSets: [[Int]?] = [nil, [0], [1], [2], [0, 2], [1, 2], [0, 1], [0, 1, 2]]
    static let weightSets: [[Double]] = [[1, 1, 1], [2.5, 0.5, 1.25], [0.1, 3, 0.7]]

    /// The scan of term `slot`'s list decoded with `detail`, as queries read it before.
    static func scanned(_ index: InvertedIndex, slot: Int, detail: PostingList.Detail, columns: [Int]?, weights: [Double]) throws
        -> PhraseScan.Result {
        let list = try #require(try index.postings(for: index.term(at: slot).term, detail: detail))
        return PhraseScan.scan([PhraseScan.Part(list: list, shift: 0)], columns: columns, mustStartColumn: false, weights: weights)
    }

    @Test func agreesWithTheScanOfTheDecodedList() throws {
        let (directory, file, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        for index in [file.index, memory.index] {
            #expect(index.termCount > 20)
            for slot in 0..<index.termCount {
                let term = try index.term(at: slot).term
                for columns in Self.columnSets {
                    for weights in Self.weightSets {
                        let allowed = PhraseScan.allowed(columns, count: 3)
                        let direct = try #require(try index.scanOneTerm(term, allowed: allowed, weights: weights))
                        for detail in [PostingList.Detail.encoded, .positions] {
                            let whole = try Self.scanned(index, slot: slot, detail: detail, columns: columns, weights: weights)
                            #expect(direct.documents == whole.documents, "\(String(decoding: term, as: UTF8.self)) \(columns ?? [])")
                            #expect(direct.frequencies.map(\.bitPattern) == whole.frequencies.map(\.bitPattern))
                        }
                    }
                }
            }
            // The speakers' words are only in column 1, the others never: a filter on the wrong column finds nothing.
            let speaker = try #require(try index.scanOneTerm(Array("speaker".utf8), allowed: [true, false, true], weights: [1, 1, 1]))
            #expect(speaker.documents.isEmpty)
            let inSpeakers = try #require(try index.scanOneTerm(Array("speaker".utf8), allowed: [false, true, false], weights: [1, 1, 1]))
            #expect(inSpeakers.documents.count == TermBlocksTests.documents.count)
            #expect(try index.scanOneTerm(Array("absent".utf8), allowed: [true, true, true], weights: [1, 1, 1])?.documents == [])
        }
    }

    /// Every single-byte change to a list's bytes: the direct scan throws exactly when decoding the
    /// list throws, and otherwise agrees with the scan of what was decoded (a malformed positions
    /// stream ends a document's positions early in both).
    @Test func refusesWhatDecodingRefuses() throws {
        let (directory, _, memory) = try TermBlocksTests.written()
        defer { directory.remove() }
        let index = memory.index
        // The rarest word of the vocabulary: in title and description, hundreds of documents.
        let slot = try #require((0..<index.termCount).first { (try? index.term(at: $0).term) == Array("zeta".utf8) })
        let original = Array(try index.encodedPostings(at: slot))
        var random = SeededRandom(seed: 20261203)
        var refused = 0
        // Of three trials, one flips the continuation bit and the low bit of a byte, one lowers a byte
        // by one (a position length one short: the lengths then miss the positions' end), both in order
        // from the header (its documents stream first), and one sets a byte anywhere to any value.
        for trial in 0..<1800 {
            var bytes = original
            let sweep = trial % 3 != 2 && trial / 3 < original.count
            let at = sweep ? trial / 3 : Int.random(in: 0..<bytes.count, using: &random)
            bytes[at] = !sweep ? UInt8.random(in: 0...255, using: &random) : trial % 3 == 0 ? bytes[at] ^ 0x81 : bytes[at] &- 1
            if trial % 7 == 0 { bytes.removeLast(Int.random(in: 1...3, using: &random)) }
            for columns in [[0], [2], nil] as [[Int]?] {
                let allowed = PhraseScan.allowed(columns, count: 3)
                let direct = bytes.withUnsafeBytes { buffer in
                    try? PhraseScan.scanOneTerm(ByteReader(buffer, from: 0, to: buffer.count), documentCount: index.documentCount,
                                                allowed: allowed, weights: [1, 2, 3])
                }
                let decoded = try? PostingCodec.decode(bytes, range: 0..<bytes.count, documentCount: index.documentCount, detail: .encoded)
                #expect((direct == nil) == (decoded == nil), "byte \(at)")
                if let direct, let decoded {
                    let whole = PhraseScan.scan([PhraseScan.Part(list: decoded, shift: 0)], columns: columns, mustStartColumn: false,
                                                weights: [1, 2, 3])
                    #expect(direct.documents == whole.documents && direct.frequencies == whole.frequencies, "byte \(at)")
                }
                if direct == nil { refused += 1 }
            }
        }
        // Changes to the documents stream break its checks; most changes to the positions do not.
        #expect(refused > 100 && refused < 5000, "\(refused) refused")
    }
}
