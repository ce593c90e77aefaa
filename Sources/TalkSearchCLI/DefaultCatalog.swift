import Foundation

/// Finds the seed catalog that ships in the repository's Corpus/ folder.
///
/// Looked for, in order: `$TALKSEARCH_SEED`; `Corpus/` under the current directory; `Corpus/` of the
/// source tree this binary was built from (so `swift run` works from any directory of a clone).
enum DefaultCatalog {
    static let fileName = "ini-mathematics-of-deep-learning-2019.jsonl"
    /// Queries over the seed catalog, one or two per query class (`talksearch bench`'s default).
    static let queriesFileName = "ini-mathematics-of-deep-learning-2019-queries.tsv"

    static func path() throws -> String {
        try find(fileName, override: ProcessInfo.processInfo.environment["TALKSEARCH_SEED"], option: "--catalog PATH")
    }

    static func queriesPath() throws -> String {
        try find(queriesFileName, override: nil, option: "--queries FILE")
    }

    private static func find(_ name: String, override: String?, option: String) throws -> String {
        var candidates: [String] = []
        if let override { candidates.append(override) }
        candidates.append("Corpus/\(name)")
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Corpus/\(name)").path)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw CLIError("no default \(name) found (looked for \(candidates.joined(separator: ", "))); pass \(option)")
    }
}

/// An error the CLI reports as `talksearch: message` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
