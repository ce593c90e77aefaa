import TalkCatalog
import Testing
@testable import SearchEngine

@Suite struct CRC32Tests {
    @Test func checkValueOfTheStandard() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// The 8-bytes-a-step loop equals the byte-at-a-time definition at every length and alignment.
    @Test func slicingEqualsTheBytewiseDefinition() {
        var random = SeededRandom(seed: 5)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &random) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let piece = Array(bytes[start..<end])
                var crc: UInt32 = 0xFFFF_FFFF
                for byte in piece { crc = CRC32.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
                #expect(CRC32.checksum(piece) == crc ^ 0xFFFF_FFFF, "bytes \(start)..<\(end)")
            }
        }
    }
}
