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
        // The unread tail of the file: lines are cut from `pending[start...]` where a newline ends them.
        var pending: [UInt8] = []
        var number = 0
        func emit(_ line: UnsafeRawBufferPointer) throws {
            number += 1
            var count = line.count
            if count > 0, line[count - 1] == UInt8(ascii: "\r") { count -= 1 }
            let bytes = UnsafeRawBufferPointer(rebasing: line[0..<count])
            if bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) {
                try body(Line(number: number, bytes: Data(bytes)))
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
            // What was pending holds no newline: the search starts at the chunk (a line longer than a
            // chunk is scanned once, not once per chunk).
            var from = pending.count
            pending.append(contentsOf: chunk)
            let consumed = try pending.withUnsafeBytes { buffer throws -> Int in
                var start = 0
                while from < buffer.count,
                      let found = memchr(buffer.baseAddress! + from, Int32(UInt8(ascii: "\n")), buffer.count - from) {
                    let newline = buffer.baseAddress!.distance(to: UnsafeRawPointer(found))
                    try emit(UnsafeRawBufferPointer(rebasing: buffer[start..<newline]))
                    start = newline + 1
                    from = start
                }
                return start
            }
            pending.removeFirst(consumed)
        }
        // The last line, with or without a final newline (a file ending in "\n" has an empty one).
        try pending.withUnsafeBytes { try emit($0) }
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
