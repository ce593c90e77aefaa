/// The documents section (docs/FORMAT.md, section 6): each document's id and stored form as a plain
/// record, then the column texts in Zstandard frames, then the frames' table.
///
///     documents    := u64 record-offset{N+1}, record{N}, frame{F}, u32 frame-start{F+1}, u64 frame-offset{F+1}, u64 F
///     record       := bytes id, varint has-stored (0|1), [bytes stored]
///     frame        := one Zstandard frame of texts{frame-start(i+1) - frame-start(i)}
///     texts        := bytes column-text{C}
///
/// Every hit reads its id and stored form, so those stay plain; the column texts (the bulk: a talk's
/// description) are read only for the hits highlighted, snippeted or shown with their columns. The
/// frame table follows the frames.
extension IndexFileWriter {
    /// A frame closes once it holds at least this many bytes of texts (and always at the last
    /// document). pyvideo's 15.3 MB of column texts take 6.8 MB in 1,696 frames of 8 KiB at level 1
    /// (`zstd -b1 -B16384` on the same texts: 6.4 MB in frames of 16 KiB; talks compressed one by one
    /// came to 60% of their size, frames of 8 KiB to 40%); a hit highlighted decompresses one frame.
    static let documentFrameTarget = 8 * 1024

    /// The column texts of every document in frames, compressed on another thread while the other
    /// sections are written (the documents section is written last): pyvideo's took 0.10-0.17 s of the
    /// build's one thread before (libzstd at ~156 MB/s on this machine's 8 KiB frames).
    struct CompressedTexts: Sendable {
        var frames: [UInt8] = []
        var frameStarts: [UInt32] = [0]
        var frameOffsets: [UInt64] = [0]
    }

    static func compressTexts(_ index: InvertedIndex) throws -> CompressedTexts {
        let count = index.documentCount
        let compressor = Zstd.Compressor()
        var texts = CompressedTexts()
        var buffer = ByteWriter()
        buffer.bytes.reserveCapacity(2 * documentFrameTarget)
        for ordinal in stride(from: Int32(1), through: Int32(count), by: 1) {
            for column in 0..<index.schema.count { buffer.data(try index.text(ordinal, column: column).utf8) }
            guard buffer.bytes.count >= documentFrameTarget || Int(ordinal) == count else { continue }
            texts.frames += buffer.bytes.withUnsafeBytes { compressor.compress($0) }
            texts.frameStarts.append(UInt32(ordinal))
            texts.frameOffsets.append(UInt64(texts.frames.count))
            buffer.bytes.removeAll(keepingCapacity: true)
        }
        return texts
    }

    static func writeDocuments(_ index: InvertedIndex, texts: CompressedTexts, to sink: inout SectionSink) throws {
        let count = index.documentCount
        var buffer = ByteWriter()
        // The offset table needs every record's size first: one pass to measure, one to write.
        var total = 0
        buffer.u64(0)
        for ordinal in stride(from: Int32(1), through: Int32(count), by: 1) {
            total += try recordSize(index, ordinal: ordinal)
            buffer.u64(UInt64(total))
            try sink.writeWhenFull(&buffer)
        }
        for ordinal in stride(from: Int32(1), through: Int32(count), by: 1) {
            try appendRecord(index, ordinal: ordinal, to: &buffer)
            try sink.writeWhenFull(&buffer)
        }
        try sink.write(buffer.bytes)
        buffer.bytes.removeAll(keepingCapacity: true)
        try sink.write(texts.frames)
        for start in texts.frameStarts { buffer.u32(start) }
        for offset in texts.frameOffsets { buffer.u64(offset) }
        buffer.u64(UInt64(texts.frameStarts.count - 1))
        try sink.write(buffer.bytes)
    }

    /// The size of ``appendRecord(_:ordinal:to:)``'s record without building it.
    static func recordSize(_ index: InvertedIndex, ordinal: Int32) throws -> Int {
        func field(_ count: Int) -> Int { varintSize(UInt64(count)) + count }
        var size = field(try index.documentID(ordinal).utf8.count) + 1
        if let stored = try index.storedRecord(ordinal) { size += field(stored.utf8.count) }
        return size
    }

    /// Appends document `ordinal`'s record: `bytes id, varint has-stored, [bytes stored]`.
    static func appendRecord(_ index: InvertedIndex, ordinal: Int32, to writer: inout ByteWriter) throws {
        writer.data(try index.documentID(ordinal).utf8)
        if let stored = try index.storedRecord(ordinal) {
            writer.varint(1)
            writer.data(stored.utf8)
        } else {
            writer.varint(0)
        }
    }
}
