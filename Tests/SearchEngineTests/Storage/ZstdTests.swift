import Testing
import TalkCatalog
@testable import SearchEngine

/// The Zstandard wrapper: frames round-trip, and a frame that is not one, is cut short or claims more
/// than it may is an error, never a crash.
@Suite struct ZstdTests {
    static func compressed(_ content: [UInt8]) -> [UInt8] {
        content.withUnsafeBytes { Zstd.Compressor().compress($0) }
    }

    @Test(arguments: [0, 1, 100, 8192, 300_000])
    func framesRoundTrip(size: Int) throws {
        var random = SeededRandom(seed: UInt64(size))
        let words = ["deep", "learning", "robust", "Poincaré", " ", "\n", "networks"].map { Array($0.utf8) }
        var content: [UInt8] = []
        while content.count < size { content += words[Int.random(in: 0..<words.count, using: &random)] }
        content = Array(content.prefix(size))
        let frame = Self.compressed(content)
        if size >= 8192 { #expect(frame.count < content.count / 3) }
        #expect(try frame.withUnsafeBytes { try Zstd.decompress($0, limit: size) } == content)
    }

    @Test func damagedFramesAreErrors() throws {
        let content = Array(String(repeating: "stochastic gradient descent ", count: 200).utf8)
        let frame = Self.compressed(content)
        #expect(throws: Zstd.Failure.self) { try frame.withUnsafeBytes { try Zstd.decompress($0, limit: content.count - 1) } }
        #expect(throws: Zstd.Failure.self) { try Array(frame.dropLast()).withUnsafeBytes { try Zstd.decompress($0, limit: 1 << 20) } }
        #expect(throws: Zstd.Failure.self) { try (frame + [0]).withUnsafeBytes { try Zstd.decompress($0, limit: 1 << 20) } }
        #expect(throws: Zstd.Failure.self) { try Array(content.prefix(64)).withUnsafeBytes { try Zstd.decompress($0, limit: 1 << 20) } }
        var flipped = frame
        flipped[flipped.count / 2] ^= 0xFF
        // A flipped byte inside the compressed data either fails or (rarely) decodes to other bytes
        // of the declared size; file sections carry CRCs for that.
        if let decoded = try? flipped.withUnsafeBytes({ try Zstd.decompress($0, limit: 1 << 20) }) {
            #expect(decoded.count == content.count)
        }
    }
}
