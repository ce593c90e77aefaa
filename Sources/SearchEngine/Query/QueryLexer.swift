/// The lexical tokens of FTS5's query language.
public enum QueryTokenKind: Hashable, Sendable {
    case string            // a bareword or a "quoted string"
    case and, or, not      // exactly `AND`, `OR`, `NOT`
    case leftParen, rightParen, leftBrace, rightBrace
    case colon, comma, plus, star, minus, caret
    case end
}

/// One lexeme with its UTF-8 byte range in the query.
public struct QueryToken: Hashable, Sendable {
    public var kind: QueryTokenKind
    public var range: Range<Int>
}

/// Splits an FTS5 query into tokens, on demand, with FTS5's rules (`fts5ExprGetToken`):
/// whitespace is space, tab, LF, CR; `( ) { } : , + * - ^` are one-byte tokens; `"..."` is a string
/// with `""` for a quote; a bareword is a run of ASCII letters, digits, `_`, 0x1A or any byte >= 0x80;
/// any other byte is an error. The query ends at its first NUL byte, as a C string does.
struct QueryLexer {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ query: String) {
        let all = Array(query.utf8)
        bytes = Array(all.prefix { $0 != 0 })
    }

    static func isBareword(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x1A
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    func text(_ token: QueryToken) -> String {
        String(decoding: bytes[token.range], as: UTF8.self)
    }

    mutating func next() throws(SearchError) -> QueryToken {
        while offset < bytes.count, Self.isWhitespace(bytes[offset]) { offset += 1 }
        let start = offset
        guard start < bytes.count else { return QueryToken(kind: .end, range: start..<start) }
        let byte = bytes[start]
        let single: QueryTokenKind? = switch byte {
        case UInt8(ascii: "("): .leftParen
        case UInt8(ascii: ")"): .rightParen
        case UInt8(ascii: "{"): .leftBrace
        case UInt8(ascii: "}"): .rightBrace
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "+"): .plus
        case UInt8(ascii: "*"): .star
        case UInt8(ascii: "-"): .minus
        case UInt8(ascii: "^"): .caret
        default: nil
        }
        if let single {
            offset += 1
            return QueryToken(kind: single, range: start..<offset)
        }
        if byte == UInt8(ascii: "\"") {
            var index = start + 1
            while true {
                guard index < bytes.count else {
                    throw .invalidQuery(message: "unterminated string", position: start)
                }
                if bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    if index >= bytes.count || bytes[index] != UInt8(ascii: "\"") { break }
                }
                index += 1
            }
            offset = index
            return QueryToken(kind: .string, range: start..<index)
        }
        guard Self.isBareword(byte) else {
            throw .invalidQuery(message: "fts5: syntax error near \"\(String(decoding: [byte], as: UTF8.self))\"", position: start)
        }
        var index = start + 1
        while index < bytes.count, Self.isBareword(bytes[index]) { index += 1 }
        offset = index
        let word = bytes[start..<index]
        let kind: QueryTokenKind = if word.elementsEqual("OR".utf8) { .or } else if word.elementsEqual("AND".utf8) { .and }
            else if word.elementsEqual("NOT".utf8) { .not } else { .string }
        return QueryToken(kind: kind, range: start..<index)
    }
}
