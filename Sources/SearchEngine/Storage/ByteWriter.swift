/// Appends the index file's primitive encodings to a byte buffer.
///
/// LEB128 varints (7 bits a byte, low bits first, high bit set on every byte but the last) and
/// little-endian fixed-width integers.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func varint(_ value: Int) { varint(UInt64(value)) }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// `bytes`: the varint length, then the bytes (a `[UInt8]`, a string's `utf8`, a slice).
    mutating func data<Bytes: Collection<UInt8>>(_ value: Bytes) {
        varint(value.count)
        bytes.append(contentsOf: value)
    }
}

/// Reads the same encodings from a bounded region, throwing instead of reading past its end.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.base = base
        offset = start
        self.end = end
    }

    struct Overrun: Error {}

    var isAtEnd: Bool { offset >= end }

    /// An unsigned LEB128 value. Most values in postings (position deltas, counts) fit one byte, so
    /// that case returns before the loop.
    @inline(__always)
    mutating func varint() throws(Overrun) -> UInt64 {
        if offset < end {
            let byte = base[offset]
            if byte < 0x80 {
                offset += 1
                return UInt64(byte)
            }
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Overrun() }
            let byte = base[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Three varints at once when each is one byte (below 128), as a document's ordinal delta, count
    /// and position length mostly are; nil, reading nothing, otherwise (then read them one by one).
    /// One bounds check and one test of the three bytes' high bits instead of three of each.
    @inline(__always)
    mutating func threeSingleByteVarints() -> (Int, Int, Int)? {
        guard end - offset >= 3 else { return nil }
        let first = base[offset], second = base[offset + 1], third = base[offset + 2]
        guard (first | second | third) < 0x80 else { return nil }
        offset += 3
        return (Int(first), Int(second), Int(third))
    }

    /// Three varints one by one; nil when one runs out or does not fit an `Int`.
    @inline(__always)
    mutating func threeVarints() -> (Int, Int, Int)? {
        guard let first = try? int(), let second = try? int(), let third = try? int() else { return nil }
        return (first, second, third)
    }

    @inline(__always)
    mutating func int() throws(Overrun) -> Int {
        let value = try varint()
        guard value <= UInt64(Int.max) else { throw Overrun() }
        return Int(value)
    }

    /// The position after `previous` in a positions stream: one step (``PostingCodec/appendStep(from:to:into:)``).
    /// Wrapping arithmetic: malformed bytes give a wrong position (which `check` reports), never a trap.
    @inline(__always)
    mutating func position(after previous: Position) throws(Overrun) -> Position {
        // Every column is at most Position.max: the step is always read whole.
        try position(after: previous, columnAtMost: .max)!
    }

    /// The same, or nil when the step goes to a column after `lastColumn`, whose offset is then left
    /// unread (a column filter's scan stops there: most documents of a common term at one byte).
    @inline(__always)
    mutating func position(after previous: Position, columnAtMost lastColumn: Position) throws(Overrun) -> Position? {
        let step = try varint()
        if step & 1 == 0 { return previous &+ Position(truncatingIfNeeded: step >> 1) }
        let column = Position(truncatingIfNeeded: step >> 1) &+ (previous >> 32)
        if column > lastColumn { return nil }
        let offset = try varint()
        return column &<< 32 | Position(truncatingIfNeeded: offset & 0xFFFF_FFFF)
    }

    mutating func u32() throws(Overrun) -> UInt32 {
        guard offset + 4 <= end else { throw Overrun() }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(base[offset + index]) << UInt32(8 * index) }
        offset += 4
        return value
    }

    mutating func u64() throws(Overrun) -> UInt64 {
        guard offset + 8 <= end else { throw Overrun() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(base[offset + index]) << UInt64(8 * index) }
        offset += 8
        return value
    }

    mutating func bytes(_ count: Int) throws(Overrun) -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= end else { throw Overrun() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
    }

    mutating func data() throws(Overrun) -> UnsafeRawBufferPointer { try bytes(try int()) }
}
