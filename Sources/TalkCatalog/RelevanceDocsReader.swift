import Foundation

/// Reads a relevance collection's `docs.jsonl` (Cranfield, MED, ADI in `../shared/relevance/`).
///
/// Mapping: `id` -> id, `title` -> title, `author` -> the one speaker, `text` -> description; `bib` is
/// bibliographic noise and is not indexed. The event is the collection's folder name. Unlike a talk
/// catalog, a document may have no title (MED has only text).
enum RelevanceDocsReader {
    static let knownFields: Set<String> = ["id", "title", "author", "text", "bib"]

    static func read(_ path: String) throws(CatalogError) -> [LocatedRecord] {
        let collection = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        return try JSONLines.read(path).map { line in
            LocatedRecord(file: path, line: line.number, result: Result { () throws(CatalogError) -> Talk in
                func fail(_ field: String?, _ reason: String) -> CatalogError {
                    CatalogError(file: path, line: line.number, field: field, reason: reason)
                }
                let value: JSONValue
                do throws(JSONParseError) { value = try JSONValue.parse(line.bytes) } catch { throw fail(nil, error.message) }
                guard case .object(let object) = value else {
                    throw fail(nil, "expected a JSON object, got \(value.kindName)")
                }
                if let unknown = object.keys.filter({ !knownFields.contains($0) }).sorted().first {
                    throw fail(unknown, "unknown field (expected one of: \(knownFields.sorted().joined(separator: ", ")))")
                }
                let fields = FieldReader(object: object)
                do throws(TalkRecordDecoder.FieldError) {
                    let author = try fields.optionalString("author")
                    _ = try fields.optionalString("bib")
                    return Talk(
                        id: try fields.requiredString("id"),
                        title: try fields.optionalString("title") ?? "",
                        speakers: author.map { [$0] } ?? [],
                        description: try fields.optionalString("text") ?? "",
                        event: collection
                    )
                } catch {
                    throw fail(error.field, error.reason)
                }
            })
        }
    }
}
