import SearchEngine

/// The layout of a TalkSearch FTS5 database. Every table and tokenizer setting is pinned here.
///
///     talks      FTS5 virtual table: one column per searchable column, `tokenize=` from the settings
///     documents  (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, stored TEXT): the external id and the
///                stored record (a talk's JSON) of each talks row, same rowid
///     settings   (key TEXT PRIMARY KEY, value TEXT): format, tokenizer, columns
///
/// Rowids are the documents' ordinals: 1, 2, ... in build order.
public struct FTS5Schema: Hashable, Sendable {
    public static let formatVersion = "1"
    public static let table = "talks"

    public var columns: ColumnSchema
    public var tokenizer: TokenizerConfiguration

    public init(columns: ColumnSchema, tokenizer: TokenizerConfiguration) {
        self.columns = columns
        self.tokenizer = tokenizer
    }

    /// The `tokenize=` value as an SQL string literal, e.g. `'porter unicode61 remove_diacritics 2'`.
    public var tokenizeLiteral: String {
        "'" + tokenizer.fts5Arguments.joined(separator: " ").replacing("'", with: "''") + "'"
    }

    var createStatements: String {
        let columnList = columns.names.map(Self.quotedIdentifier).joined(separator: ", ")
        return """
            CREATE VIRTUAL TABLE \(Self.table) USING fts5(\(columnList), tokenize = \(tokenizeLiteral));
            CREATE TABLE documents(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stored TEXT);
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}
