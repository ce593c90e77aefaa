import Foundation

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

    /// A frame also closes after every document whose ordinal is a multiple of this, so that frames
    /// never span such an ordinal: the index files of consecutive batches whose sizes are multiples of
    /// it hold exactly the frames one file of all their documents holds, and their merge copies the
    /// compressed frames (``copyFrames(of:to:)``) instead of decompressing every text and compressing
    /// it again (1,000,000 synthetic talks: 7.6 s of the merge's CPU, most of it on its one thread).
    /// pyvideo: 1,696 frames became 1,861, the file 27 KB larger (frames: 6.87 MB).
    static let frameAlignment = InvertedIndex.batchAlignment

    /// Frames compressed at once, on every core, between two writes: memory holds these frames'
    /// texts and compressed bytes, never the whole section (1,000,000 synthetic talks: 320 MB of
    /// frames were held until the section was written, when the texts compressed on another thread
    /// beside the other sections).
    static let framesPerGroup = 64

    static func writeDocuments(_ index: InvertedIndex, to sink: inout SectionSink) throws {
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
        if try copyFrames(of: index, to: &sink) { return }
        // The frames, a group at a time: texts gathered in document order, compressed in parallel,
        // written in order. Only the frame tables stay until the end.
        var frameStarts: [UInt32] = [0]
        var frameOffsets: [UInt64] = [0]
        var group: [[UInt8]] = []
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, framesPerGroup))
        func writeGroup() throws {
            guard !group.isEmpty else { return }
            let texts = group
            let slots = ResultSlots<[UInt8]>(count: texts.count)
            DispatchQueue.concurrentPerform(iterations: min(workers, texts.count)) { worker in
                let compressor = Zstd.Compressor()
                for slot in stride(from: worker, to: texts.count, by: workers) {
                    slots.store(texts[slot].withUnsafeBytes { compressor.compress($0) }, at: slot)
                }
            }
            for frame in slots.values() {
                try sink.write(frame)
                frameOffsets.append(frameOffsets[frameOffsets.count - 1] + UInt64(frame.count))
            }
            group.removeAll(keepingCapacity: true)
        }
        var texts = ByteWriter()
        texts.bytes.reserveCapacity(2 * documentFrameTarget)
        for ordinal in stride(from: Int32(1), through: Int32(count), by: 1) {
            for column in 0..<index.schema.count { texts.data(try index.text(ordinal, column: column).utf8) }
            guard texts.bytes.count >= documentFrameTarget || Int(ordinal) % frameAlignment == 0 || Int(ordinal) == count else { continue }
            group.append(texts.bytes)
            frameStarts.append(UInt32(ordinal))
            texts.bytes.removeAll(keepingCapacity: true)
            if group.count == framesPerGroup { try writeGroup() }
        }
        try writeGroup()
        for start in frameStarts { buffer.u32(start) }
        for offset in frameOffsets { buffer.u64(offset) }
        buffer.u64(UInt64(frameStarts.count - 1))
        try sink.write(buffer.bytes)
    }

    /// Writes the frames and frame table of segments joined without deletions, each segment's frames
    /// copied as they are, when every segment but the last holds a multiple of ``frameAlignment``
    /// documents and each is a file: the frames one build of all the documents writes (frames close at
    /// those ordinals, so none spans two segments). False, having written nothing, otherwise.
    static func copyFrames(of index: InvertedIndex, to sink: inout SectionSink) throws -> Bool {
        guard case .segments(let set) = index.storage, set.deletedCounts.allSatisfy({ $0 == 0 }),
              set.segments.dropLast().allSatisfy({ $0.documentCount % frameAlignment == 0 }) else { return false }
        var files: [MappedIndexFile] = []
        for segment in set.segments {
            guard case .file(let file) = segment.storage else { return false }
            files.append(file)
        }
        var frameStarts: [UInt32] = [0]
        var frameOffsets: [UInt64] = [0]
        for (slot, file) in files.enumerated() {
            let base = UInt32(set.bases[slot]), written = frameOffsets[frameOffsets.count - 1]
            try file.withDocumentFrames { frames, starts, offsets in
                for start in starts.dropFirst() { frameStarts.append(base + UInt32(start)) }
                for offset in offsets.dropFirst() { frameOffsets.append(written + UInt64(offset)) }
                try sink.write(frames)
            }
        }
        var buffer = ByteWriter()
        for start in frameStarts { buffer.u32(start) }
        for offset in frameOffsets { buffer.u64(offset) }
        buffer.u64(UInt64(frameStarts.count - 1))
        try sink.write(buffer.bytes)
        return true
    }

    /// The size of ``appendRecord(_:ordinal:to:)``'s record without building it.
    static func recordSize(_ index: InvertedIndex, ordinal: Int32) throws -> Int {
        func field(_ count: Int) -> Int { varintSize(UInt64(count)) + count }
        let record = try index.documentRecord(ordinal)
        var size = field(record.id.utf8.count) + 1
        if let stored = record.stored { size += field(stored.utf8.count) }
        return size
    }

    /// Appends document `ordinal`'s record: `bytes id, varint has-stored, [bytes stored]`.
    static func appendRecord(_ index: InvertedIndex, ordinal: Int32, to writer: inout ByteWriter) throws {
        let record = try index.documentRecord(ordinal)
        writer.data(record.id.utf8)
        if let stored = record.stored {
            writer.varint(1)
            writer.data(stored.utf8)
        } else {
            writer.varint(0)
        }
    }
}
