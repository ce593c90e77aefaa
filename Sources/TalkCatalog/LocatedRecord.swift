/// One record read from a catalog source, or the error that stopped it, with where it came from.
public struct LocatedRecord: Sendable {
    public var file: String
    public var line: Int?
    public var result: Result<Talk, CatalogError>

    public var location: String { Self.location(file: file, line: line) }

    /// `file:line`, or the file alone for a record without a line.
    static func location(file: String, line: Int?) -> String { line.map { "\(file):\($0)" } ?? file }
}
