/// One record read from a catalog source, or the error that stopped it, with where it came from.
public struct LocatedRecord: Sendable {
    public var file: String
    public var line: Int?
    public var result: Result<Talk, CatalogError>

    public var location: String { line.map { "\(file):\($0)" } ?? file }
}
