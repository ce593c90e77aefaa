import Foundation

/// A parsed JSON value, kept as its exact kind so loaders can say precisely what is wrong with a field.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses one JSON document (``JSONParser``); the error's text is suitable for a `file:line: reason` message.
    static func parse(_ bytes: Data) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(bytes)
    }

    /// The name of this value's kind, as used in error messages ("expected a string, got a number").
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

struct JSONParseError: Error {
    var message: String
}
