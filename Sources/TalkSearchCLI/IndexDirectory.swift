import Foundation
import SearchEngine

/// An index directory, updated by whole generations so a search never sees a half-built index.
///
///     DIR/CURRENT            the name of the live generation, e.g. "gen-20261125T031502-48211\n"
///     DIR/gen-*/             one complete index: manifest.json, the engine's segments engine-*.tsidx
///                            (hard links to the previous generation's where unchanged), fts5.sqlite
///     DIR/tmp-*/             a generation being built (removed on failure, or by the next rebuild)
///     DIR/lock               held (flock) by a rebuild, so two rebuilds never interleave
///
/// A rebuild writes a `tmp-*` folder, renames it to `gen-*`, then replaces CURRENT by renaming a
/// temporary file over it: rename(2) is atomic, so a reader sees the old generation or the new one.
/// Only then are older generations removed. A failed or killed rebuild leaves CURRENT untouched.
/// The generation's files and folder are synced (``FileSync``) before CURRENT is replaced, and the
/// directory after, so that after a crash CURRENT names a complete generation.
struct IndexDirectory {
    static let defaultPath = ".talksearch"
    static let manifestName = "manifest.json"
    static let fts5Name = "fts5.sqlite"
    /// The engine file of a bench run's directory (an index generation holds segments instead).
    static let engineName = "engine.tsidx"

    var path: String

    private var fileManager: FileManager { .default }
    private func child(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// The live generation's folder, or nil when no index was built yet.
    func currentGeneration() throws -> String? {
        let pointer = child("CURRENT")
        guard fileManager.fileExists(atPath: pointer) else { return nil }
        let name = try String(contentsOfFile: pointer, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.hasPrefix("gen-"), !name.contains("/") else {
            throw CLIError("\(pointer): damaged (names \"\(name)\"); run `talksearch rebuild`")
        }
        let folder = child(name)
        guard fileManager.fileExists(atPath: folder) else {
            throw CLIError("\(pointer): names \(name), which is missing; run `talksearch rebuild`")
        }
        return folder
    }

    /// Builds a new generation with `build` (given the empty folder to fill) and makes it current.
    /// Returns the new generation's folder.
    func replace(build: (String) throws -> Void) throws -> String {
        try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
        let lock = try LockFile(path: child("lock"))
        defer { lock.unlock() }
        removeLeftovers(prefix: "tmp-")
        let stamp = Self.timestamp()
        let staging = child("tmp-\(stamp)")
        try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            try build(staging)
            try FileSync.syncContents(of: staging)
            let generation = child("gen-\(stamp)")
            try fileManager.moveItem(atPath: staging, toPath: generation)
            let pointer = child("CURRENT.tmp")
            try Data("gen-\(stamp)\n".utf8).write(to: URL(fileURLWithPath: pointer))
            try FileSync.sync(pointer)
            guard rename(pointer, child("CURRENT")) == 0 else {
                throw CLIError("\(child("CURRENT")): cannot update: \(String(cString: strerror(errno)))")
            }
            try FileSync.sync(path)
            removeLeftovers(prefix: "gen-", keeping: "gen-\(stamp)")
            return generation
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw error
        }
    }

    private func removeLeftovers(prefix: String, keeping: String? = nil) {
        let names = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        for name in names where name.hasPrefix(prefix) && name != keeping {
            try? fileManager.removeItem(atPath: child(name))
        }
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        let date = String(format: "%04d%02d%02dT%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                          parts.tm_hour, parts.tm_min, parts.tm_sec)
        return "\(date).\(String(format: "%09ld", now.tv_nsec))-\(getpid())"
    }
}

/// What a generation holds, written last into it as manifest.json.
///
/// Format 2 lists the engine's segments in rowid order, each with its deleted documents; format 1
/// (one `engine.tsidx`) is from an older TalkSearch and is rebuilt.
struct IndexManifest: Codable {
    static let currentFormat = 2
    var format: Int = currentFormat
    var created: String
    var catalogs: [String]
    var talks: Int
    var skipped: Int
    var tokenizer: TokenizerConfiguration
    var columns: [String]
    var segments: [SegmentEntry]?
    /// The number the next new segment file gets (engine-NNNNNN.tsidx).
    var nextSegment: Int?
    /// Set by a rebuild with a memory limit: the most documents a segment may hold, so that merges
    /// (which index a merged segment's documents in memory) stay within the limit. Nil: no bound.
    var maximumSegmentDocuments: Int? = nil
}

/// One engine segment of a generation.
struct SegmentEntry: Codable, Equatable {
    /// The file name inside the generation folder, e.g. "engine-000001.tsidx".
    var file: String
    /// Documents in the file, deleted ones included.
    var documents: Int
    /// Local ordinals (1-based) of the file's deleted documents, ascending.
    var deleted: [Int32]

    var live: Int { documents - deleted.count }

    static func fileName(_ number: Int) -> String { String(format: "engine-%06d.tsidx", number) }
}

/// An exclusive advisory lock (flock) on a file, released by `unlock()` or when the process ends.
struct LockFile {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw CLIError("\(path): cannot open lock file: \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX) == 0 else {
            close(descriptor)
            throw CLIError("\(path): cannot lock: \(String(cString: strerror(errno)))")
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
