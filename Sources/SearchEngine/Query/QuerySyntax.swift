/// One term of a phrase: analysed bytes, and whether it matches as a prefix (`abc*`).
public struct QueryTerm: Hashable, Sendable {
    public var bytes: [UInt8]
    public var isPrefix: Bool

    public var text: String { String(decoding: bytes, as: UTF8.self) + (isPrefix ? "*" : "") }
}

/// A phrase: terms that must occur at consecutive positions of one column.
public struct QueryPhrase: Hashable, Sendable {
    public var terms: [QueryTerm]
    /// `^phrase`: the first term must be the first token of its column.
    public var mustStartColumn: Bool

    /// The phrase as FTS5 would print it: `"deep learn*"`, `^"x"`.
    public var text: String {
        (mustStartColumn ? "^" : "") + "\"" + terms.map(\.text).joined(separator: " ") + "\""
    }
}

/// A leaf of the query: one phrase, or a NEAR group of phrases (FTS5's STRING/TERM node).
public struct NearGroup: Hashable, Sendable {
    /// Indices into ``ParsedQuery/phrases`` (query order).
    public var phrases: [Int]
    /// The NEAR distance; nil for a plain phrase.
    public var distance: Int?
    /// Allowed columns (sorted); nil means every column.
    public var columns: [Int]?
    /// A leaf that can never match (it holds a phrase with no tokens, or its column filters exclude each
    /// other): FTS5's EOF node.
    public var isEmpty: Bool
}

/// A parsed query: FTS5's expression tree. AND and OR are flattened (`a OR b OR c` has three children).
public indirect enum QueryExpression: Hashable, Sendable {
    case leaf(NearGroup)
    case and([QueryExpression])
    case or([QueryExpression])
    case not(QueryExpression, QueryExpression)
}

/// A query ready to evaluate: the expression and its phrases in query order (FTS5's phrase numbering,
/// which is also BM25's summation order).
public struct ParsedQuery: Hashable, Sendable {
    public var root: QueryExpression
    public var phrases: [QueryPhrase]
}
