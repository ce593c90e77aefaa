import Foundation
import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// The documents section: ids and stored forms plain, column texts in Zstandard frames. Every document
/// reads back as it was given, across frames of many documents and frames of one large one; a frame that passes every
/// checksum but is not what the table says is named by `verifyChecksums()` (`check`) and by the read.
@Suite struct DocumentFramesTests {
    static let schema = ColumnSchema(names: ["title", "speakers", "description"])

    /// 300 documents: small ones, empty columns, no stored form, and every 50th with a description of
    /// 30 KB (more than a frame's 8 KiB on its own).
    static let documents: [IndexedDocument] = (1...300).map { number in
        let description = number % 50 == 0
            ? String(repeating: "a long abstract on kernels, margins and Poincaré maps \(number); ", count: 500)
            : number % 7 == 0 ? "" : String(repeating: "Notes for talk \(number): gradient descent, étude \(number * 31 % 97). ", count: 4)
        return IndexedDocument(id: "talk/\(number)-é", columns: ["Title \(number)", number % 11 == 0 ? "" : "Speaker \(number % 13)", description],
                               stored: number % 4 == 0 ? nil : "{\"n\":\(number)}", keywords: [])
    }

    static func write(_ documents: [IndexedDocument]) throws -> (TemporaryDirectory, String, InvertedIndex) {
        let directory = try TemporaryDirectory()
        let memory = try EngineBackend(documents: documents, schema: schema, tokenizer: .porter).index
        let path = directory.file("engine.tsidx")
        try memory.write(to: path)
        return (directory, path, memory)
    }

    static func mapped(_ index: InvertedIndex) throws -> MappedIndexFile {
        guard case .file(let file) = index.storage else { throw IndexFileError(file: "", reason: "not a file-backed index") }
        return file
    }

    @Test func everyDocumentReadsBackAcrossFrames() throws {
        let (directory, path, memory) = try Self.write(Self.documents)
        defer { directory.remove() }
        let index = try InvertedIndex.open(path: path)
        try index.verifyChecksums()
        // Backwards: each frame's last record is read first, from a frame no read has kept.
        for ordinal in stride(from: Int32(300), through: 1, by: -1) {
            #expect(try index.document(ordinal) == memory.document(ordinal), "document \(ordinal)")
            #expect(try index.documentID(ordinal) == memory.documentID(ordinal))
        }
        #expect(try index.ordinal(ofID: "talk/150-é") == 150)
        let file = try Self.mapped(index)
        let frameCount = try file.frameCountForTests()
        // ~300 bytes a document: frames of up to ~27 documents, cut short by each long one (12 here).
        #expect(frameCount >= 10 && frameCount < 30, "\(frameCount) frames")
        // The long descriptions compress: the frames are far smaller than the texts they hold.
        let textBytes = Self.documents.reduce(0) { $0 + $1.columns.reduce(0) { $0 + $1.utf8.count } }
        let framesBytes = file.sections[.documents]!.length - file.framesStartForTests()
        #expect(framesBytes < textBytes / 5, "\(framesBytes) of \(textBytes)")
    }

    @Test func anEmptyIndexHasNoFrames() throws {
        let (directory, path, _) = try Self.write([])
        defer { directory.remove() }
        let index = try InvertedIndex.open(path: path)
        try index.verifyChecksums()
        #expect(index.documentCount == 0)
        #expect(throws: IndexFileError.self) { try index.document(1) }
    }

    /// Recomputes every checksum of an index file (each block's, each section's list, the table's,
    /// the header's), so that a change passes them all and only the format's own checks can see it.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func put(_ value: UInt32, at: Int) { for byte in 0..<4 { bytes[at + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte))) } }
        let sectionCount = u32(12)
        for section in 0..<sectionCount {
            let entry = IndexFileFormat.headerSize + section * IndexFileFormat.sectionEntrySize
            let blockSize = u32(entry + 4), offset = u64(entry + 8), length = u64(entry + 16)
            let checksums = u64(entry + 24), blocks = u32(entry + 32)
            for block in 0..<blocks {
                let start = offset + block * blockSize
                put(CRC32.checksum(Array(bytes[start..<min(start + blockSize, offset + length)])), at: checksums + 4 * block)
            }
            put(CRC32.checksum(Array(bytes[checksums..<(checksums + 4 * blocks)])), at: entry + 36)
        }
        let tableEnd = IndexFileFormat.headerSize + sectionCount * IndexFileFormat.sectionEntrySize
        put(CRC32.checksum(Array(bytes[IndexFileFormat.headerSize..<tableEnd])), at: 16)
        put(CRC32.checksum(Array(bytes[0..<20])), at: 20)
        return bytes
    }

    /// Writes the file again with `change` applied to its bytes (given where `section` lies in them)
    /// and every checksum recomputed.
    static func changed(_ path: String, section: IndexFileFormat.Section = .documents,
                        _ change: (inout [UInt8], _ section: Range<Int>) -> Void) throws {
        let index = try InvertedIndex.open(path: path)
        let info = try mapped(index).sections[section]!
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes, info.offset..<(info.offset + info.length))
        try FileManager.default.removeItem(atPath: path)
        try Data(resealed(bytes)).write(to: URL(fileURLWithPath: path))
    }

    @Test func resealingAloneChangesNothing() throws {
        let (directory, path, _) = try Self.write(Self.documents)
        defer { directory.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try Self.changed(path) { _, _ in }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFrameThatIsNotZstandardIsNamed() throws {
        let (directory, path, memory) = try Self.write(Self.documents)
        defer { directory.remove() }
        // The first frame starts after the records; its first four bytes are Zstandard's magic number.
        let framesStart = try Self.mapped(InvertedIndex.open(path: path)).framesStartForTests()
        try Self.changed(path) { bytes, section in bytes[section.lowerBound + framesStart] ^= 0xFF }
        let index = try InvertedIndex.open(path: path)
        let error = try #require(throws: IndexFileError.self) { try index.verifyChecksums() }
        #expect(error.section == "documents" && error.reason.hasPrefix("frame 0 does not decompress"), "\(error)")
        #expect(throws: IndexFileError.self) { try index.document(1) }
        // Hits read records (id, stored form), not frames: a search still answers; other frames still read.
        #expect(try EngineBackend(index: index).search("talk", options: SearchOptions(limit: 10)).hits.count == 10)
        #expect(try index.document(300) == memory.document(300))
    }

    @Test func aFrameTableThatDisagreesWithTheRecordsIsNamed() throws {
        let (directory, path, _) = try Self.write(Self.documents)
        defer { directory.remove() }
        // frame-start(1) one higher: frame 0 is said to hold one more record than it does.
        let frameCount = try Self.mapped(InvertedIndex.open(path: path)).frameCountForTests()
        try Self.changed(path) { bytes, section in
            let entry = section.upperBound - 8 - 12 * (frameCount + 1) + 4
            bytes[entry] &+= 1
        }
        let index = try InvertedIndex.open(path: path)
        let error = try #require(throws: IndexFileError.self) { try index.verifyChecksums() }
        #expect(error.section == "documents" && error.reason.contains("frame 0 does not hold exactly the texts"), "\(error)")
    }
}

extension MappedIndexFile {
    /// Where the first frame starts in the documents section: record-offset(N) after the offset table.
    func framesStartForTests() -> Int {
        (meta.documentCount + 1) * 8 + u64(.documents, at: meta.documentCount)
    }

    func frameCountForTests() throws -> Int {
        let info = sections[.documents]!
        return Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: info.offset + info.length - 8, as: UInt64.self)))
    }
}
