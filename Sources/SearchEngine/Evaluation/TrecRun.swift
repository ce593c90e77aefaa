/// A ranked run: per query, documents with scores, as written in TREC format
/// (`QID Q0 DOCID RANK SCORE TAG`).
public struct TrecRun: Sendable {
    public struct Entry: Hashable, Sendable {
        public var document: String
        public var score: Double
        public init(document: String, score: Double) {
            self.document = document
            self.score = score
        }
    }

    public var entries: [String: [Entry]]

    public init(entries: [String: [Entry]] = [:]) { self.entries = entries }

    /// The run's documents for `query` in trec_eval's order: score descending, then document id
    /// descending (trec_eval breaks ties that way, whatever the ranks in the file say).
    public func ranked(_ query: String) -> [Entry] {
        (entries[query] ?? []).sorted { a, b in
            a.score > b.score || (a.score == b.score && b.document.utf8.lexicographicallyPrecedes(a.document.utf8))
        }
    }

    /// Parses TREC run text; errors name `file:line`.
    public static func parse(_ text: String, file: String) throws(EvaluationError) -> TrecRun {
        var run = TrecRun()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 6, let score = Double(fields[4]) else {
                throw EvaluationError("\(file):\(index + 1): expected QID Q0 DOCID RANK SCORE TAG, got \"\(line)\"")
            }
            run.entries[String(fields[0]), default: []].append(Entry(document: String(fields[2]), score: score))
        }
        return run
    }

    /// The run as TREC text, each query's documents in trec_eval's order, ranks from 1.
    public func formatted(tag: String) -> String {
        var out = ""
        for query in entries.keys.sorted(by: Qrels.naturalOrder) {
            for (rank, entry) in ranked(query).enumerated() {
                out += "\(query) Q0 \(entry.document) \(rank + 1) \(entry.score) \(tag)\n"
            }
        }
        return out
    }
}
