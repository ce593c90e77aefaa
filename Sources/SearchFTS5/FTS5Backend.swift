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
        schema = FTS5Schema(columns: columns, tokenizer: tokenizer)
        let count = try connection.prepare("SELECT count(*) FROM documents")
        _ = try count.step()
        documentCount = Int(count.int64(0))
    }

    public func search(_ query: String, options: SearchOptions) throws(SearchError) -> SearchResults {
        if SpecialQuery.isHook(query) { try SpecialQuery.check(query) }
        guard options.scoring == .fts5 else {
            throw .backend("the fts5 backend ranks only with FTS5's bm25; --scoring \(options.scoring.rawValue) needs --backend engine")
        }
        do {
            let statement = try matchingStatement()
            statement.reset()
            for (column, weight) in options.weights.expanded(to: schema.columns.count).enumerated() {
                try statement.bind(Int32(column + 1), weight)
            }
            try statement.bind(Int32(schema.columns.count + 1), query)
            var matches: [RankedDocument] = []
            while try statement.step() {
                matches.append(RankedDocument(ordinal: statement.int64(0), bm25: statement.double(1)))
            }
            statement.reset()
            let top = TopK.select(matches, limit: options.limit)
            var hits: [SearchHit] = []
            hits.reserveCapacity(top.count)
            for match in top {
                var hit = try document(rowid: match.ordinal)
                hit.score = -match.bm25
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
            return SearchResults(query: query, totalMatches: matches.count, hits: hits)
        } catch {
            throw Self.searchError(error)
        }
    }

    /// FTS5 reports query errors as plain `SQLITE_ERROR`; anything else is the database's problem.
    static func searchError(_ error: SQLiteError) -> SearchError {
        error.code == SQLITE_ERROR ? .invalidQuery(message: error.message, position: nil) : .backend(error.message)
    }

    private func matchingStatement() throws(SQLiteError) -> SQLiteStatement {
        if let matchStatement { return matchStatement }
        let weights = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
        let statement = try connection.prepare(
            "SELECT rowid, bm25(\(FTS5Schema.table), \(weights)) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ?")
        matchStatement = statement
        return statement
    }

    private func document(rowid: Int64) throws(SQLiteError) -> SearchHit {
        let statement = try connection.prepare("SELECT id, stored FROM documents WHERE rowid = ?")
        try statement.bind(1, rowid)
        guard try statement.step() else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "\(path): rowid \(rowid) has no document record")
        }
        return SearchHit(ordinal: rowid, id: statement.string(0) ?? "", score: 0, stored: statement.string(1))
    }

    private func highlight(query: String, rowid: Int64, column: Int, markers: HighlightMarkers) throws(SQLiteError) -> String {
        let statement = try connection.prepare(
            "SELECT highlight(\(FTS5Schema.table), ?, ?, ?) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ? AND rowid = ?")
        try statement.bind(1, Int64(column))
        try statement.bind(2, markers.open)
        try statement.bind(3, markers.close)
        try statement.bind(4, query)
        try statement.bind(5, rowid)
        guard try statement.step() else { return "" }
        return statement.string(0) ?? ""
    }

    private func snippet(query: String, rowid: Int64, request: SnippetRequest) throws(SQLiteError) -> String? {
        let statement = try connection.prepare(
            "SELECT snippet(\(FTS5Schema.table), ?, ?, ?, ?, ?) FROM \(FTS5Schema.table) WHERE \(FTS5Schema.table) MATCH ? AND rowid = ?")
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
