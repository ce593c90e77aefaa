/// An index of the seed catalog in a fresh temporary directory, built by the `talksearch` binary (as a
/// user would build it), for command-line and server tests.
public struct SeedIndex: Sendable {
    public let directory: TemporaryDirectory
    /// The index directory (`--index`).
    public var path: String { directory.file("index") }

    public init() throws {
        directory = try TemporaryDirectory()
        let output = try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", directory.file("index")])
        guard output.status == 0 else { throw FixtureError("talksearch rebuild of the seed catalog failed: \(output.standardError)") }
    }
}
