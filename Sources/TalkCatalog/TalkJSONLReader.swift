/// Reads a JSONL catalog in TalkSearch's schema (the schema of `pyvideo-talks.jsonl`; see ``Talk``).
enum TalkJSONLReader {
    static func read(_ path: String) throws(CatalogError) -> [LocatedRecord] {
        try JSONLines.read(path).map { record($0, in: path) }
    }

    /// Calls `body` with each record of `path` in order, reading the file a chunk at a time.
    static func forEach(_ path: String, _ body: (LocatedRecord) throws -> Void) throws {
        try JSONLines.forEach(path) { try body(record($0, in: path)) }
    }

    static func record(_ line: JSONLines.Line, in path: String) -> LocatedRecord {
        LocatedRecord(file: path, line: line.number, result: Result { () throws(CatalogError) -> Talk in
            do {
                return try TalkRecordDecoder.decode(JSONValue.parse(line.bytes))
            } catch let error as JSONParseError {
                throw CatalogError(file: path, line: line.number, reason: error.message)
            } catch let error as TalkRecordDecoder.FieldError {
                throw CatalogError(file: path, line: line.number, field: error.field, reason: error.reason)
            } catch {
                throw CatalogError(file: path, line: line.number, reason: "\(error)")
            }
        })
    }
}
