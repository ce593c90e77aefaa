/// A small JSON text builder whose numbers are exact: doubles are written in their shortest
/// round-trip form (Swift's `description`), so `Double(text)` gives back the same bits.
struct JSONWriter {
    private(set) var text = ""

    enum Value {
        case string(String?)
        case number(Double?)
        case integer(Int)
        case strings([String])
        case raw(String)
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .string(let string): string.map(quoted) ?? "null"
        case .number(let number): number.map(Self.number) ?? "null"
        case .integer(let integer): String(integer)
        case .strings(let strings): "[" + strings.map(quoted).joined(separator: ",") + "]"
        case .raw(let raw): raw
        }
    }

    static func object(_ fields: [(String, Value)]) -> String {
        "{" + fields.map { quoted($0.0) + ":" + render($0.1) }.joined(separator: ",") + "}"
    }
}
