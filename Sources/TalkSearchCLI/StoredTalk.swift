import Foundation
import SearchEngine
import TalkCatalog

/// Talks as stored documents: the indexed columns plus the rest of the talk, returned with hits.
///
/// The stored record holds only what a hit does not carry already, as a JSON array in a fixed order
/// (``Fields``): the id is the hit's own, and the title and description are column texts, which both
/// backends keep (the engine in its frames, FTS5 in its content). Storing the description twice made
/// up a third of the index (pyvideo: 17 of 53 MB in the engine's file); the id and title twice 2.7 MB
/// of each backend, and the keys of a JSON object 2.1 MB more. The speakers stay: their column joins
/// the names with "; ", which a name may contain. A hit asks for the columns with
/// ``SearchOptions/columns`` (``columns``). Records written as a talk's JSON object (before) still read.
enum StoredTalk {
    static let titleColumn = Talk.columns.index(of: "title")!
    /// The description's column, which hits carry when ``SearchOptions/columns`` names it.
    static let descriptionColumn = Talk.columns.index(of: "description")!
    /// The columns a hit needs for ``talk(from:)``.
    static let columns = [titleColumn, descriptionColumn]

    /// `[event, recorded, language, speakers, tags, duration, url, institution, slot]`, nulls where
    /// absent and trailing nulls left out.
    struct Fields: Codable, Equatable {
        var event: String
        var recorded: String?
        var language: String?
        var speakers: [String]
        var tags: [String]
        var duration: Double?
        var url: String?
        var institution: String?
        var slot: String?

        init(_ talk: Talk) {
            event = talk.event
            recorded = talk.recorded
            language = talk.language
            speakers = talk.speakers
            tags = talk.tags
            duration = talk.duration
            url = talk.url
            institution = talk.institution
            slot = talk.slot
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(event)
            try container.encode(recorded)
            try container.encode(language)
            try container.encode(speakers)
            try container.encode(tags)
            let optionals: [Encodable?] = [duration, url, institution, slot]
            let kept = optionals.lastIndex { $0 != nil }.map { $0 + 1 } ?? 0
            for value in optionals.prefix(kept) {
                if let value { try container.encode(value) } else { try container.encodeNil() }
            }
        }

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            event = try container.decode(String.self)
            recorded = try container.decode(String?.self)
            language = try container.decode(String?.self)
            speakers = try container.decode([String].self)
            tags = try container.decode([String].self)
            duration = container.isAtEnd ? nil : try container.decode(Double?.self)
            url = container.isAtEnd ? nil : try container.decode(String?.self)
            institution = container.isAtEnd ? nil : try container.decode(String?.self)
            slot = container.isAtEnd ? nil : try container.decode(String?.self)
        }
    }

    static func documents(_ talks: [Talk]) -> [IndexedDocument] {
        talks.map(document)
    }

    static func document(_ talk: Talk) -> IndexedDocument {
        var document = talk.document
        document.stored = Fields(talk).json
        return document
    }

    /// The hit's talk: its stored fields, with the id from the hit and the title and description from
    /// the hit's column texts (a record written as a talk's object has them itself, but for the
    /// description).
    static func talk(from hit: SearchHit) -> Talk? {
        guard let stored = hit.stored else { return nil }
        let data = Data(stored.utf8)
        var talk: Talk
        if stored.hasPrefix("["), let fields = try? JSONDecoder().decode(Fields.self, from: data) {
            talk = Talk(id: hit.id, title: "", speakers: fields.speakers, event: fields.event, recorded: fields.recorded,
                        language: fields.language, tags: fields.tags, duration: fields.duration, url: fields.url,
                        institution: fields.institution, slot: fields.slot)
        } else if let object = try? JSONDecoder().decode(Talk.self, from: data) {
            talk = object
        } else {
            return nil
        }
        if talk.id.isEmpty { talk.id = hit.id }
        if talk.title.isEmpty, let title = hit.columns[titleColumn] { talk.title = title }
        if let description = hit.columns[descriptionColumn] { talk.description = description }
        return talk
    }
}
