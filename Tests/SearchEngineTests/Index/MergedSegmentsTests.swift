import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// Segments merged from their postings (``MergedSegments``) write the very file one build of all their
/// documents writes: every section byte for byte, pairs of terms common only over the whole included.
@Suite struct MergedSegmentsTests {
    /// The file `documents` make built at once, and the file of the same documents built as segments of
    /// `cuts` (from files, as a bounded build merges them) then merged.
    static func files(_ documents: [IndexedDocument], cuts: [Range<Int>], schema: ColumnSchema, keywordFields: [String],
                      in directory: TemporaryDirectory) throws -> (single: [UInt8], merged: [UInt8]) {
        func build(_ part: ArraySlice<IndexedDocument>) throws -> InvertedIndex {
            var builder = try IndexBuilder(schema: schema, tokenizer: .porter, keywordFields: keywordFields)
            for document in part { builder.add(document) }
            return builder.build()
        }
        let single = directory.file("single-\(cuts.count).tsidx")
        try build(documents[...]).write(to: single)
        var segments: [InvertedIndex] = []
        for (slot, cut) in cuts.enumerated() {
            let path = directory.file("segment-\(cuts.count)-\(slot).tsidx")
            try build(documents[cut]).write(to: path)
            segments.append(try InvertedIndex.open(path: path))
        }
        let merged = directory.file("merged-\(cuts.count).tsidx")
        try InvertedIndex(segments: segments, deletions: cuts.map { _ in [] }).write(to: merged)
        return (Array(try Data(contentsOf: URL(fileURLWithPath: single))), Array(try Data(contentsOf: URL(fileURLWithPath: merged))))
    }

    /// Where two files first differ, named by section, for a failure that says what is wrong.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        func u64(_ offset: Int) -> Int { (0..<8).reduce(0) { $0 | Int(a[offset + $1]) << (8 * $1) } }
        let sections = Int(a[12]) | Int(a[13]) << 8
        let kind = (0..<sections).first { slot in
            let entry = 32 + 40 * slot
            return (u64(entry + 8)..<(u64(entry + 8) + u64(entry + 16))).contains(at)
        }.map { Int(a[32 + 40 * $0]) }
        return "sizes \(a.count) and \(b.count), first difference at byte \(at) (section kind \(kind.map(String.init) ?? "none"))"
    }

    /// Cuts at multiples of ``InvertedIndex/batchAlignment`` (64, 192) copy the segments' compressed
    /// frames; the others compress the texts again. The file is the same.
    @Test(arguments: [[0..<120, 120..<200, 200..<300], [0..<1, 1..<299, 299..<300], [0..<150, 150..<300],
                      [0..<64, 64..<192, 192..<300], [0..<256, 256..<300]])
    func randomDocumentsMergeToTheSingleBuildsFile(cuts: [Range<Int>]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (single, merged) = try Self.files(SegmentSetTests.documents(), cuts: cuts, schema: SegmentSetTests.schema,
                                              keywordFields: SegmentSetTests.keywordFields, in: directory)
        #expect(Self.firstDifference(single, merged) == nil)
    }

    /// The frames are copied exactly when every segment but the last holds a multiple of
    /// ``InvertedIndex/batchAlignment`` documents and none has deletions.
    @Test func framesAreCopiedOnlyFromAlignedSegmentsWithoutDeletions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let documents = SegmentSetTests.documents()
        func segments(_ cuts: [Range<Int>]) throws -> [InvertedIndex] {
            try cuts.enumerated().map { slot, cut in
                var builder = try IndexBuilder(schema: SegmentSetTests.schema, tokenizer: .porter, keywordFields: SegmentSetTests.keywordFields)
                for document in documents[cut] { builder.add(document) }
                let path = directory.file("aligned-\(cut.lowerBound)-\(cut.upperBound)-\(slot).tsidx")
                try builder.build().write(to: path)
                return try InvertedIndex.open(path: path)
            }
        }
        func copies(_ index: InvertedIndex) throws -> Bool {
            let path = directory.file("frames-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try #require(FileHandle(forWritingAtPath: path))
            defer { try? handle.close() }
            var sink = SectionSink(handle: handle)
            return try IndexFileWriter.copyFrames(of: index, to: &sink)
        }
        let aligned = try segments([0..<64, 64..<192, 192..<300])
        #expect(try copies(InvertedIndex(segments: aligned, deletions: [[], [], []])))
        #expect(try !copies(InvertedIndex(segments: aligned, deletions: [[], [3], []])))
        #expect(try !copies(InvertedIndex(segments: try segments([0..<100, 100..<300]), deletions: [[], []])))
        #expect(try !copies(aligned[0]))
    }

    /// Words common over the whole index but rare or absent in each segment: "alpha" in 4 documents of
    /// each of three segments of 40 (12 of 120, common at ceil(120 / 32) = 4 overall, and at 2 per
    /// segment), "omega" only in the last segment; their pairs must be found in every segment.
    @Test func pairsOfTermsCommonOnlyOverTheWholeIndex() throws {
        let documents = (1...120).map { number in
            var words = ["the", "talk", number % 10 == 0 ? "alpha" : "beta", "graph"]
            if number > 80 && number % 3 == 0 { words += ["omega", "alpha"] }
            return IndexedDocument(id: "d\(number)", columns: [words.joined(separator: " "), "speaker \(number % 7)", "alpha omega the"],
                                   stored: nil, keywords: [["e\(number % 3)"]], rowid: Int64(number))
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (single, merged) = try Self.files(documents, cuts: [0..<40, 40..<80, 80..<120], schema: SegmentSetTests.schema,
                                              keywordFields: ["event"], in: directory)
        #expect(Self.firstDifference(single, merged) == nil)
        let index = try InvertedIndex.open(path: directory.file("merged-3.tsidx"))
        #expect(try index.commonPairs().pairCount > 0)
    }

    @Test func theSeedCatalogMergesToItsSingleBuild() throws {
        let talks = try CatalogLoader.load([SharedData.seedCatalog], skipInvalid: false).talks
        let documents = talks.enumerated().map { offset, talk in
            var document = talk.document
            document.rowid = Int64(offset + 1)
            return document
        }
        let third = documents.count / 3
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (single, merged) = try Self.files(documents, cuts: [0..<third, third..<(2 * third), (2 * third)..<documents.count],
                                              schema: Talk.columns, keywordFields: Talk.keywordFields, in: directory)
        #expect(Self.firstDifference(single, merged) == nil)
    }

    @Test func segmentsWithDeletionsAreNotMergedFromPostings() throws {
        let (segments, deletions, _) = try SegmentSetTests.scenario()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: IndexFileError.self) {
            try InvertedIndex(segments: segments, deletions: deletions).write(to: directory.file("merged.tsidx"))
        }
    }

    @Test func concatenatedPostingsAreTheJoinedListsEncoding() throws {
        // One term's list over three segments of 10 documents: 2, 7 | 3 | 1, 10 (locally).
        func encoded(_ documents: [(Int32, [Position])]) -> [UInt8] {
            var encoder = PostingEncoder()
            for (document, positions) in documents { for position in positions { encoder.add(document: document, position: position) } }
            var bytes: [UInt8] = []
            encoder.finish(into: &bytes)
            return bytes
        }
        let parts: [[(Int32, [Position])]] = [[(2, [0, 3]), (7, [1])], [(3, [Positions.make(column: 2, offset: 5)])], [(1, [4]), (10, [0, 1, 2])]]
        var joined: [UInt8] = []
        try PostingCodec.concatenate(parts.enumerated().map { slot, part in
            PostingCodec.Part(bytes: encoded(part)[...], shift: 10 * slot, documentCount: 10)
        }, into: &joined)
        let whole = parts.enumerated().flatMap { slot, part in part.map { ($0.0 + Int32(10 * slot), $0.1) } }
        #expect(joined == encoded(whole))
        #expect(throws: PostingCodec.Malformed.self) {
            var out: [UInt8] = []
            try PostingCodec.concatenate([PostingCodec.Part(bytes: [3, 1, 1][...], shift: 0, documentCount: 10)], into: &out)
        }
    }
}
