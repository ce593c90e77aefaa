/// A problem with a catalog, located as precisely as the source allows.
///
/// Printed as `file:line: field: reason`; the line and field parts are left out when unknown
/// (a whole-file problem prints `file: reason`).
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line number in a JSONL file; nil for whole-file problems.
    public var line: Int?
    /// The JSON field at fault, nil when the problem is not a field's.
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + reason
    }
}

/// Every problem found while loading, when more than one is worth showing.
public struct CatalogErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [CatalogError]

    public init(_ errors: [CatalogError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
