import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog
import TestSupport

/// Both backends over the same documents and tokenizer: the engine in memory and written to an index
/// file (what `talksearch search` reads, with the file's blocks, stored unions, column lists and cut
/// reads the memory index does not have), FTS5 in a database file. Built once per test process (see
/// ``Fixtures``) and shared; each test opens its own FTS5 connection.
final class BackendPair: Sendable {
    let engine: EngineBackend
    /// The same index written to a file and opened from it.
    let fileEngine: EngineBackend
    let databasePath: String
    let tokenizer: TokenizerConfiguration

    init(documents: [IndexedDocument], schema: ColumnSchema, tokenizer: TokenizerConfiguration, keywordFields: [String] = [],
         label: String) throws {
        self.tokenizer = tokenizer
        databasePath = (Scratch.directory as NSString).appendingPathComponent("\(label).sqlite")
        try? FileManager.default.removeItem(atPath: databasePath)
        try FTS5IndexWriter.build(at: databasePath, schema: FTS5Schema(columns: schema, tokenizer: tokenizer, keywordFields: keywordFields),
                                  documents: documents)
        engine = try EngineBackend(documents: documents, schema: schema, tokenizer: tokenizer, keywordFields: keywordFields)
        let indexPath = (Scratch.directory as NSString).appendingPathComponent("\(label).tsidx")
        try? FileManager.default.removeItem(atPath: indexPath)
        try engine.index.write(to: indexPath)
        fileEngine = try EngineBackend(index: InvertedIndex.open(path: indexPath))
    }

    func fts5() throws -> FTS5Backend { try FTS5Backend(path: databasePath) }

    /// Runs `query` on FTS5 and on the engine from memory and from its file, and compares; returns a
    /// description of the first difference, or nil.
    func difference(_ query: String, options: SearchOptions, reference: FTS5Backend) -> String? {
        let expected = Result { () throws(SearchError) in try reference.search(query, options: options) }
        for (name, backend) in [("memory", engine), ("file", fileEngine)] {
            let actual = Result { () throws(SearchError) in try backend.search(query, options: options) }
            let outcome = ResultComparison.compare(expected: expected, actual: actual)
            if outcome != .agree { return "\(name): \(outcome.description)" }
        }
        return nil
    }
}

/// A per-process scratch folder for fixture databases; folders of finished test processes are removed.
enum Scratch {
    static let directory: String = {
        let base = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix("talksearch-differential-") {
            if let pid = Int32(name.dropFirst("talksearch-differential-".count)), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(atPath: (base as NSString).appendingPathComponent(name))
            }
        }
        let path = (base as NSString).appendingPathComponent("talksearch-differential-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
}

/// The catalogs and backend pairs the differential tests share, each built on first use.
enum Fixtures {
    static let columns = ColumnSchema(names: ["title", "speakers", "description"])

    /// The pyvideo catalog as the product indexes it (title, speakers joined by "; ", description; the
    /// keyword fields event, year, language, speaker, tag), in file order.
    static let pyvideoDocuments: Result<[IndexedDocument], any Error> = Result {
        try CatalogLoader.load([SharedData.pyvideoCatalog]).talks.map(\.document)
    }

    static let pyvideoUnicode61: Result<BackendPair, any Error> = Result {
        try BackendPair(documents: pyvideoDocuments.get(), schema: columns, tokenizer: .unicode61, keywordFields: Talk.keywordFields,
                        label: "pyvideo-unicode61")
    }

    static let pyvideoPorter: Result<BackendPair, any Error> = Result {
        try BackendPair(documents: pyvideoDocuments.get(), schema: columns, tokenizer: .porter, keywordFields: Talk.keywordFields,
                        label: "pyvideo-porter")
    }

    static func pyvideo(_ tokenizer: String) throws -> BackendPair {
        try (tokenizer == "porter" ? pyvideoPorter : pyvideoUnicode61).get()
    }

    /// Frequent and rare words of the pyvideo titles and descriptions, for query generation.
    static let pyvideoWords: (common: [String], rare: [String]) = {
        var counts: [String: Int] = [:]
        for document in ((try? pyvideoDocuments.get()) ?? []).prefix(3000) {
            let text = (document.columns[0] + " " + document.columns[2]).lowercased()
            for word in text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
                counts[String(word), default: 0] += 1
            }
        }
        let ordered = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        return (Array(ordered.prefix(300).map(\.key)), Array(ordered.filter { $0.value <= 3 }.prefix(2000).map(\.key)))
    }()

    /// Public queries, `ID<TAB>QUERY`.
    static func publicQueries() throws -> [(id: String, query: String)] {
        try String(contentsOfFile: SharedData.publicQueries, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            return (String(line[..<tab]), String(line[line.index(after: tab)...]))
        }
    }
}
