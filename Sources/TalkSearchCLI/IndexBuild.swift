import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// Loads catalogs and writes a complete index generation: the engine's index file, the FTS5 database
/// and the manifest. (Both index files keep every talk's JSON, so no separate catalog copy is kept.)
struct IndexBuild {
    var catalogPaths: [String]
    var skipInvalid: Bool
    var tokenizer: TokenizerConfiguration
    /// The engine build's working memory in bytes (``BuildMemory``); nil: one segment, no bound.
    var memoryLimit: Int?

    struct Report {
        var talks: Int
        var skipped: [CatalogError]
        var seconds: Double
        var generation: String
        var files: [(name: String, bytes: Int64)]
        var peakResidentBytes: Int64
        /// The batches the engine indexed (1 without a memory limit), merged into its one segment.
        var batches: Int
    }

    func run(into directory: IndexDirectory) throws -> Report {
        let start = Clock.now
        // Validate first: a bad catalog must fail before anything is written. Without a memory limit
        // the catalog is loaded whole; with one it is read twice, a chunk at a time (validated, then
        // indexed batch by batch), so that memory does not grow with it.
        let talks: [Talk]
        let count: Int
        let skipped: [CatalogError]
        if memoryLimit == nil {
            let catalog = try CatalogLoader.load(catalogPaths, skipInvalid: skipInvalid)
            (talks, count, skipped) = (catalog.talks, catalog.talks.count, catalog.skipped)
        } else {
            var valid = 0
            skipped = try CatalogLoader.forEachTalk(catalogPaths, skipInvalid: skipInvalid) { _ in valid += 1 }
            (talks, count) = ([], valid)
        }
        guard count > 0 else {
            throw CLIError("no talks to index in \(catalogPaths.joined(separator: ", "))")
        }
        var batches = 0
        let generation = try directory.replace { folder in
            let source: ((Talk) throws -> Void) throws -> Void = memoryLimit == nil
                ? { body in for talk in talks { try body(talk) } }
                : { body in _ = try CatalogLoader.forEachTalk(catalogPaths, skipInvalid: skipInvalid, body) }
            batches = try Self.writeGeneration(source, talks: count, catalogs: catalogPaths, skipped: skipped.count,
                                     tokenizer: tokenizer, memoryLimit: memoryLimit, into: folder)
        }
        return Report(talks: count, skipped: skipped, seconds: Clock.seconds(since: start),
                      generation: generation, files: Self.files(of: generation), peakResidentBytes: ResourceUsage.peakResidentBytes(),
                      batches: batches)
    }

    /// The generation's files and their sizes: the engine's segments, the FTS5 database, the manifest.
    static func files(of generation: String) -> [(name: String, bytes: Int64)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: generation)) ?? []).sorted()
        let segments = names.filter { $0.hasPrefix("engine-") && $0.hasSuffix(".tsidx") }
        return (segments + [IndexDirectory.fts5Name, IndexDirectory.manifestName]).map { name in
            (name, FileSize.of((generation as NSString).appendingPathComponent(name)))
        }
    }

    /// Runs one file's step; a failure names the file and says why in the system's words
    /// ("No space left on device", "Read-only file system").
    static func writing(_ path: String, _ step: () throws -> Void) throws {
        do {
            try step()
        } catch let error as IndexFileError {
            throw error
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(path): cannot write: \(SystemError.describe(error))")
        }
    }

    /// Writes both backends' files of `talks` and the manifest into the empty `folder`, rowids 1...n as
    /// FTS5's. The engine's index is one segment. Without a memory limit it is built at once. With one,
    /// talks are indexed in batches whose estimated build memory (``BuildMemory``) stays under it, each
    /// written as a batch file and into the FTS5 database before the next is read, so the build holds
    /// one batch's index at a time; then the batch files are merged from their postings into the
    /// segment (``BoundedEngineBuild``: the same file, byte for byte, as one build writes). The manifest
    /// records the largest batch so that updates, which index the documents of the segments they merge
    /// again, never merge segments beyond it.
    ///
    /// `source` calls its argument with each talk in order (`talks` of them). Returns the number of
    /// batches.
    @discardableResult
    static func writeGeneration(_ source: ((Talk) throws -> Void) throws -> Void, talks: Int, catalogs: [String], skipped: Int,
                                tokenizer: TokenizerConfiguration, memoryLimit: Int? = nil, into folder: String) throws -> Int {
        func file(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let schema = FTS5Schema(columns: Talk.columns, tokenizer: tokenizer, keywordFields: Talk.keywordFields)
        let segment = SegmentEntry.fileName(1)
        var engine = BoundedEngineBuild(tokenizer: tokenizer, memoryLimit: memoryLimit, folder: folder)
        var fts5 = FTS5Batches(path: file(IndexDirectory.fts5Name), schema: schema)
        func toFTS5(_ batch: [IndexedDocument]) throws {
            try writing(fts5.path) { try fts5.add(batch) }
        }
        var rowid: Int64 = 0
        try source { talk in
            var document = StoredTalk.document(talk)
            rowid += 1
            document.rowid = rowid
            if let batch = try engine.add(document) { try toFTS5(batch) }
        }
        // Unbounded: the engine's file, then FTS5's (as before batches). Bounded: the last batch into
        // FTS5 first, so that the merge holds no batch.
        let last = try engine.flush()
        if memoryLimit == nil { try engine.merge(into: file(segment)) }
        if let last { try toFTS5(last) }
        if memoryLimit != nil { try engine.merge(into: file(segment)) }
        guard rowid == Int64(talks) else {
            throw CLIError("\(catalogs.joined(separator: ", ")): the catalog changed while it was indexed (\(talks) talks validated, \(rowid) read)")
        }
        let segments = [SegmentEntry(file: segment, documents: talks, deleted: [])]
        let manifest = IndexManifest(created: ISO8601DateFormatter().string(from: Date()), catalogs: catalogs,
                                     talks: talks, skipped: skipped, tokenizer: tokenizer, columns: Talk.columns.names,
                                     segments: segments, nextSegment: segments.count + 1,
                                     maximumSegmentDocuments: memoryLimit == nil ? nil : engine.largestBatch)
        try writeManifest(manifest, into: folder)
        return fts5.count
    }

    static func writeManifest(_ manifest: IndexManifest, into folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(IndexDirectory.manifestName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writing(path) { try encoder.encode(manifest).write(to: URL(fileURLWithPath: path)) }
    }
}

enum FileSize {
    static func of(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// "812 KB", "34.8 MB".
    static func format(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / (1024 * 1024))
    }
}

enum Clock {
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func seconds(since start: UInt64) -> Double { Double(now - start) / 1e9 }
}

enum ResourceUsage {
    /// The process's peak resident set size so far (getrusage; Linux reports KiB).
    static func peakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }
}

enum SystemError {
    /// The operating system's words for an I/O error (`strerror` of the POSIX code inside a Foundation
    /// error), else the error's own description.
    static func describe(_ error: any Error) -> String {
        if let sqlite = error as? SQLiteError { return sqlite.message }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return "\(error)"
    }
}
