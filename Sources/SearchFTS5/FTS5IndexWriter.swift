import Foundation
import SearchEngine

/// Builds a TalkSearch FTS5 database file from documents.
///
/// The whole load runs in one transaction with prepared statements, then the index is merged into one
/// segment (`'optimize'`) so queries read one b-tree per term. The file is written with journaling off:
/// it is always a new file in a fresh directory, and the index directory swap makes it visible only
/// when complete.
public enum FTS5IndexWriter {
    public static func build(at path: String, schema: FTS5Schema, documents: [IndexedDocument]) throws(SQLiteError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: 1, message: "\(path): refusing to overwrite an existing file")
        }
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try connection.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;")
        try connection.execute(schema.createStatements)
        do {
            try connection.transaction {
                try insert(documents, schema: schema, into: connection)
                let setting = try connection.prepare("INSERT INTO settings(key, value) VALUES (?, ?)")
                for (key, value) in try settings(of: schema) {
                    setting.reset()
                    try setting.bind(1, key)
                    try setting.bind(2, value)
                    _ = try setting.step()
                }
            }
            try connection.execute("INSERT INTO \(FTS5Schema.table)(\(FTS5Schema.table)) VALUES ('optimize')")
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: 1, message: "\(error)")
        }
    }

    /// Changes the database at `path` in one transaction: the rows with the rowids in `deleting` go
    /// (from the FTS5 table, the documents and their keywords), then `inserting` comes in with its
    /// rowids (each document's `rowid` must be set and not taken). FTS5 keeps its statistics (N,
    /// token totals, document frequencies) up to date itself; its own segments merge as it sees fit.
    public static func update(at path: String, schema: FTS5Schema, deleting: [Int64], inserting: [IndexedDocument]) throws(SQLiteError) {
        let connection = try SQLiteConnection(path: path, mode: .readWrite)
        do {
            try connection.transaction {
                let deletes = try ["DELETE FROM \(FTS5Schema.table) WHERE rowid = ?", "DELETE FROM documents WHERE rowid = ?",
                                   "DELETE FROM keywords WHERE doc = ?"].map { try connection.prepare($0) }
                for rowid in deleting {
                    for statement in deletes {
                        statement.reset()
                        try statement.bind(1, rowid)
                        _ = try statement.step()
                    }
                }
                try insert(inserting, schema: schema, into: connection)
            }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: 1, message: "\(error)")
        }
    }

    /// Inserts `documents` (rowid: their own, else their 1-based position) into the three tables.
    private static func insert(_ documents: [IndexedDocument], schema: FTS5Schema, into connection: SQLiteConnection) throws {
        let placeholders = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
        let insertText = try connection.prepare(
            "INSERT INTO \(FTS5Schema.table)(rowid, \(schema.columns.names.map(FTS5Schema.quotedIdentifier).joined(separator: ", "))) VALUES (?, \(placeholders))")
        let insertDocument = try connection.prepare("INSERT INTO documents(rowid, id, stored) VALUES (?, ?, ?)")
        let insertKeyword = try connection.prepare("INSERT OR IGNORE INTO keywords(field, value, doc) VALUES (?, ?, ?)")
        for (index, document) in documents.enumerated() {
            precondition(document.columns.count == schema.columns.count, "document \(document.id) has \(document.columns.count) columns, schema has \(schema.columns.count)")
            let rowid = document.rowid ?? Int64(index + 1)
            insertText.reset()
            try insertText.bind(1, rowid)
            for (column, text) in document.columns.enumerated() {
                try insertText.bind(Int32(column + 2), text)
            }
            _ = try insertText.step()
            insertDocument.reset()
            try insertDocument.bind(1, rowid)
            try insertDocument.bind(2, document.id)
            try insertDocument.bind(3, document.stored)
            _ = try insertDocument.step()
            for (field, values) in zip(schema.keywordFields, document.keywords) {
                for value in values {
                    insertKeyword.reset()
                    try insertKeyword.bind(1, field)
                    try insertKeyword.bind(2, value)
                    try insertKeyword.bind(3, rowid)
                    _ = try insertKeyword.step()
                }
            }
        }
    }

    static func settings(of schema: FTS5Schema) throws -> [(String, String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return [
            ("format", FTS5Schema.formatVersion),
            ("tokenizer", String(decoding: try encoder.encode(schema.tokenizer), as: UTF8.self)),
            ("columns", String(decoding: try encoder.encode(schema.columns), as: UTF8.self)),
            ("keywordFields", String(decoding: try encoder.encode(schema.keywordFields), as: UTF8.self)),
        ]
    }
}
