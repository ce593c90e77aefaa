import Foundation

/// Writes a JSONL catalog one talk at a time, for catalogs too large to hold as one `Data`.
///
/// The lines go to `PATH.partial-PID` and reach `PATH` only through ``commit()``, a rename: an
/// interrupted or failed write never leaves a half-written catalog at `PATH` (nor replaces an old one).
/// `path == nil` writes to standard output, unbuffered by the rename.
public final class TalkJSONLStream {
    public let path: String?
    private let temporaryPath: String?
    private let handle: FileHandle
    private let encoder = JSONEncoder()
    private var buffer = Data()
    public private(set) var talksWritten = 0
    public private(set) var bytesWritten = 0

    public init(path: String?) throws {
        self.path = path
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let path {
            let temporary = "\(path).partial-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw CatalogError(file: path, reason: "cannot create \(temporary)")
            }
            temporaryPath = temporary
            guard let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CatalogError(file: path, reason: "cannot open \(temporary) for writing")
            }
            self.handle = handle
        } else {
            temporaryPath = nil
            handle = FileHandle.standardOutput
        }
    }

    deinit {
        if let temporaryPath { try? FileManager.default.removeItem(atPath: temporaryPath) }
    }

    public func append(_ talk: Talk) throws {
        buffer.append(try encoder.encode(talk))
        buffer.append(UInt8(ascii: "\n"))
        talksWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered, syncs, and renames the file into place.
    public func commit() throws {
        try flush()
        guard let path, let temporaryPath else { return }
        try handle.synchronize()
        try handle.close()
        if rename(temporaryPath, path) != 0 {
            throw CatalogError(file: path, reason: "cannot rename \(temporaryPath) into place: \(String(cString: strerror(errno)))")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CatalogError(file: path ?? "<stdout>", reason: "write failed: \(error.localizedDescription)")
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
