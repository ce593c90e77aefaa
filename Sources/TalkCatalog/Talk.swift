import SearchEngine

/// One recorded talk: the unit TalkSearch indexes and returns.
///
/// The JSON form (one object per line in a JSONL catalog) uses these keys:
/// `id`, `title`, `speakers`, `description`, `event`, `recorded`, `language`, `tags`, `duration`, `url`,
/// plus the optional `institution` and `slot` that seminar archives carry (absent in pyvideo's data).
///
/// Invariants (enforced by the loaders, see ``TalkRecordDecoder``): `id` and `title` are non-empty;
/// `recorded`, when present, is a valid ISO 8601 date (`YYYY-MM-DD`, optionally with a time); `duration`, when present, is finite and >= 0.
public struct Talk: Hashable, Sendable, Codable {
    /// Stable, unique identifier, by convention `EVENT-FOLDER/SLUG`.
    public var id: String
    public var title: String
    /// Speaker names as written ("Alex Martelli", "Fawzi, H").
    public var speakers: [String]
    /// The talk's abstract; empty when the source has none.
    public var description: String
    /// The event or collection the talk belongs to ("EuroPython 2019").
    public var event: String
    /// ISO 8601 date the talk was recorded ("2019-05-23", possibly with a time), when known.
    public var recorded: String?
    /// ISO 639-3 language code ("eng"), when known.
    public var language: String?
    public var tags: [String]
    /// Length in seconds, when known.
    public var duration: Double?
    /// First video URL, when known.
    public var url: String?
    /// Hosting institution, for seminar archives.
    public var institution: String?
    /// Time slot within the day, `HH:MM-HH:MM`, for seminar archives.
    public var slot: String?

    public init(
        id: String, title: String, speakers: [String] = [], description: String = "", event: String = "",
        recorded: String? = nil, language: String? = nil, tags: [String] = [], duration: Double? = nil,
        url: String? = nil, institution: String? = nil, slot: String? = nil
    ) {
        self.id = id
        self.title = title
        self.speakers = speakers
        self.description = description
        self.event = event
        self.recorded = recorded
        self.language = language
        self.tags = tags
        self.duration = duration
        self.url = url
        self.institution = institution
        self.slot = slot
    }
}

extension Talk {
    /// The searchable columns, in index order. Both backends index exactly these strings.
    public static let columns = ColumnSchema(names: ["title", "speakers", "description"])

    /// The separator placed between speaker names in the `speakers` column.
    public static let speakerSeparator = "; "

    /// The keyword fields, for filters and facets: exact values, never tokenized or ranked.
    public static let keywordFields = ["event", "year", "language", "speaker", "tag"]

    /// The talk's values of ``keywordFields``: its event (when not empty), the year of `recorded` (its
    /// first four characters), its language, each speaker and each tag.
    public var keywords: [[String]] {
        [
            event.isEmpty ? [] : [event],
            recorded.map { [String($0.prefix(4))] } ?? [],
            language.map { [$0] } ?? [],
            speakers,
            tags,
        ]
    }

    /// The talk as the backends see it: `[title, speakers joined by "; ", description]` and its keywords.
    public var document: IndexedDocument {
        IndexedDocument(id: id, columns: [title, speakers.joined(separator: Talk.speakerSeparator), description], keywords: keywords)
    }
}
