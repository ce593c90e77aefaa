import Foundation
import Testing
import TestSupport
@testable import TalkCatalog

/// Catalogs are read a chunk at a time: the lines, their numbers and what counts as blank do not
/// depend on where the chunks end.
@Suite struct JSONLinesTests {
    static let text = "{\"id\": \"a\"}\r\n\n   \n{\"id\": \"b\", \"title\": \"two\"}\n\t\r\n{\"id\": \"c\"}\r\n{\"id\": \"d\"}"

    @Test(arguments: [1, 2, 7, 64, 1 << 20])
    func chunkBoundariesDoNotChangeTheLines(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for text in [Self.text, Self.text + "\n", "", "\n\n", "{\"id\": \"x\"}"] {
            let path = try directory.write("c.jsonl", text)
            var lines: [(Int, String)] = []
            try JSONLines.forEach(path, chunkSize: chunkSize) { lines.append(($0.number, String(decoding: $0.bytes, as: UTF8.self))) }
            // The reference: split the whole text's bytes at once (a String would keep "\r\n" as one character).
            var expected: [(Int, String)] = []
            for (offset, line) in Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
                if trimmed.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) { expected.append((offset + 1, String(decoding: trimmed, as: UTF8.self))) }
            }
            #expect(lines.map(\.0) == expected.map(\.0), "\(chunkSize) \(text.debugDescription)")
            #expect(lines.map(\.1) == expected.map(\.1), "\(chunkSize) \(text.debugDescription)")
        }
    }

    /// `forEachTalk` gives what `load` gives, and an error from the caller stops it as it is.
    @Test func forEachTalkStreamsWhatLoadReturns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("c.jsonl", "{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"a\", \"title\": \"again\"}\n{bad\n{\"id\": \"b\", \"title\": \"B\"}\n")
        let loaded = try CatalogLoader.load([path], skipInvalid: true)
        var streamed: [String] = []
        let skipped = try CatalogLoader.forEachTalk([path], skipInvalid: true) { streamed.append($0.id) }
        #expect(streamed == loaded.talks.map(\.id) && streamed == ["a", "b"])
        #expect(skipped.map(\.description) == loaded.skipped.map(\.description) && skipped.count == 2)
        #expect(throws: CatalogError.self) { try CatalogLoader.forEachTalk([path]) { _ in } }
        struct Stop: Error {}
        #expect(throws: Stop.self) { try CatalogLoader.forEachTalk([path], skipInvalid: true) { _ in throw Stop() } }
        #expect(throws: CatalogError(file: directory.file("none.jsonl"), reason: "no such file or directory")) {
            try CatalogLoader.forEachTalk([directory.file("none.jsonl")]) { _ in }
        }
    }
}
