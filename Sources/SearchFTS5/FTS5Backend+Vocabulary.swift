import SearchEngine

extension FTS5Backend {
    /// Every term of the index with the number of documents containing it, in FTS5's term order
    /// (the `fts5vocab` 'row' view).
    public func vocabulary() throws(SQLiteError) -> [(term: String, documents: Int)] {
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_rows USING fts5vocab(main, \(FTS5Schema.table), 'row')")
        let statement = try connection.prepare("SELECT term, doc FROM temp.vocabulary_rows")
        var rows: [(String, Int)] = []
        while try statement.step() { rows.append((statement.string(0) ?? "", Int(statement.int64(1)))) }
        return rows
    }

    /// Every token occurrence as FTS5 indexed it, ordered by document, column and offset
    /// (the `fts5vocab` 'instance' view). `body` gets (rowid, column, offset, term).
    public func forEachIndexedToken(_ body: (Int64, Int, Int, String) -> Void) throws(SQLiteError) {
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_instances USING fts5vocab(main, \(FTS5Schema.table), 'instance')")
        let columnNames = schema.columns.names
        let statement = try connection.prepare("SELECT doc, col, offset, term FROM temp.vocabulary_instances ORDER BY doc, col, offset")
        while try statement.step() {
            let column = columnNames.firstIndex(of: statement.string(1) ?? "") ?? -1
            body(statement.int64(0), column, Int(statement.int64(2)), statement.string(3) ?? "")
        }
    }
}
