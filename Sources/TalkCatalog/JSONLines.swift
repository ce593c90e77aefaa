import Foundation

/// Splits a JSONL file into its non-blank lines, each with its 1-based line number.
///
/// Lines end in `\n` (a trailing `\r` is dropped). Blank and whitespace-only lines are not records and are
/// passed over; everything else is handed to the caller, so no malformed line can vanish silently.
enum JSONLines {
    struct Line {
        var number: Int
        var bytes: Data
    }

    static func read(_ path: String) throws(CatalogError) -> [Line] {
        var lines: [Line] = []
        do {
            try forEach(path) { lines.append($0) }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(file: path, reason: "cannot read file: \(describe(error))")
        }
        return lines
    }

    /// Calls `body` with each record line of `path` in order, reading the file a chunk at a time (a
    /// catalog of a million talks is never held whole). A `CatalogError` from reading stops the walk;
    /// so does any error `body` throws, which is rethrown as it is.
    static func forEach(_ path: String, chunkSize: Int = 1 << 20, _ body: (Line) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw CatalogError(file: path, reason: "cannot read file: \(exists ? (isDirectory.boolValue ? "is a directory" : "permission denied") : "no such file")")
        }
        defer { try? handle.close() }
        var pending = Data()
        var number = 0
        func emit(_ bytes: Data.SubSequence) throws {
            number += 1
            var slice = bytes
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            if slice.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) {
                try body(Line(number: number, bytes: Data(slice)))
            }
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw CatalogError(file: path, reason: "cannot read file: \(describe(error))")
            }
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending = Data(pending[start...])
        }
        // The last line, with or without a final newline (a file ending in "\n" has an empty one).
        try emit(pending[...])
    }

    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
