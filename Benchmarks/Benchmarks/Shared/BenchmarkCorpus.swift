import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// The catalog and queries the suites measure: the pyvideo catalog and public queries from ../shared
/// when present (`TALKSEARCH_SHARED` overrides the location), else the seed catalog and a built-in
/// query list, so the suites run anywhere.
///
/// Two settings choose another catalog: `TALKSEARCH_BENCH_CATALOG=PATH` (any catalog `talksearch`
/// reads, the seed's in `Corpus/` for one), and `TALKSEARCH_BENCH_SYNTHETIC=N`, N synthetic talks
/// with the statistics of the catalog otherwise chosen (`talksearch generate`'s, seed 7), to measure
/// at scale without a file. Both backends index the same documents with the default tokenizer,
/// Porter; the engine is written to an index file and read from it, as `talksearch search` reads it.
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

    /// The catalog the suites measure, as described above, and what it is.
    public static func talks() -> [Talk] {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["TALKSEARCH_BENCH_CATALOG"] ?? catalogPath
        let loaded: [Talk]
        do {
            loaded = try CatalogLoader.load([path]).talks
        } catch {
            fatalError("benchmark catalog \(path): \(error)")
        }
        guard let count = environment["TALKSEARCH_BENCH_SYNTHETIC"].flatMap({ Int($0) }), count > 0 else { return loaded }
        return Array(SyntheticCatalog(statistics: CatalogStatistics(talks: loaded), count: count, seed: 7))
    }

    /// The tokenizer both backends index with: `talksearch`'s default.
    public static let tokenizer = TokenizerConfiguration.porter

    /// A fresh temporary folder for one index.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-bench-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The engine's index of `documents` written to a file in a temporary folder, as `talksearch
    /// rebuild` writes it (keyword fields, pairs, blocks, unions, column lists); returns its path.
    public static func buildEngine(_ documents: [IndexedDocument]) throws -> String {
        let path = try scratchFolder().appendingPathComponent("engine.tsidx").path
        var builder = try IndexBuilder(schema: Talk.columns, tokenizer: tokenizer, keywordFields: Talk.keywordFields)
        for document in documents { builder.add(document) }
        try builder.build().write(to: path)
        return path
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
    public static func buildFTS5(_ documents: [IndexedDocument]) throws -> String {
        let path = try scratchFolder().appendingPathComponent("fts5.sqlite").path
        try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Talk.columns, tokenizer: tokenizer, keywordFields: Talk.keywordFields),
                                  documents: documents)
        return path
    }

    /// Removes the temporary folder holding the index at `path`.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
