import Foundation
import Testing
import TestSupport
@testable import TalkCatalog

/// The read-ahead hands over every record in file order, the bad ones too, then the end; a caller
/// that stops early stops the reader.
@Suite struct RecordReadAheadTests {
    /// More lines than the chunks that may wait at once, so the reader has to wait for the caller.
    static let lineCount = RecordReadAhead.chunkLines * (RecordReadAhead.depth + 3) + 17

    private func catalog(badLine: Int? = nil) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let lines = (1...Self.lineCount).map { line in
            line == badLine ? #"{"id": "t\#(line)", "title": }"# : #"{"id": "t\#(line)", "title": "Talk \#(line)"}"#
        }
        return (directory, try directory.write("c.jsonl", lines.joined(separator: "\n\n") + "\n"))
    }

    @Test func everyRecordComesInFileOrder() throws {
        let (directory, path) = try catalog(badLine: 1000)
        defer { directory.remove() }
        let ahead = RecordReadAhead(path: path)
        var records: [LocatedRecord] = []
        while let chunk = try ahead.next() {
            #expect(!chunk.isEmpty)
            records += chunk
        }
        #expect(try ahead.next() == nil)
        #expect(records.count == Self.lineCount)
        // Blank lines between records count as lines: record k is on line 2k - 1.
        #expect(records.enumerated().allSatisfy { $0.element.line == 2 * $0.offset + 1 })
        for (offset, record) in records.enumerated() {
            switch record.result {
            case .success(let talk): #expect(talk.id == "t\(offset + 1)")
            case .failure(let error): #expect(offset + 1 == 1000 && error.description.contains("invalid JSON"))
            }
        }
    }

    @Test func aStrictLoadStopsAtTheFirstBadLineAndTheSkippingLoadKeepsTheRest() throws {
        let (directory, path) = try catalog(badLine: Self.lineCount - 5)
        defer { directory.remove() }
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([path]) }
        #expect(error.line == 2 * (Self.lineCount - 5) - 1)
        let loaded = try CatalogLoader.load([path], skipInvalid: true)
        #expect(loaded.talks.count == Self.lineCount - 1 && loaded.skipped.count == 1)
        #expect(loaded.talks.last?.id == "t\(Self.lineCount)")
    }

    @Test func aCallerThatStopsEarlyStopsTheReader() throws {
        let (directory, path) = try catalog()
        defer { directory.remove() }
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            _ = try CatalogLoader.forEachTalk([path]) { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        // The reader, cancelled, ends: a second walk of the same file sees it whole.
        var again = 0
        _ = try CatalogLoader.forEachTalk([path]) { _ in again += 1 }
        #expect(again == Self.lineCount)
    }

    @Test func aMissingFileIsTheReadersError() {
        let ahead = RecordReadAhead(path: "/nonexistent/catalog.jsonl")
        let error = #expect(throws: CatalogError.self) { _ = try ahead.next() }
        #expect(error?.description.contains("no such file") == true)
    }
}
