import Foundation

/// fsync(2) for publishing a generation: the index writers (the engine's and SQLite's, run with
/// `synchronous = OFF`) leave their files to the page cache, and ``IndexDirectory`` makes a generation
/// durable once, before `CURRENT` may name it, so that a crash never leaves `CURRENT` naming a folder
/// whose files are torn.
enum FileSync {
    /// Flushes `path` (a file or a folder) to the disk.
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CLIError("\(path): cannot open to sync: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw CLIError("\(path): cannot sync: \(String(cString: strerror(errno)))") }
    }

    /// Flushes every file directly inside `folder`, then the folder itself (its entries).
    static func syncContents(of folder: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            try sync((folder as NSString).appendingPathComponent(name))
        }
        try sync(folder)
    }
}
