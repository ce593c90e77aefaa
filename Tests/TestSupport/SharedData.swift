import Foundation
import Testing

/// The project's shared data folder, `../shared` beside the repository (read-only, not in git).
///
/// Tests that need it are marked `.enabled(if: SharedData.isAvailable, SharedData.absentMessage)`,
/// so a fresh clone without it skips them with that message, while CI (where it is present) runs them.
public enum SharedData {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$TALKSEARCH_SHARED`, or `../shared` beside the repository.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["TALKSEARCH_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("corpora/pyvideo-talks.jsonl").path)
    }

    public static let absentMessage: Comment = "../shared is absent (a fresh clone): skipping tests that read the shared corpora and vectors"

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    public static var pyvideoCatalog: String { path("corpora/pyvideo-talks.jsonl") }
    public static var publicQueries: String { path("queries/pyvideo-public.tsv") }
    public static func vectors(_ name: String) -> String { path("docs/fts5-vectors/\(name)") }

    /// The seed catalog shipped in Corpus/.
    public static var seedCatalog: String {
        repositoryRoot.appendingPathComponent("Corpus/ini-mathematics-of-deep-learning-2019.jsonl").path
    }
}

