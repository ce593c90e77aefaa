import Foundation

/// Where the frames of a file's documents section are (section-relative offsets), read from the
/// section's trailer on first use (format in ``IndexFileWriter/writeDocuments(_:to:)``).
struct DocumentFrames: Sendable {
    /// Where the first frame starts: just after the records.
    var framesStart: Int
    /// Σ of the frames' sizes (`frame-offset(F)`).
    var framesLength: Int
    var frameCount: Int
    /// Where the u32 frame-start table starts; the u64 frame-offset table follows it.
    var frameStarts: Int
    var frameOffsets: Int
}

/// The frame decompressed last, with where each document's texts start in it: a hit's column texts
/// (asked for one at a time) cost one decompression between them, and a walk over every document one
/// per frame.
final class DecodedFrameCache: @unchecked Sendable {
    struct Frame {
        var index: Int
        var content: [UInt8]
        /// The texts of the frame's document i are content[textStarts[i]..<textStarts[i + 1]].
        var textStarts: [Int]
    }

    private let lock = NSLock()
    private var kept: Frame?

    func frame(_ index: Int) -> Frame? {
        lock.lock()
        defer { lock.unlock() }
        return kept?.index == index ? kept : nil
    }

    func keep(_ frame: Frame) {
        lock.lock()
        kept = frame
        lock.unlock()
    }
}

extension MappedIndexFile {
    private func documentsProblem(_ reason: String) -> IndexFileError {
        IndexFileError(file: path, section: Section.documents.name, reason: reason)
    }

    /// The verified record bytes of document `ordinal` (from the start of the file).
    private func recordRange(_ ordinal: Int32) throws(IndexFileError) -> Range<Int> {
        let info = sections[.documents]!
        guard ordinal >= 1, Int(ordinal) <= meta.documentCount else { throw documentsProblem("no document \(ordinal)") }
        let tableBytes = (meta.documentCount + 1) * 8
        try verify(.documents, range: (Int(ordinal) - 1) * 8..<(Int(ordinal) + 1) * 8)
        let start = u64(.documents, at: Int(ordinal) - 1), end = u64(.documents, at: Int(ordinal))
        guard start >= 0, start <= end, end <= info.length - tableBytes else {
            throw documentsProblem("document \(ordinal) points out of bounds")
        }
        try verify(.documents, range: (tableBytes + start)..<(tableBytes + end))
        return (info.offset + tableBytes + start)..<(info.offset + tableBytes + end)
    }

    /// The id of document `ordinal`, without decoding the rest of its record.
    func idBytes(_ ordinal: Int32) throws(IndexFileError) -> [UInt8] {
        let range = try recordRange(ordinal)
        var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        do throws(ByteReader.Overrun) {
            return Array(try reader.data())
        } catch {
            throw documentsProblem("document \(ordinal) is malformed")
        }
    }

    /// The id and the stored form (nil when it was given none) of document `ordinal`, from one read
    /// of its record: what every hit shows (reading the id and the stored form apart found and
    /// verified the record twice, and the id went through an array: about a third of a hit's 3,400
    /// instructions).
    func record(_ ordinal: Int32) throws(IndexFileError) -> (id: String, stored: String?) {
        let range = try recordRange(ordinal)
        var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        do throws(ByteReader.Overrun) {
            let id = String(decoding: try reader.data(), as: UTF8.self)
            let flag = try reader.int()
            guard flag <= 1 else { throw ByteReader.Overrun() }
            let stored = flag == 1 ? String(decoding: try reader.data(), as: UTF8.self) : nil
            guard reader.isAtEnd else { throw ByteReader.Overrun() }
            return (id, stored)
        } catch {
            throw documentsProblem("document \(ordinal) is malformed")
        }
    }

    /// One column text of document `ordinal`, from its frame.
    func text(_ ordinal: Int32, column: Int) throws(IndexFileError) -> String {
        guard ordinal >= 1, Int(ordinal) <= meta.documentCount else { throw documentsProblem("no document \(ordinal)") }
        let layout = try documentFrames.get(readFrameTable)
        let target = Int(ordinal)
        let slot = partitionPoint(0..<layout.frameCount) { frameStart(layout, $0 + 1) < target }
        guard slot < layout.frameCount, frameStart(layout, slot) < target else {
            throw documentsProblem("no frame holds document \(ordinal)")
        }
        let frame = try decodedFrame(slot, layout)
        let local = target - frameStart(layout, slot) - 1
        return frame.content.withUnsafeBytes { content in
            var reader = ByteReader(content, from: frame.textStarts[local], to: frame.textStarts[local + 1])
            // The frame's texts were walked when it was decoded: these reads cannot overrun.
            for _ in 0..<column { _ = try! reader.data() }
            return String(decoding: try! reader.data(), as: UTF8.self)
        }
    }

    /// Every record and every frame of the documents section, decompressed and walked (for `check`).
    func verifyDocuments() throws(IndexFileError) {
        for ordinal in stride(from: Int32(1), through: Int32(meta.documentCount), by: 1) { _ = try record(ordinal) }
        let layout = try documentFrames.get(readFrameTable)
        for slot in 0..<layout.frameCount { _ = try decodedFrame(slot, layout, keep: false) }
    }

    /// Calls `body` with the documents section's frames (verified, as they lie in the file), the
    /// ordinal before each frame's first document (F + 1 of them, the last the document count) and
    /// each frame's offset in `frames` (F + 1, the last its length). For a merge that copies them.
    func withDocumentFrames(_ body: (UnsafeRawBufferPointer, [Int], [Int]) throws -> Void) throws {
        let layout = try documentFrames.get(readFrameTable)
        try verify(.documents, range: layout.framesStart..<(layout.framesStart + layout.framesLength))
        let starts = (0...layout.frameCount).map { frameStart(layout, $0) }
        let offsets = (0...layout.frameCount).map { frameOffset(layout, $0) }
        for slot in 0..<layout.frameCount {
            guard starts[slot] < starts[slot + 1], offsets[slot] < offsets[slot + 1] else {
                throw documentsProblem("frame \(slot): its table entries are out of order")
            }
        }
        let start = sections[.documents]!.offset + layout.framesStart
        try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + layout.framesLength)]), starts, offsets)
    }

    /// Reads and checks the trailer: `u32 frame-start{F+1}, u64 frame-offset{F+1}, u64 F` end the
    /// section; the frames lie between the records and them.
    private func readFrameTable() throws(IndexFileError) -> DocumentFrames {
        let info = sections[.documents]!
        let count = meta.documentCount
        let recordTable = (count + 1) * 8
        try verify(.documents, range: count * 8..<recordTable)
        try verify(.documents, range: (info.length - 8)..<info.length)
        let recordsLength = u64(.documents, at: count)
        let frameCount = Int(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: info.offset + info.length - 8, as: UInt64.self)))
        guard frameCount >= 0, frameCount <= count, (frameCount == 0) == (count == 0) else {
            throw documentsProblem("\(frameCount) frames for \(count) documents")
        }
        let tables = 12 * (frameCount + 1) + 8
        guard recordsLength >= 0, recordsLength <= info.length - recordTable - tables else {
            throw documentsProblem("the records and the frame table overlap")
        }
        let frameStarts = info.length - tables
        let layout = DocumentFrames(framesStart: recordTable + recordsLength, framesLength: frameStarts - recordTable - recordsLength,
                                    frameCount: frameCount, frameStarts: frameStarts,
                                    frameOffsets: frameStarts + 4 * (frameCount + 1))
        try verify(.documents, range: frameStarts..<(info.length - 8))
        guard frameStart(layout, 0) == 0, frameStart(layout, frameCount) == count,
              frameOffset(layout, 0) == 0, frameOffset(layout, frameCount) == layout.framesLength else {
            throw documentsProblem("the frame table does not cover the documents and frames")
        }
        return layout
    }

    /// The ordinal before frame `slot`'s first document (slot ≤ F; verified with the table).
    private func frameStart(_ layout: DocumentFrames, _ slot: Int) -> Int {
        let offset = sections[.documents]!.offset + layout.frameStarts + slot * 4
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    private func frameOffset(_ layout: DocumentFrames, _ slot: Int) -> Int {
        let offset = sections[.documents]!.offset + layout.frameOffsets + slot * 8
        return Int(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// Frame `slot` decompressed and walked: exactly its documents' texts, filling it.
    private func decodedFrame(_ slot: Int, _ layout: DocumentFrames, keep: Bool = true) throws(IndexFileError) -> DecodedFrameCache.Frame {
        if let kept = frameCache.frame(slot) { return kept }
        let first = frameStart(layout, slot), last = frameStart(layout, slot + 1)
        let from = frameOffset(layout, slot), to = frameOffset(layout, slot + 1)
        guard first < last, from >= 0, from < to, to <= layout.framesLength else {
            throw documentsProblem("frame \(slot): its table entries are out of order")
        }
        try verify(.documents, range: (layout.framesStart + from)..<(layout.framesStart + to))
        let start = sections[.documents]!.offset + layout.framesStart
        let content: [UInt8]
        do {
            content = try Zstd.decompress(UnsafeRawBufferPointer(rebasing: bytes[(start + from)..<(start + to)]), limit: Int(Int32.max))
        } catch {
            throw documentsProblem("frame \(slot) does not decompress: \(error)")
        }
        let columns = meta.columns.count
        let textStarts = content.withUnsafeBytes { content -> [Int]? in
            var reader = ByteReader(content, from: 0, to: content.count)
            var starts = [0]
            starts.reserveCapacity(last - first + 1)
            do throws(ByteReader.Overrun) {
                for _ in first..<last {
                    for _ in 0..<columns { _ = try reader.data() }
                    starts.append(reader.offset)
                }
            } catch {
                return nil
            }
            return reader.isAtEnd ? starts : nil
        }
        guard let textStarts else {
            throw documentsProblem("frame \(slot) does not hold exactly the texts of documents \(first + 1)...\(last)")
        }
        let frame = DecodedFrameCache.Frame(index: slot, content: content, textStarts: textStarts)
        if keep { frameCache.keep(frame) }
        return frame
    }
}
