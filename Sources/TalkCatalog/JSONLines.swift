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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogError(file: path, reason: "cannot read file: \(describe(error))")
        }
        var lines: [Line] = []
        var number = 0
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                number += 1
                var last = end
                if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
                let slice = bytes[start..<last]
                if slice.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) {
                    lines.append(Line(number: number, bytes: Data(slice)))
                }
                if end == bytes.count { break }
                start = end + 1
            }
        }
        return lines
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
