import Foundation
import Testing
import SearchEngine
import TalkCatalog
import TestSupport
@testable import TalkSearchCLI

/// A talk's stored record leaves out what a hit carries already (its id, title and description) and
/// the keys of its fields, and a hit with its columns gives the talk back exactly; a record written as a
/// talk's JSON object still reads.
@Suite struct StoredTalkTests {
    static let talk = Talk(id: "pycon-2019/kernels", title: "Kernels, margins; and \"learning\"", speakers: ["Smith; J", "Ada"],
                           description: "Line one.\nLine two: ünïcode.", event: "PyCon 2019", recorded: "2019-05-03",
                           language: "eng", tags: ["ml"], duration: 1800, url: "https://example.org/v")

    /// The encoder whose output ``StoredTalk/Fields/json`` must match (compact, slashes unescaped).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    static func hit(stored: String?, columns: [Int: String]) -> SearchHit {
        var hit = SearchHit(ordinal: 1, id: talk.id, score: 1, stored: stored)
        hit.columns = columns
        return hit
    }

    @Test func theRecordLeavesOutTheIdTitleAndDescription() throws {
        let document = StoredTalk.document(Self.talk)
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
        let document = StoredTalk.document(talk)
        let stored = try #require(document.stored)
        #expect(!stored.hasSuffix(",null]"), "\(stored)")
        let columns = Dictionary(uniqueKeysWithValues: StoredTalk.columns.map { ($0, document.columns[$0]) })
        #expect(StoredTalk.talk(from: Self.hit(stored: stored, columns: columns)) == talk)
    }

    /// ``StoredTalk/Fields/json`` writes exactly what `JSONEncoder` writes for the fields: escapes,
    /// every control character, numbers integral or not, nulls in the middle and none at the end.
    @Test(arguments: [
        Self.talk,
        Talk(id: "x", title: "t", speakers: [], event: "q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F} é😀", recorded: nil, language: nil,
             tags: ["a", ""], duration: 12.5, url: nil, institution: nil, slot: "s"),
        Talk(id: "y", title: "t", event: "", duration: 0.1),
        Talk(id: "z", title: "t", event: "", duration: nil, url: nil, institution: "INI"),
    ])
    func theRecordIsWhatJSONEncoderWrites(talk: Talk) throws {
        let encoded = String(decoding: try Self.encoder().encode(StoredTalk.Fields(talk)), as: UTF8.self)
        #expect(StoredTalk.Fields(talk).json == encoded)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func everyPyvideoRecordIsWhatJSONEncoderWrites() throws {
        let encoder = Self.encoder()
        let talks = try CatalogLoader.load([SharedData.pyvideoCatalog]).talks
        let differing = try talks.filter { talk in
            try StoredTalk.Fields(talk).json != String(decoding: encoder.encode(StoredTalk.Fields(talk)), as: UTF8.self)
        }
        #expect(talks.count == 21_715)
        #expect(differing.map(\.id) == [])
    }

    @Test func aRecordWithItsOwnIdAndTitleStillReads() throws {
        var older = Self.talk
        older.description = ""
        let stored = String(decoding: try Self.encoder().encode(older), as: UTF8.self)
        let talk = StoredTalk.talk(from: Self.hit(stored: stored, columns: [StoredTalk.descriptionColumn: Self.talk.description]))
        #expect(talk == Self.talk)
    }
}
