/// How two backends' answers to one query differ, if they do.
///
/// They agree when both reject the query with the same message, or both accept it with the same total,
/// the same hits in the same order, and scores equal within `relativeTolerance` (default 1e-12).
/// Equal-scored hits must come in the same order too: both backends order ties by ascending ordinal,
/// as FTS5 does.
public enum ResultComparison: Hashable, Sendable, CustomStringConvertible {
    case agree
    case acceptance(expected: String, actual: String)
    case errorMessage(expected: String, actual: String)
    case totalMatches(expected: Int, actual: Int)
    case hitCount(expected: Int, actual: Int)
    case hit(rank: Int, expected: String, actual: String)
    case score(rank: Int, id: String, expected: Double, actual: Double)
    case highlight(rank: Int, column: Int, expected: String?, actual: String?)
    case snippet(rank: Int, expected: String?, actual: String?)
    case column(rank: Int, column: Int, expected: String?, actual: String?)
    case facet(field: String, expected: String, actual: String)

    public static let defaultTolerance = 1e-12

    /// Compares `actual` (e.g. the engine) against `expected` (the reference, FTS5).
    public static func compare(expected: Result<SearchResults, SearchError>, actual: Result<SearchResults, SearchError>,
                               relativeTolerance: Double = defaultTolerance) -> ResultComparison {
        switch (expected, actual) {
        case (.failure(let wanted), .failure(let got)):
            return wanted.description == got.description ? .agree : .errorMessage(expected: wanted.description, actual: got.description)
        case (.failure(let wanted), .success):
            return .acceptance(expected: "rejected: \(wanted)", actual: "accepted")
        case (.success, .failure(let got)):
            return .acceptance(expected: "accepted", actual: "rejected: \(got)")
        case (.success(let wanted), .success(let got)):
            if wanted.totalMatches != got.totalMatches { return .totalMatches(expected: wanted.totalMatches, actual: got.totalMatches) }
            if wanted.hits.count != got.hits.count { return .hitCount(expected: wanted.hits.count, actual: got.hits.count) }
            for (rank, (a, b)) in zip(wanted.hits, got.hits).enumerated() {
                if a.id != b.id { return .hit(rank: rank + 1, expected: a.id, actual: b.id) }
                if !scoresAgree(a.score, b.score, relativeTolerance: relativeTolerance) {
                    return .score(rank: rank + 1, id: a.id, expected: a.score, actual: b.score)
                }
                for column in Set(a.highlights.keys).union(b.highlights.keys).sorted() where a.highlights[column] != b.highlights[column] {
                    return .highlight(rank: rank + 1, column: column, expected: a.highlights[column], actual: b.highlights[column])
                }
                if a.snippet != b.snippet { return .snippet(rank: rank + 1, expected: a.snippet, actual: b.snippet) }
                for column in Set(a.columns.keys).union(b.columns.keys).sorted() where a.columns[column] != b.columns[column] {
                    return .column(rank: rank + 1, column: column, expected: a.columns[column], actual: b.columns[column])
                }
            }
            if wanted.facets != got.facets {
                let field = zip(wanted.facets, got.facets).first { $0 != $1 }?.0.field ?? "(count)"
                return .facet(field: field, expected: describe(wanted.facets), actual: describe(got.facets))
            }
            return .agree
        }
    }

    private static func describe(_ facets: [Facet]) -> String {
        facets.map { "\($0.field)[\($0.distinctValues)]: " + $0.counts.map { "\($0.value)=\($0.count)" }.joined(separator: ", ") }
            .joined(separator: "; ")
    }

    public static func scoresAgree(_ a: Double, _ b: Double, relativeTolerance: Double = defaultTolerance) -> Bool {
        a == b || abs(a - b) <= relativeTolerance * max(abs(a), abs(b))
    }

    public var description: String {
        switch self {
        case .agree: "agree"
        case .acceptance(let expected, let actual): "accept/reject: fts5 \(expected), engine \(actual)"
        case .errorMessage(let expected, let actual): "error message: fts5 \"\(expected)\", engine \"\(actual)\""
        case .totalMatches(let expected, let actual): "total matches: fts5 \(expected), engine \(actual)"
        case .hitCount(let expected, let actual): "hit count: fts5 \(expected), engine \(actual)"
        case .hit(let rank, let expected, let actual): "rank \(rank): fts5 \(expected), engine \(actual)"
        case .score(let rank, let id, let expected, let actual): "score at rank \(rank) (\(id)): fts5 \(expected), engine \(actual)"
        case .highlight(let rank, let column, let expected, let actual):
            "highlight of column \(column) at rank \(rank): fts5 \(expected.debugDescription), engine \(actual.debugDescription)"
        case .snippet(let rank, let expected, let actual): "snippet at rank \(rank): fts5 \(expected.debugDescription), engine \(actual.debugDescription)"
        case .column(let rank, let column, let expected, let actual):
            "text of column \(column) at rank \(rank): fts5 \(expected.debugDescription), engine \(actual.debugDescription)"
        case .facet(let field, let expected, let actual): "facet \(field): fts5 \(expected) | engine \(actual)"
        }
    }
}
