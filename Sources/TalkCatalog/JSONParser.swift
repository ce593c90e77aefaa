import Foundation

/// A strict JSON parser (RFC 8259) from UTF-8 bytes to ``JSONValue``, one pass over the bytes.
///
///     value   := ws (object | array | string | number | "true" | "false" | "null") ws
///     object  := "{" ws [string ws ":" value ("," ws string ws ":" value)*] ws "}"
///     array   := "[" ws [value ("," value)*] ws "]"
///     number  := "-"? ("0" | [1-9][0-9]*) ("." [0-9]+)? ([eE] [+-]? [0-9]+)?
///     ws      := (" " | "\t" | "\n" | "\r")*
///
/// Accepted beyond the grammar: one UTF-8 byte order mark before the value. Refused, with the line and
/// column (in bytes, from 1) where the text goes wrong: anything outside the grammar, text after the
/// value, bytes that are not UTF-8, control characters inside strings, escapes that name a lone
/// surrogate, numbers beyond a `Double`'s range, an object naming the same key twice (one of the two
/// values would be lost), and nesting deeper than ``maximumDepth``.
///
/// It replaces `JSONDecoder` into an enum, whose failed attempts at each kind cost more than the
/// parse: a million synthetic talks (873 MB of JSONL) took 40 MB/s that way.
struct JSONParser: ~Copyable {
    /// Arrays and objects nest at most this deep (the parser recurses once per level).
    static let maximumDepth = 512

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses `data`, which must hold exactly one JSON value (whitespace around it allowed).
    static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                var parser = JSONParser(buffer)
                return try parser.document()
            }
        }
        return try result.get()
    }

    private mutating func document() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
        skipWhitespace()
        guard offset < bytes.count else { throw failure("no value (the text is empty)") }
        let value = try self.value()
        skipWhitespace()
        guard offset == bytes.count else { throw failure("unexpected \(describe(offset)) after the value") }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard offset < bytes.count else { throw failure("the text ends where a value was expected") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected \(describe(offset)) where a value was expected")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try container(closing: UInt8(ascii: "}"), kind: "an object") { parser throws(JSONParseError) in
            guard parser.peek() == UInt8(ascii: "\"") else { throw parser.failure("expected a key (a string) but found \(parser.describe(parser.offset))") }
            let keyStart = parser.offset
            let key = try parser.string()
            parser.skipWhitespace()
            guard parser.peek() == UInt8(ascii: ":") else { throw parser.failure("expected ':' after a key but found \(parser.describe(parser.offset))") }
            parser.offset += 1
            parser.skipWhitespace()
            let member = try parser.value()
            guard members.updateValue(member, forKey: key) == nil else {
                throw parser.failure("the key \"\(key)\" appears twice in one object", at: keyStart)
            }
        }
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        var elements: [JSONValue] = []
        try container(closing: UInt8(ascii: "]"), kind: "an array") { parser throws(JSONParseError) in
            elements.append(try parser.value())
        }
        return .array(elements)
    }

    /// Walks the object or array opening at `offset`: `item` reads each member or element, and the
    /// walk takes the ',' between them and the `closing` byte after the last (or at once).
    private mutating func container(closing: UInt8, kind: String,
                                    _ item: (inout JSONParser) throws(JSONParseError) -> Void) throws(JSONParseError) {
        try enter()
        offset += 1
        skipWhitespace()
        if peek() == closing {
            offset += 1
            depth -= 1
            return
        }
        while true {
            try item(&self)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
            case closing:
                offset += 1
                depth -= 1
                return
            default:
                throw failure("expected ',' or '\(String(UnicodeScalar(closing)))' in \(kind) but found \(describe(offset))")
            }
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("arrays and objects nest deeper than \(Self.maximumDepth) levels") }
    }

    /// The string starting at the quote at `offset`; `offset` ends past its closing quote. A string
    /// without escapes becomes a `String` straight from its bytes (validated as UTF-8).
    private mutating func string() throws(JSONParseError) -> String {
        let start = offset
        offset += 1
        let contentStart = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = try utf8(bytes[contentStart..<offset], start: contentStart)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("a control character (\(hex(byte))) inside a string; it must be escaped") }
            offset += 1
        }
        guard offset < bytes.count else { throw failure("a string that never ends", at: start) }
        // Escapes: the text is gathered in a buffer.
        var text = Array(bytes[contentStart..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return try utf8(text[...], start: contentStart)
            case UInt8(ascii: "\\"):
                try escape(into: &text)
            case 0..<0x20:
                throw failure("a control character (\(hex(byte))) inside a string; it must be escaped")
            default:
                text.append(byte)
                offset += 1
            }
        }
        throw failure("a string that never ends", at: start)
    }

    /// Appends the UTF-8 of the escape at `offset` (a backslash) to `text`.
    private mutating func escape(into text: inout [UInt8]) throws(JSONParseError) {
        let start = offset
        offset += 1
        guard offset < bytes.count else { throw failure("a string that never ends", at: start) }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(letter)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(escapeAt: start)
            if (0xD800..<0xDC00).contains(scalar) {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw failure("\\u\(String(scalar, radix: 16, uppercase: true)) is half of a surrogate pair without the other half", at: start)
                }
                let lowStart = offset
                offset += 2
                let low = try hexQuad(escapeAt: lowStart)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw failure("\\u\(String(scalar, radix: 16, uppercase: true)) is not followed by the low half of a surrogate pair", at: start)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw failure("\\u\(String(scalar, radix: 16, uppercase: true)) is the low half of a surrogate pair without the high half", at: start)
            }
            text.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            throw failure("\\\(describeCharacter(letter)) is not an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX are)", at: start)
        }
    }

    /// The four hex digits at `offset` (after `\u`).
    private mutating func hexQuad(escapeAt start: Int) throws(JSONParseError) -> UInt32 {
        var scalar: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = hexDigit(bytes[offset]) else {
                throw failure("\\u must be followed by four hex digits", at: start)
            }
            scalar = scalar << 4 | digit
            offset += 1
        }
        return scalar
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func utf8(_ slice: some Collection<UInt8>, start: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw failure("a string that is not valid UTF-8", at: start)
        }
        return text
    }

    private mutating func number() throws(JSONParseError) -> Double {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard let first = peek(), isDigit(first) else { throw failure("a '-' not followed by a digit", at: start) }
        offset += 1
        if first == UInt8(ascii: "0"), let next = peek(), isDigit(next) {
            throw failure("a number with a leading zero", at: start)
        }
        skipDigits()
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard let digit = peek(), isDigit(digit) else { throw failure("a '.' not followed by a digit in a number", at: start) }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard let digit = peek(), isDigit(digit) else { throw failure("an exponent without digits in a number", at: start) }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw failure("the number \(text) is beyond the range of a double", at: start)
        }
        return number
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = offset + count <= bytes.count
            && (0..<count).allSatisfy { bytes[offset + $0] == word.utf8Start[$0] }
        guard matches else { throw failure("unexpected \(describe(offset)) where a value was expected") }
        offset += count
    }

    private func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// What is at `position`, for a message: a character in quotes, or the end of the text.
    private func describe(_ position: Int) -> String {
        position < bytes.count ? printable(bytes[position]).map { "'\($0)'" } ?? "byte \(hex(bytes[position]))" : "the end of the text"
    }

    /// A printable ASCII byte as itself; nil for any other.
    private func printable(_ byte: UInt8) -> String? {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : nil
    }

    private func describeCharacter(_ byte: UInt8) -> String {
        printable(byte) ?? hex(byte)
    }

    private func hex(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// `reason`, placed at `position` (the current offset by default) as a line and column of bytes.
    private func failure(_ reason: String, at position: Int? = nil) -> JSONParseError {
        let position = min(position ?? offset, bytes.count)
        var line = 1, lineStart = 0
        for index in 0..<position where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = position - lineStart + 1
        let place = line == 1 ? "column \(column)" : "line \(line), column \(column)"
        return JSONParseError(message: "invalid JSON: \(reason) (at \(place))")
    }
}
