import Foundation
import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    @Test func everyKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5, 3e2, 0, -0.125E-1], "b": {"c": null}, "d": true, "e": false, "f": "x", "g": [], "h": {}} "#)
        #expect(value == .object([
            "a": .array([.number(1), .number(-2.5), .number(300), .number(0), .number(-0.0125)]),
            "b": .object(["c": .null]), "d": .bool(true), "e": .bool(false), "f": .string("x"),
            "g": .array([]), "h": .object([:]),
        ]))
        #expect(try parse("\u{FEFF}\"bom\"") == .string("bom"))
        #expect(try parse("\n\t 7 \r\n") == .number(7))
    }

    @Test func escapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try parse(#""\u00e9\u4E2D\ud83d\ude00 é""#) == .string("é中😀 é"))
        #expect(try parse(#""Grüße, 東京""#) == .string("Grüße, 東京"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    }

    /// Valid documents parse to what Foundation's `JSONSerialization` reads from them.
    @Test func agreesWithFoundationOnTheSeedCatalog() throws {
        let text = try String(contentsOfFile: SharedData.seedCatalog, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let data = Data(line.utf8)
            let ours = try JSONParser.parse(data)
            let theirs = try JSONSerialization.jsonObject(with: data)
            #expect(ours == Self.value(theirs))
        }
        let samples = [#"[1.5e300, -1e-300, 123456789012345678, 0.1, 2.2250738585072014e-308]"#, #"{"k": [[[]], {"x": [null]}]}"#]
        for sample in samples {
            #expect(try parse(sample) == Self.value(try JSONSerialization.jsonObject(with: Data(sample.utf8))))
        }
    }

    /// Every line of pyvideo's 21,715 talks: real descriptions, with escapes, emoji and every script.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func agreesWithFoundationOnEveryPyvideoLine() throws {
        var lines = 0
        try JSONLines.forEach(SharedData.pyvideoCatalog) { line in
            lines += 1
            let ours = try JSONParser.parse(line.bytes)
            let theirs = Self.value(try JSONSerialization.jsonObject(with: line.bytes))
            #expect(ours == theirs, "line \(line.number)")
        }
        #expect(lines == 21_715)
    }

    private static func value(_ object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let number as NSNumber: return .number(number.doubleValue)  // (the samples hold no booleans)
        case let array as [Any]: return .array(array.map(value))
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(value))
        default: return .string("unexpected \(type(of: object))")
        }
    }

    /// Each malformed document is refused with what is wrong and where (line and column of bytes).
    @Test(arguments: [
        ("", "no value (the text is empty) (at column 1)"),
        ("   ", "no value"),
        (#"{"a": 1"#, "expected ',' or '}' in an object but found the end of the text (at column 8)"),
        (#"{"a" 1}"#, "expected ':' after a key but found '1' (at column 6)"),
        (#"{a: 1}"#, "expected a key (a string) but found 'a' (at column 2)"),
        (#"{"a": 1,}"#, "expected a key (a string) but found '}' (at column 9)"),
        (#"[1, 2,]"#, "unexpected ']' where a value was expected (at column 7)"),
        (#"[1 2]"#, "expected ',' or ']' in an array but found '2' (at column 4)"),
        (#"{"a": 1} x"#, "unexpected 'x' after the value (at column 10)"),
        (#"{"a": 1, "a": 2}"#, #"the key "a" appears twice in one object (at column 10)"#),
        (#""abc"#, "a string that never ends (at column 1)"),
        ("\"a\tb\"", "a control character (0x09) inside a string; it must be escaped (at column 3)"),
        (#""\x""#, #"\x is not an escape"#),
        (#""\u12""#, #"\u must be followed by four hex digits (at column 2)"#),
        (#""\ud83d""#, "is half of a surrogate pair without the other half"),
        (#""\ud83d\u0041""#, "is not followed by the low half of a surrogate pair"),
        (#""\ude00""#, "is the low half of a surrogate pair without the high half"),
        ("01", "a number with a leading zero (at column 1)"),
        ("-", "a '-' not followed by a digit"),
        ("1.", "a '.' not followed by a digit in a number"),
        ("1e+", "an exponent without digits in a number"),
        ("1e999", "the number 1e999 is beyond the range of a double"),
        ("tru", "unexpected 't' where a value was expected"),
        ("nul", "unexpected 'n'"),
        ("+1", "unexpected '+' where a value was expected"),
        ("[\n1,\n  ?]", "unexpected '?' where a value was expected (at line 3, column 3)"),
    ])
    func malformedDocumentsAreRefused(text: String, expected: String) {
        let error = #expect(throws: JSONParseError.self) { try parse(text) }
        #expect(error?.message.hasPrefix("invalid JSON: ") == true)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        let invalid = Data([0x22, 0x61, 0xC3, 0x28, 0x22])
        let utf8 = #expect(throws: JSONParseError.self) { try JSONParser.parse(invalid) }
        #expect(utf8?.message == "invalid JSON: a string that is not valid UTF-8 (at column 2)")
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        let nesting = #expect(throws: JSONParseError.self) { try parse(deep) }
        #expect(nesting?.message.contains("nest deeper than \(JSONParser.maximumDepth) levels") == true)
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect((try? parse(allowed)) != nil)
    }
}
