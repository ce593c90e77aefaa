import CSQLite
import Foundation
import SearchEngine

/// The reference backend: SQLite FTS5 answering the query string unchanged.
///
/// A search runs `SELECT rowid, bm25(talks, w...) FROM talks WHERE talks MATCH ?`, counts every match,
/// and keeps the best `limit` by (bm25 ascending, rowid ascending), which is FTS5's own `ORDER BY rank`
/// order; scores are returned as `-bm25`. A query FTS5 rejects comes back as
/// ``SearchError/invalidQuery(message:position:)`` carrying FTS5's message.
public final class FTS5Backend: SearchBackend {
    public let name = "fts5"
    public let path: String
    public let schema: FTS5Schema
    public let documentCount: Int
    let connection: SQLiteConnection
    private var matchStatement: SQLiteStatement?
    /// Per-hit statements (document, highlight, snippet), prepared once per backend and reset for each use.
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens a database written by ``FTS5IndexWriter``, read-only.
    public init(path: String) throws(SQLiteError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "\(path): no such file")
        }
        self.path = path
        connection = try SQLiteConnection(path: path, mode: .readOnly)
        var settings: [String: String] = [:]
        do {
            let statement = try connection.prepare("SELECT key, value FROM settings")
            while try statement.step() {
                settings[statement.string(0) ?? ""] = statement.string(1)
            }
        } catch {
            throw SQLiteError(code: error.code, message: "\(path): not a TalkSearch FTS5 index (\(error.message))")
        }
        guard settings["format"] == FTS5Schema.formatVersion,
              let tokenizer = settings["tokenizer"].flatMap({ try? JSONDecoder().decode(TokenizerConfiguration.self, from: Data($0.utf8)) }),
              let columns = settings["columns"].flatMap({ try? JSONDecoder().decode(ColumnSchema.self, from: Data($0.utf8)) })
        else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "\(path): unsupported or damaged settings (format \(settings["format"] ?? "missing"))")
        }
        let keywordFields = settings["keywordFields"].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        schema = FTS5Schema(columns: columns, tokenizer: tokenizer, keywordFields: keywordFields)
        let count = try connection.prepare("SELECT count(*) FROM documents")
        _ = try count.step()
        documentCount = Int(count.int64(0))
    }

    public func search(_ query: String, options: SearchOptions) throws(SearchError) -> SearchResults {
        if SpecialQuery.isHook(query) { try SpecialQuery.check(query) }
        guard options.scoring == .fts5 else {
            throw .backend("the fts5 backend ranks only with FTS5's bm25; --scoring \(options.scoring.rawValue) needs --backend engine")
        }
        let filter = try FTS5KeywordSQL(filters: options.filters, facets: options.facets, fields: schema.keywordFields)
        do {
            let statement = try matchingStatement(filter: filter)
            statement.reset()
            for (column, weight) in options.weights.expanded(to: schema.columns.count).enumerated() {
                try statement.bind(Int32(column + 1), weight)
            }
            try statement.bind(Int32(schema.columns.count + 1), query)
            try filter.bindFilters(statement, from: Int32(schema.columns.count + 2))
            var matches: [RankedDocument] = []
            while try statement.step() {
                matches.append(RankedDocument(ordinal: statement.int64(0), bm25: statement.double(1)))
            }
            statement.reset()
            let top = TopK.select(matches, limit: options.offset + options.limit).dropFirst(options.offset)
            var hits: [SearchHit] = []
            hits.reserveCapacity(top.count)
            for match in top {
                var hit = try document(rowid: match.ordinal)
                hit.score = -match.bm25
                for column in options.columns where column >= 0 && column < schema.columns.count {
                    hit.columns[column] = try text(rowid: match.ordinal, column: column)
                }
                if let markers = options.highlight {
                    for column in options.highlightColumns where column < schema.columns.count {
                        hit.highlights[column] = try highlight(query: query, rowid: match.ordinal, column: column, markers: markers)
                    }
                }
                if let request = options.snippet, request.column < schema.columns.count {
                    hit.snippet = try snippet(query: query, rowid: match.ordinal, request: request)
                }
                hits.append(hit)
            }
            var facets: [Facet] = []
            for request in options.facets { facets.append(try facet(request, query: query, filter: filter)) }
            return SearchResults(query: query, totalMatches: matches.count, hits: hits, facets: facets)
        } catch {
            throw Self.searchError(error)
        }
    }

    /// FTS5 reports query errors as plain `SQLITE_ERROR`; anything else is the database's problem.
    static func searchError(_ error: SQLiteError) -> SearchError {
        error.code == SQLITE_ERROR ? .invalidQuery(message: error.message, position: nil) : .backend(error.message)
    }

    /// `SELECT rowid, bm25(...) FROM talks WHERE talks MATCH ?` and the filters' SQL; the statement
    /// without filters is prepared once and kept.
    private func matchingStatement(filter: FTS5KeywordSQL) throws(SQLiteError) -> SQLiteStatement {
        if filter.isEmpty, let matchStatement { return matchStatement }
        let weights = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
        let statement = try connection.prepare(
            "SELECT rowid, bm25(\(FTS5Schema.table), \(weights)) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ?"
            + filter.conditionSQL(rowid: "+rowid"))
        if filter.isEmpty { matchStatement = statement }
        return statement
    }

    /// One facet in SQL: the values of the field over the (filtered) matches, counted and ordered by
    /// count descending, then value (BINARY collation: byte order), with the number of distinct values.
    private func facet(_ request: FacetRequest, query: String, filter: FTS5KeywordSQL) throws(SQLiteError) -> Facet {
        // One pass: every value's count in facet order; the first `limit` rows are the answer and the
        // number of rows is the number of distinct values (a LIMIT would need a second MATCH to count).
        let matching = "SELECT rowid FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ?" + filter.conditionSQL(rowid: "+rowid")
        let statement = try statement(
            "SELECT value, count(*) AS n FROM keywords WHERE field = ? AND doc IN (\(matching)) GROUP BY value ORDER BY n DESC, value")
        defer { statement.reset() }
        try statement.bind(1, request.field)
        try statement.bind(2, query)
        try filter.bindFilters(statement, from: 3)
        var counts: [Facet.Count] = [], distinct = 0
        while try statement.step() {
            if distinct < request.limit { counts.append(Facet.Count(value: statement.string(0) ?? "", count: Int(statement.int64(1)))) }
            distinct += 1
        }
        return Facet(field: request.field, counts: counts, distinctValues: distinct)
    }

    /// The prepared statement for `sql`, reset and ready to bind.
    private func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let kept = statements[sql] {
            kept.reset()
            return kept
        }
        let prepared = try connection.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    private func document(rowid: Int64) throws(SQLiteError) -> SearchHit {
        let statement = try statement("SELECT id, stored FROM documents WHERE rowid = ?")
        defer { statement.reset() }
        try statement.bind(1, rowid)
        guard try statement.step() else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "\(path): rowid \(rowid) has no document record")
        }
        return SearchHit(ordinal: rowid, id: statement.string(0) ?? "", score: 0, stored: statement.string(1))
    }

    /// Column `column`'s text of the document with `rowid`, from FTS5's own content.
    private func text(rowid: Int64, column: Int) throws(SQLiteError) -> String {
        let name = schema.columns.names[column].replacingOccurrences(of: "\"", with: "\"\"")
        let statement = try statement("SELECT \"\(name)\" FROM \(FTS5Schema.table) WHERE rowid = ?")
        defer { statement.reset() }
        try statement.bind(1, rowid)
        guard try statement.step() else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "\(path): rowid \(rowid) has no content")
        }
        return statement.string(0) ?? ""
    }

    private func highlight(query: String, rowid: Int64, column: Int, markers: HighlightMarkers) throws(SQLiteError) -> String {
        let statement = try statement(
            "SELECT highlight(\(FTS5Schema.table), ?, ?, ?) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ? AND rowid = ?")
        defer { statement.reset() }
        try statement.bind(1, Int64(column))
        try statement.bind(2, markers.open)
        try statement.bind(3, markers.close)
        try statement.bind(4, query)
        try statement.bind(5, rowid)
        guard try statement.step() else { return "" }
        return statement.string(0) ?? ""
    }

    private func snippet(query: String, rowid: Int64, request: SnippetRequest) throws(SQLiteError) -> String? {
        let statement = try statement(
            "SELECT snippet(\(FTS5Schema.table), ?, ?, ?, ?, ?) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ? AND rowid = ?")
        defer { statement.reset() }
        try statement.bind(1, Int64(request.column))
        try statement.bind(2, request.markers.open)
        try statement.bind(3, request.markers.close)
        try statement.bind(4, request.ellipsis)
        try statement.bind(5, Int64(request.tokens))
        try statement.bind(6, query)
        try statement.bind(7, rowid)
        guard try statement.step() else { return nil }
        return statement.string(0)
    }

    /// The stored record of every document, in rowid order (used to rebuild from an index).
    public func allDocuments() throws(SQLiteError) -> [(id: String, stored: String?)] {
        let statement = try connection.prepare("SELECT id, stored FROM documents ORDER BY rowid")
        var documents: [(String, String?)] = []
        while try statement.step() { documents.append((statement.string(0) ?? "", statement.string(1))) }
        return documents
    }
}
