/// Per-column weights of the BM25 term frequency: `tf = Σ weight[column]` over counted occurrences.
///
/// Columns beyond the given values weigh 1.0 and extra values are ignored, as with FTS5's
/// `bm25(t, w0, w1, ...)`.
public struct ColumnWeights: Hashable, Sendable, Codable {
    public var values: [Double]

    public init(_ values: [Double] = []) { self.values = values }

    public static let uniform = ColumnWeights()

    public subscript(column: Int) -> Double { column < values.count ? values[column] : 1.0 }

    /// Parses `"10,5,1"`; nil when a value is not a finite number.
    public init?(parsing text: String) {
        var values: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Double(part.trimmingCharacters(in: " ")), value.isFinite else { return nil }
            values.append(value)
        }
        self.values = values
    }

    /// The weights for `columnCount` columns, missing ones filled with 1.0.
    public func expanded(to columnCount: Int) -> [Double] { (0..<columnCount).map { self[$0] } }
}

/// Markers placed around matched text in highlighted fields.
public struct HighlightMarkers: Hashable, Sendable {
    public var open: String
    public var close: String

    public init(open: String, close: String) {
        self.open = open
        self.close = close
    }
}

/// FTS5's `snippet(t, column, open, close, ellipsis, tokens)` arguments.
public struct SnippetRequest: Hashable, Sendable {
    /// The column to take the fragment from; -1 lets FTS5's scoring choose.
    public var column: Int
    public var markers: HighlightMarkers
    public var ellipsis: String
    public var tokens: Int

    public init(column: Int, markers: HighlightMarkers, ellipsis: String = "…", tokens: Int = 16) {
        self.column = column
        self.markers = markers
        self.ellipsis = ellipsis
        self.tokens = tokens
    }
}

/// What a search should return.
public struct SearchOptions: Hashable, Sendable {
    /// The number of hits to return (top-k); 0 returns only the total.
    public var limit: Int
    /// Ranks skipped before the returned hits (a page of results is `offset ..< offset + limit`).
    public var offset = 0
    /// Conditions on keyword fields every returned match must pass (all of them). They select matches
    /// and never change scores: N, avgdl and document frequencies stay the whole index's, as in FTS5
    /// with a SQL filter beside `MATCH`.
    public var filters: [KeywordCondition] = []
    /// Value counts over the (filtered) matches.
    public var facets: [FacetRequest] = []
    public var weights: ColumnWeights
    /// The ranking formula; `.fts5` (FTS5's bm25, bit for bit) is the only one today.
    public var scoring: ScoringVariant
    /// When set, each hit carries these columns with matched tokens wrapped in the markers.
    public var highlight: HighlightMarkers?
    public var highlightColumns: [Int]
    /// When set, each hit carries the best fragment, as FTS5's snippet() chooses it.
    public var snippet: SnippetRequest?
    /// The feedback model used by `.rm3` scoring.
    public var feedback = RM3()
    /// Columns whose whole text each hit carries (``SearchHit/columns``), as a SELECT of those columns
    /// would; none by default, so a search reads only ids and stored records.
    public var columns: [Int] = []

    public init(limit: Int = 10, weights: ColumnWeights = .uniform, scoring: ScoringVariant = .fts5,
                highlight: HighlightMarkers? = nil, highlightColumns: [Int] = [], snippet: SnippetRequest? = nil) {
        self.limit = limit
        self.weights = weights
        self.scoring = scoring
        self.highlight = highlight
        self.highlightColumns = highlightColumns
        self.snippet = snippet
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
