import Foundation
import SearchEngine

/// The measured SQLite 3.40 vectors of ../shared/docs/fts5-vectors/, decoded once for every test
/// that checks a backend against them.
public enum FTS5Vectors {
    /// One case of `bm25-vectors.jsonl`: a small table, a query, weights and the expected bm25 bits.
    public struct BM25Case {
        public var name: String
        public var columns: ColumnSchema
        public var documents: [IndexedDocument]
        public var query: String
        public var weights: ColumnWeights
        /// Expected bm25 bits (big-endian hex) by document id (the rowid as text).
        public var expectedBits: [String: String]
    }

    /// One case of `bm25-pyvideo.jsonl`: a query over the pyvideo catalog (title, description).
    public struct PyvideoCase {
        public var config: String
        public var query: String
        public var weights: ColumnWeights
        public var matchCount: Int
        public var top20Ordinals: [Int64]
        public var top20Bits: [String]
    }

    public static func bm25Cases() throws -> [BM25Case] {
        try JSONFixtures.lines(SharedData.vectors("bm25-vectors.jsonl")).map { vector in
            let create = vector["create"] as? String ?? ""
            let columnList = create.split(separator: "(").last?.split(separator: ")").first ?? ""
            let rows = vector["rows"] as? [[Any]] ?? []
            let expected = vector["expected"] as? [[Any]] ?? []
            return BM25Case(
                name: vector["name"] as? String ?? "?",
                columns: ColumnSchema(names: columnList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }),
                documents: rows.map { IndexedDocument(id: "\($0[0])", columns: ($0[1] as? [Any] ?? []).map { $0 as? String ?? "" }) },
                query: vector["query"] as? String ?? "",
                weights: ColumnWeights((vector["weights"] as? [Double]) ?? []),
                expectedBits: Dictionary(uniqueKeysWithValues: expected.map { ("\($0[0])", $0[2] as? String ?? "") }))
        }
    }

    public static func pyvideoCases(config: String) throws -> [PyvideoCase] {
        try JSONFixtures.lines(SharedData.vectors("bm25-pyvideo.jsonl")).filter { $0["config"] as? String == config }.map { vector in
            let top = vector["top20"] as? [[Any]] ?? []
            return PyvideoCase(
                config: config, query: vector["query"] as? String ?? "", weights: ColumnWeights((vector["weights"] as? [Double]) ?? []),
                matchCount: vector["match_count"] as? Int ?? -1, top20Ordinals: top.map { Int64($0[0] as? Int ?? 0) },
                top20Bits: top.map { $0[2] as? String ?? "" })
        }
    }

    /// The pyvideo catalog as the vectors index it: rowid = line number, columns title and description.
    public static func pyvideoTitleDescriptionDocuments() throws -> [IndexedDocument] {
        try JSONFixtures.lines(SharedData.pyvideoCatalog).enumerated().map { index, talk in
            IndexedDocument(id: String(index + 1), columns: [talk["title"] as? String ?? "", talk["description"] as? String ?? ""])
        }
    }

    /// The tokenizer a vector configuration names (`unicode61` or `porter`, FTS5's defaults otherwise).
    public static func tokenizer(_ config: String) -> TokenizerConfiguration {
        TokenizerConfiguration(porter: config == "porter", removeDiacritics: 1)
    }

    /// Compares `backend`'s answer for a pyvideo case with the measured one; returns what differs.
    public static func check(_ backend: any SearchBackend, _ vector: PyvideoCase) -> [String] {
        do {
            let results = try backend.search(vector.query, options: SearchOptions(limit: 20, weights: vector.weights))
            var problems: [String] = []
            if results.totalMatches != vector.matchCount { problems.append("\(vector.query): total \(results.totalMatches), expected \(vector.matchCount)") }
            if results.hits.map(\.ordinal) != vector.top20Ordinals { problems.append("\(vector.query) \(vector.weights.values): order differs") }
            if results.hits.map({ bitsHex(-$0.score) }) != vector.top20Bits { problems.append("\(vector.query) \(vector.weights.values): bm25 bits differ") }
            return problems
        } catch {
            return ["\(vector.query): \(error)"]
        }
    }
}
