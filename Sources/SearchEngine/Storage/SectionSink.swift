import Foundation

/// Writes one section's payload to the index file as it is produced, cutting it into
/// ``IndexFileFormat/blockSize`` blocks and taking each block's CRC-32 on the way, so that no section
/// is ever held whole in memory.
struct SectionSink {
    let handle: FileHandle
    private var block: [UInt8] = []
    private(set) var checksums = ByteWriter()
    private(set) var length = 0
    private(set) var blockCount = 0

    init(handle: FileHandle) {
        self.handle = handle
        block.reserveCapacity(IndexFileFormat.blockSize)
    }

    mutating func write<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let room = IndexFileFormat.blockSize - block.count
            let piece = rest.prefix(room)
            block.append(contentsOf: piece)
            rest = rest.dropFirst(piece.count)
            if block.count == IndexFileFormat.blockSize { try flushBlock() }
        }
    }

    /// Writes `buffer` and empties it once it holds a block or more: what a section's encoder calls
    /// after each item it appends, so that it writes in blocks rather than an item at a time.
    mutating func writeWhenFull(_ buffer: inout ByteWriter) throws {
        guard buffer.bytes.count >= IndexFileFormat.blockSize else { return }
        try write(buffer.bytes)
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the last, shorter block (if any); afterwards `checksums`, `length` and `blockCount` are final.
    mutating func finish() throws {
        if !block.isEmpty { try flushBlock() }
    }

    private mutating func flushBlock() throws {
        checksums.u32(CRC32.checksum(block))
        try handle.write(contentsOf: Data(block))
        length += block.count
        blockCount += 1
        block.removeAll(keepingCapacity: true)
    }
}
