import Foundation

/// The kinds of catalog source TalkSearch reads, told apart by what the path is.
public enum CatalogFormat: String, Sendable, CaseIterable {
    /// A `.jsonl` file in TalkSearch's schema (see ``Talk``).
    case talksJSONL = "jsonl"
    /// A directory in pyvideo/data's layout: `EVENT/category.json`, `EVENT/videos/*.json`.
    case pyvideoDirectory = "pyvideo"
    /// A relevance collection: a folder holding `docs.jsonl`, or that `docs.jsonl` itself.
    case relevanceCollection = "relevance"

    /// Chooses the format for `path`:
    /// a directory with `docs.jsonl` -> relevance; any other directory -> pyvideo layout;
    /// a file named `docs.jsonl` -> relevance; any other file -> talks JSONL.
    public static func detect(_ path: String) throws(CatalogError) -> (CatalogFormat, String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogError(file: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            let docs = (path as NSString).appendingPathComponent("docs.jsonl")
            if FileManager.default.fileExists(atPath: docs) { return (.relevanceCollection, docs) }
            guard PyVideoDirectoryReader.looksLikeRoot(path) else {
                throw CatalogError(file: path, reason: "directory is neither a pyvideo/data tree (EVENT/category.json) nor a relevance collection (docs.jsonl)")
            }
            return (.pyvideoDirectory, path)
        }
        if (path as NSString).lastPathComponent == "docs.jsonl" { return (.relevanceCollection, path) }
        return (.talksJSONL, path)
    }
}

/// A loaded catalog, and what was left out of it.
public struct LoadedCatalog: Sendable {
    /// The talks in source order (sources in the order given). Ids are unique.
    public var talks: [Talk]
    /// Every record that was skipped, with its reason (only with `skipInvalid`).
    public var skipped: [CatalogError]
}

/// Loads catalogs from any number of paths.
///
/// Strict by default: the first malformed record or duplicate id stops the load with a
/// ``CatalogError`` (`file:line: field: reason`) and nothing is returned. With `skipInvalid`, every bad
/// record (a duplicate id included: the first occurrence wins) is left out and listed in
/// ``LoadedCatalog/skipped``. A path that cannot be read at all always stops the load.
public enum CatalogLoader {
    public static func load(_ paths: [String], skipInvalid: Bool = false) throws(CatalogError) -> LoadedCatalog {
        var talks: [Talk] = []
        do {
            let skipped = try forEachTalk(paths, skipInvalid: skipInvalid) { talks.append($0) }
            return LoadedCatalog(talks: talks, skipped: skipped)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(file: paths.joined(separator: ", "), reason: "\(error)")
        }
    }

    /// Calls `body` with each talk of the catalogs in order, under the rules of ``load(_:skipInvalid:)``,
    /// and returns the skipped records. JSONL catalogs are read a chunk at a time, so memory does not
    /// grow with the catalog (beyond one id per talk, for duplicates); other sources are read whole.
    /// An error `body` throws stops the walk and is rethrown as it is.
    public static func forEachTalk(_ paths: [String], skipInvalid: Bool = false, _ body: (Talk) throws -> Void) throws -> [CatalogError] {
        var skipped: [CatalogError] = []
        // Where each id was first seen: the record's file (shared, not copied) and line; the location's
        // text is made only for a duplicate.
        var firstSeen: [String: (file: String, line: Int?)] = [:]
        func take(_ record: LocatedRecord) throws {
            let talk: Talk
            do throws(CatalogError) {
                talk = try record.result.get()
                if let first = firstSeen[talk.id] {
                    throw CatalogError(file: record.file, line: record.line, field: "id",
                                       reason: "duplicate id \"\(talk.id)\" (first at \(LocatedRecord.location(file: first.file, line: first.line)))")
                }
                firstSeen[talk.id] = (record.file, record.line)
            } catch {
                guard skipInvalid else { throw error }
                skipped.append(error)
                return
            }
            try body(talk)
        }
        for path in paths {
            let (format, resolved) = try CatalogFormat.detect(path)
            if format == .talksJSONL {
                // Read and parsed on another thread, taken here in order (``RecordReadAhead``).
                let ahead = RecordReadAhead(path: resolved)
                defer { ahead.cancel() }
                while let chunk = try ahead.next() {
                    for record in chunk { try take(record) }
                }
            } else {
                for record in try records(at: path) { try take(record) }
            }
        }
        return skipped
    }

    /// The records of one source, each either a talk or its error.
    public static func records(at path: String) throws(CatalogError) -> [LocatedRecord] {
        let (format, resolved) = try CatalogFormat.detect(path)
        switch format {
        case .talksJSONL: return try TalkJSONLReader.read(resolved)
        case .pyvideoDirectory: return try PyVideoDirectoryReader.read(resolved)
        case .relevanceCollection: return try RelevanceDocsReader.read(resolved)
        }
    }
}
