import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// The catalog and queries the suites measure: the pyvideo catalog and public queries from ../shared
/// when present (`TALKSEARCH_SHARED` overrides the location), else the seed catalog and a built-in
/// query list, so the suites run anywhere.
public enum BenchmarkCorpus {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var sharedRoot: URL {
        if let path = ProcessInfo.processInfo.environment["TALKSEARCH_SHARED"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    public static var catalogPath: String {
        let pyvideo = sharedRoot.appendingPathComponent("corpora/pyvideo-talks.jsonl").path
        if FileManager.default.fileExists(atPath: pyvideo) { return pyvideo }
        return repositoryRoot.appendingPathComponent("Corpus/ini-mathematics-of-deep-learning-2019.jsonl").path
    }

    public static func talks() -> [Talk] {
        (try? CatalogLoader.load([catalogPath]).talks) ?? []
    }

    public static func documents() -> [IndexedDocument] { talks().map(\.document) }

    /// `(class, query)` pairs; the class is the last part of the public query id (`pub-012-phrase`).
    public static func queries() -> [(queryClass: String, query: String)] {
        let path = sharedRoot.appendingPathComponent("queries/pyvideo-public.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return [("term", "robustness"), ("and", "deep learning"), ("or", "ethics OR privacy"), ("phrase", "\"machine learning\""),
                    ("prefix", "learn*"), ("near", "NEAR(machine learning, 3)"), ("speaker", "speakers:fawzi"), ("not", "learning NOT privacy")]
        }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            return (String(fields[0].split(separator: "-").last ?? "other"), String(fields[1]))
        }
    }

    /// A fresh FTS5 database of `documents` in a temporary folder; returns its path.
    public static func buildFTS5(_ documents: [IndexedDocument], tokenizer: TokenizerConfiguration = .unicode61) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-bench-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("fts5.sqlite").path
        try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Talk.columns, tokenizer: tokenizer), documents: documents)
        return path
    }
}
