/// A stored record's JSON written directly: the bytes `JSONEncoder` (compact, slashes unescaped) writes
/// for ``StoredTalk/Fields/encode(to:)``, without its boxing of every value (a million talks: 4.3 s of
/// a build's single-threaded catalog reading went to the encoder).
///
///     record := "[" string "," (string|null) "," (string|null) "," strings "," strings ["," optionals] "]"
///     string := '"' with `"` `\` as `\"` `\\`, U+0008 U+000C U+000A U+000D U+0009 as `\b` `\f` `\n` `\r` `\t`,
///               other controls below U+0020 as `\u00xx` (lowercase hex), everything else as itself '"'
///     number := an integral value below 2^53 as an integer, any other as Swift's shortest form
extension StoredTalk.Fields {
    var json: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + event.utf8.count + (url?.utf8.count ?? 0) + 24 * speakers.count + 16 * tags.count)
        bytes.append(UInt8(ascii: "["))
        Self.append(event, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        Self.append(recorded, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        Self.append(language, to: &bytes)
        for list in [speakers, tags] {
            bytes.append(contentsOf: ",[".utf8)
            for (index, item) in list.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.append(item, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        // Trailing absent optionals are left out, as `encode(to:)` leaves them.
        let kept = [duration != nil, url != nil, institution != nil, slot != nil].lastIndex(of: true).map { $0 + 1 } ?? 0
        if kept > 0 {
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: (duration.map(Self.number) ?? "null").utf8)
        }
        for value in [url, institution, slot].prefix(max(0, kept - 1)) {
            bytes.append(UInt8(ascii: ","))
            Self.append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func append(_ text: String?, to bytes: inout [UInt8]) {
        guard let text else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
