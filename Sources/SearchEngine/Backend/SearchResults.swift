/// One ranked result.
public struct SearchHit: Hashable, Sendable {
    /// The document's rowid (FTS5's rowid; in a freshly built index, its 1-based build order).
    public var ordinal: Int64
    public var id: String
    /// The score shown to users: `-bm25`, higher is better.
    public var score: Double
    /// The stored record of the document, when the backend keeps one.
    public var stored: String?
    /// Highlighted text of the requested columns, keyed by column index.
    public var highlights: [Int: String]
    /// The requested snippet, when one was asked for.
    public var snippet: String?
    /// The text of each column asked for in ``SearchOptions/columns``, keyed by column index.
    public var columns: [Int: String] = [:]

    public init(ordinal: Int64, id: String, score: Double, stored: String? = nil, highlights: [Int: String] = [:]) {
        self.ordinal = ordinal
        self.id = id
        self.score = score
        self.stored = stored
        self.highlights = highlights
    }
}

/// The answer to one query: the total number of matching documents and the top hits.
///
/// Invariant: `hits` are ordered by descending `score`, equal scores by ascending `ordinal`;
/// `hits.count == min(limit, max(0, totalMatches - offset))`. With filters, `totalMatches` counts the
/// matches that pass them; facets count over those same matches.
public struct SearchResults: Hashable, Sendable {
    public var query: String
    public var totalMatches: Int
    public var hits: [SearchHit]
    /// One per requested facet, in request order.
    public var facets: [Facet]

    public init(query: String, totalMatches: Int, hits: [SearchHit], facets: [Facet] = []) {
        self.query = query
        self.totalMatches = totalMatches
        self.hits = hits
        self.facets = facets
    }
}

/// Why a search failed.
public enum SearchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The query was rejected. `message` is FTS5's wording (`fts5: syntax error near "OR"`,
    /// `no such column: deep`, ...), so both backends can be compared; `position` is the UTF-8 byte
    /// offset in the query where the problem was found, when the backend knows it.
    case invalidQuery(message: String, position: Int?)
    /// The index could not answer (I/O, corruption, a database error).
    case backend(String)
    /// A filter or facet names a keyword field the index does not have.
    case invalidFilter(String)

    /// A filter (or, `counting`, a facet) names a field not among `known`: the one wording both backends
    /// use, so that their errors compare equal.
    public static func unknownKeywordField(_ field: String, known: [String], counting: Bool = false) -> SearchError {
        .invalidFilter("no keyword field \"\(field)\"\(counting ? " to count" : "") (the index has: \(known.joined(separator: ", ")))")
    }

    public var description: String {
        switch self {
        case .invalidQuery(let message, _): message
        case .backend(let message): message
        case .invalidFilter(let message): message
        }
    }
}

/// Something that answers FTS5-syntax queries over an index of documents.
///
/// Both TalkSearch backends (the hand-built engine and SQLite FTS5) conform, and for the same
/// documents, tokenizer and query they must return the same ``SearchResults``.
public protocol SearchBackend {
    /// `"engine"` or `"fts5"`.
    var name: String { get }
    var documentCount: Int { get }
    func search(_ query: String, options: SearchOptions) throws(SearchError) -> SearchResults
}
