import Foundation

/// Finds the seed catalog that ships in the repository's Corpus/ folder.
///
/// Looked for, in order: `$TALKSEARCH_SEED`; `Corpus/` under the current directory; `Corpus/` of the
/// source tree this binary was built from (so `swift run` works from any directory of a clone).
enum DefaultCatalog {
    static let fileName = "ini-mathematics-of-deep-learning-2019.jsonl"

    static func path() throws -> String {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["TALKSEARCH_SEED"] { candidates.append(override) }
        candidates.append("Corpus/\(fileName)")
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Corpus/\(fileName)").path)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw CLIError("no default catalog found (looked for \(candidates.joined(separator: ", "))); pass --catalog PATH")
    }
}

/// An error the CLI reports as `talksearch: message` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
