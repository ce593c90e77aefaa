import SearchEngine

extension FTS5Backend {
    /// The bytes the database at `path` spends on its documents, apart from its full-text index: the
    /// FTS5 table's content (the column texts), the `documents` table (ids, stored records) and the
    /// index of its ids, summed from SQLite's `dbstat` table (pages in use). nil when this SQLite has
    /// no `dbstat` (it is a compile-time option; Debian's has it).
    public static func documentBytes(path: String) -> Int? {
        guard let connection = try? SQLiteConnection(path: path, mode: .readOnly),
              let statement = try? connection.prepare("""
                  SELECT sum(pgsize) FROM dbstat
                  WHERE name IN ('\(FTS5Schema.table)_content', 'documents') OR name LIKE 'sqlite_autoindex_documents_%'
                  """),
              (try? statement.step()) == true else { return nil }
        return Int(statement.int64(0))
    }
}
