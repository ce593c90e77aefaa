import TalkCatalog
import Testing
@testable import SearchEngine

@Suite struct CRC32Tests {
    @Test func checkValueOfTheStandard() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// zlib's CRC equals the byte-at-a-time definition (`crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)`,
    /// reflected polynomial 0xEDB88320) at every length and alignment, the index files' checksums as
    /// they were written before zlib computed them.
    @Test func zlibEqualsTheBytewiseDefinition() {
        let table: [UInt32] = (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            return value
        }
        var random = SeededRandom(seed: 5)
        let bytes = (0..<700).map { _ in UInt8.random(in: 0...255, using: &random) }
        for start in 0..<17 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let piece = Array(bytes[start..<end])
                var crc: UInt32 = 0xFFFF_FFFF
                for byte in piece { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
                #expect(CRC32.checksum(piece) == crc ^ 0xFFFF_FFFF, "bytes \(start)..<\(end)")
                bytes[start..<end].withUnsafeBytes { #expect(CRC32.checksum($0) == crc ^ 0xFFFF_FFFF) }
            }
        }
    }
}
