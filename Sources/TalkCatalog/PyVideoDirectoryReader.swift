import Foundation

/// Reads a directory in the native layout of the pyvideo/data repository:
///
///     ROOT/EVENT/category.json        {"title": "PyCon US 2019", ...}
///     ROOT/EVENT/videos/SLUG.json     {"title", "description", "speakers", "recorded", "language",
///                                      "tags", "duration", "videos": [{"type", "url"}], ...}
///
/// ROOT may also be a single EVENT folder. A talk's id is `EVENT/SLUG` (the `slug` field when present,
/// else the file name without `.json`); its event is the category's title and its url the first video's.
/// Fields this schema does not use (`thumbnail_url`, `related_urls`, ...) are allowed and ignored; the
/// ones it uses are type-checked. Events and files are read in sorted order, so ids come out stable.
enum PyVideoDirectoryReader {
    static func isEventFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("category.json"))
    }

    static func looksLikeRoot(_ path: String) -> Bool {
        if isEventFolder(path) { return true }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return children.contains { isEventFolder((path as NSString).appendingPathComponent($0)) }
    }

    static func read(_ root: String) throws(CatalogError) -> [LocatedRecord] {
        let events: [String]
        if isEventFolder(root) {
            events = [root]
        } else {
            events = sortedChildren(root).map { (root as NSString).appendingPathComponent($0) }.filter(isEventFolder)
        }
        var records: [LocatedRecord] = []
        for event in events {
            let categoryPath = (event as NSString).appendingPathComponent("category.json")
            let eventTitle = try readCategory(categoryPath)
            let folder = (event as NSString).lastPathComponent
            let videos = (event as NSString).appendingPathComponent("videos")
            for name in sortedChildren(videos) where name.hasSuffix(".json") {
                let path = (videos as NSString).appendingPathComponent(name)
                let slug = String(name.dropLast(".json".count))
                records.append(LocatedRecord(file: path, line: nil, result: Result { () throws(CatalogError) -> Talk in
                    try readVideo(path, folder: folder, slug: slug, event: eventTitle)
                }))
            }
        }
        return records
    }

    private static func sortedChildren(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    private static func readObject(_ path: String) throws(CatalogError) -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(file: path, reason: "cannot read file")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch { throw CatalogError(file: path, reason: error.message) }
        guard case .object(let object) = value else {
            throw CatalogError(file: path, reason: "expected a JSON object, got \(value.kindName)")
        }
        return object
    }

    private static func readCategory(_ path: String) throws(CatalogError) -> String {
        let fields = FieldReader(object: try readObject(path))
        do {
            return try fields.requiredString("title")
        } catch {
            throw CatalogError(file: path, field: error.field, reason: error.reason)
        }
    }

    private static func readVideo(_ path: String, folder: String, slug: String, event: String) throws(CatalogError) -> Talk {
        let object = try readObject(path)
        let fields = FieldReader(object: object)
        do throws(TalkRecordDecoder.FieldError) {
            var talk = Talk(id: "\(folder)/\(try fields.optionalString("slug") ?? slug)", title: try fields.requiredString("title"))
            talk.event = event
            talk.description = try fields.optionalString("description") ?? ""
            talk.speakers = try fields.stringArray("speakers")
            talk.recorded = try fields.optionalString("recorded")
            if let recorded = talk.recorded, !ISODate.isValid(recorded) {
                throw TalkRecordDecoder.FieldError(field: "recorded", reason: "expected \(ISODate.expectation), got \"\(recorded)\"")
            }
            talk.language = try fields.optionalString("language")
            talk.tags = try fields.stringArray("tags")
            talk.duration = try fields.optionalNumber("duration")
            talk.url = try firstVideoURL(object["videos"])
            return talk
        } catch {
            throw CatalogError(file: path, field: error.field, reason: error.reason)
        }
    }

    private static func firstVideoURL(_ value: JSONValue?) throws(TalkRecordDecoder.FieldError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .array(let videos)?:
            guard let first = videos.first else { return nil }
            guard case .object(let video) = first else {
                throw .init(field: "videos[0]", reason: "expected an object, got \(first.kindName)")
            }
            do {
                return try FieldReader(object: video).optionalString("url")
            } catch {
                throw .init(field: "videos[0].url", reason: error.reason)
            }
        case let other?: throw .init(field: "videos", reason: "expected an array, got \(other.kindName)")
        }
    }
}
