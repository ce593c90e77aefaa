import Foundation
import Testing
import SearchEngine
import TalkCatalog
@testable import TalkSearchCLI

/// A talk's stored record leaves out what a hit carries already (its id, title and description) and
/// the keys of its fields, and a hit with its columns gives the talk back exactly; a record written as a
/// talk's JSON object still reads.
@Suite struct StoredTalkTests {
    static let talk = Talk(id: "pycon-2019/kernels", title: "Kernels, margins; and \"learning\"", speakers: ["Smith; J", "Ada"],
                           description: "Line one.\nLine two: ünïcode.", event: "PyCon 2019", recorded: "2019-05-03",
                           language: "eng", tags: ["ml"], duration: 1800, url: "https://example.org/v")

    static func hit(stored: String?, columns: [Int: String]) -> SearchHit {
        var hit = SearchHit(ordinal: 1, id: talk.id, score: 1, stored: stored)
        hit.columns = columns
        return hit
    }

    @Test func theRecordLeavesOutTheIdTitleAndDescription() throws {
        let document = try StoredTalk.document(Self.talk, encoder: StoredTalk.encoder())
        let stored = try #require(document.stored)
        #expect(!stored.contains("kernels") && !stored.contains("Kernels") && !stored.contains("Line one"), "\(stored)")
        #expect(stored == #"["PyCon 2019","2019-05-03","eng",["Smith; J","Ada"],["ml"],1800,"https://example.org/v"]"#)
        let columns = Dictionary(uniqueKeysWithValues: StoredTalk.columns.map { ($0, document.columns[$0]) })
        #expect(StoredTalk.talk(from: Self.hit(stored: stored, columns: columns)) == Self.talk)
    }

    /// Absent fields are nulls in the middle and left out at the end; every combination reads back.
    @Test(arguments: [(nil, nil, nil, nil), (nil, "https://v", nil, nil), (60, nil, nil, "10:00-11:00"), (0, nil, "INI", nil)] as [(Double?, String?, String?, String?)])
    func optionalFieldsReadBack(duration: Double?, url: String?, institution: String?, slot: String?) throws {
        var talk = Self.talk
        (talk.duration, talk.url, talk.institution, talk.slot, talk.recorded, talk.language) = (duration, url, institution, slot, nil, nil)
        let document = try StoredTalk.document(talk, encoder: StoredTalk.encoder())
        let stored = try #require(document.stored)
        #expect(!stored.hasSuffix(",null]"), "\(stored)")
        let columns = Dictionary(uniqueKeysWithValues: StoredTalk.columns.map { ($0, document.columns[$0]) })
        #expect(StoredTalk.talk(from: Self.hit(stored: stored, columns: columns)) == talk)
    }

    @Test func aRecordWithItsOwnIdAndTitleStillReads() throws {
        var older = Self.talk
        older.description = ""
        let stored = String(decoding: try StoredTalk.encoder().encode(older), as: UTF8.self)
        let talk = StoredTalk.talk(from: Self.hit(stored: stored, columns: [StoredTalk.descriptionColumn: Self.talk.description]))
        #expect(talk == Self.talk)
    }
}
