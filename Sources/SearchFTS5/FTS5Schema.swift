import SearchEngine

/// The layout of a TalkSearch FTS5 database. Every table and tokenizer setting is pinned here.
///
///     talks      FTS5 virtual table: one column per searchable column, `tokenize=` from the settings
///     documents  (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, stored TEXT): the external id and the
///                stored record (a talk's JSON) of each talks row, same rowid
///     keywords   (field TEXT, value TEXT, doc INTEGER; primary key (field, value, doc), without rowid;
///                index on (doc)): each document's keyword values, once each, for filters and facets
///     settings   (key TEXT PRIMARY KEY, value TEXT): format, tokenizer, columns, keywordFields
///
/// Rowids are the documents' rowids: 1, 2, ... in build order; an update deletes rows and appends
/// new ones above the highest rowid (a replaced talk gets a new rowid), as the engine does.
public struct FTS5Schema: Hashable, Sendable {
    public static let formatVersion = "2"
    public static let table = "talks"

    public var columns: ColumnSchema
    public var tokenizer: TokenizerConfiguration
    /// The names of the keyword fields, in the documents' ``IndexedDocument/keywords`` order.
    public var keywordFields: [String]

    public init(columns: ColumnSchema, tokenizer: TokenizerConfiguration, keywordFields: [String] = []) {
        self.columns = columns
        self.tokenizer = tokenizer
        self.keywordFields = keywordFields
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
            CREATE TABLE keywords(field TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL,
                                  PRIMARY KEY(field, value, doc)) WITHOUT ROWID;
            CREATE INDEX keywords_by_doc ON keywords(doc);
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}
