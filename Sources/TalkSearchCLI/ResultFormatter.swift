import Foundation
import SearchEngine
import TalkCatalog

/// How search results are printed.
enum OutputFormat: String, CaseIterable {
    case text, json, trec
}

/// Renders one query's results in the chosen format.
struct ResultFormatter {
    var format: OutputFormat
    var backend: String

    /// The rank of the first hit minus one (the search's offset).
    var offset = 0
    /// A line printed under the text header ("Did you mean ...?").
    var note: String?
    /// A corrected query offered to the user, and one searched instead of theirs (JSON fields).
    var suggestion: String?
    var searchedInstead: String?

    /// `queryID` is the batch line's ID (nil for a single query).
    func render(_ results: SearchResults, queryID: String?, milliseconds: Double) -> String {
        switch format {
        case .text: text(results, queryID: queryID, milliseconds: milliseconds)
        case .json: json(results, queryID: queryID) + "\n"
        case .trec: trec(results, queryID: queryID ?? "1")
        }
    }

    /// `QID Q0 DOCID RANK SCORE talksearch-BACKEND`, one line per hit (TREC run format).
    func trec(_ results: SearchResults, queryID: String) -> String {
        results.hits.enumerated().map { rank, hit in
            "\(queryID) Q0 \(hit.id) \(offset + rank + 1) \(JSONWriter.number(hit.score)) talksearch-\(backend)\n"
        }.joined()
    }

    func json(_ results: SearchResults, queryID: String?) -> String {
        let hits = results.hits.enumerated().map { rank, hit in
            let talk = StoredTalk.talk(from: hit)
            return JSONWriter.object([
                ("rank", .integer(offset + rank + 1)),
                ("score", .number(hit.score)),
                ("id", .string(hit.id)),
                ("title", .string(talk?.title)),
                ("speakers", .strings(talk?.speakers ?? [])),
                ("description", .string(talk?.description)),
                ("event", .string(talk?.event)),
                ("recorded", .string(talk?.recorded)),
                ("language", .string(talk?.language)),
                ("tags", .strings(talk?.tags ?? [])),
                ("duration", .number(talk?.duration)),
                ("url", .string(talk?.url)),
                ("institution", .string(talk?.institution)),
                ("slot", .string(talk?.slot)),
            ])
        }
        var fields: [(String, JSONWriter.Value)] = []
        if let queryID { fields.append(("query_id", .string(queryID))) }
        fields += [
            ("query", .string(results.query)),
            ("backend", .string(backend)),
            ("total_matches", .integer(results.totalMatches)),
            ("offset", .integer(offset)),
            ("suggestion", .string(suggestion)),
            ("searched_instead", .string(searchedInstead)),
            ("hits", .raw("[" + hits.joined(separator: ",") + "]")),
        ]
        if !results.facets.isEmpty { fields.append(("facets", .raw(JSONWriter.facets(results.facets)))) }
        return JSONWriter.object(fields)
    }

    /// `field: value (count) · value (count) · … (+N more)`, one line per facet.
    func facetLines(_ facets: [Facet]) -> String {
        guard !facets.isEmpty else { return "" }
        return facets.map { facet in
            let values = facet.counts.map { "\($0.value) (\($0.count))" }.joined(separator: " · ")
            let more = facet.distinctValues - facet.counts.count
            return "  \(facet.field): " + (values.isEmpty ? "-" : values) + (more > 0 ? " · … (+\(more) more)" : "") + "\n"
        }.joined()
    }

    /// A header line, then per hit: rank, score and title; speakers, event and date indented below.
    func text(_ results: SearchResults, queryID: String?, milliseconds: Double) -> String {
        var out = ""
        if let queryID { out += "[\(queryID)] " }
        let noun = results.totalMatches == 1 ? "talk matches" : "talks match"
        out += "\(results.totalMatches) \(noun) \(JSONWriter.quoted(results.query)) (\(backend), \(Self.milliseconds(milliseconds)))\n"
        if let note { out += note + "\n" }
        let rankWidth = String(offset + results.hits.count).count
        for (rank, hit) in results.hits.enumerated() {
            let talk = StoredTalk.talk(from: hit)
            let title = hit.highlights[0] ?? talk?.title ?? hit.id
            let speakers = hit.highlights[1] ?? talk?.speakers.joined(separator: Talk.speakerSeparator) ?? ""
            let number = String(offset + rank + 1)
            let prefix = String(repeating: " ", count: rankWidth - number.count) + number + ". "
            out += "\(prefix)\(Self.score(hit.score))  \(title)\n"
            var details = [speakers, talk?.event ?? "", talk?.recorded ?? ""].filter { !$0.isEmpty }
            if details.isEmpty { details = [hit.id] }
            out += String(repeating: " ", count: prefix.count + 8) + details.joined(separator: " · ") + "\n"
            if let snippet = hit.snippet, !(talk?.description.isEmpty ?? true) {
                let line = snippet.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
                out += String(repeating: " ", count: prefix.count + 8) + line + "\n"
            }
        }
        if !results.facets.isEmpty { out += "Facets:\n" + facetLines(results.facets) }
        return out
    }

    static func score(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f ms", value) : String(format: "%.0f ms", value)
    }
}

extension JSONWriter {
    /// Facets as `{"FIELD": {"distinct": N, "values": [{"value": V, "count": C}, ...]}, ...}`, in order.
    static func facets(_ facets: [Facet]) -> String {
        object(facets.map { facet in
            (facet.field, .raw(object([
                ("distinct", .integer(facet.distinctValues)),
                ("values", .raw("[" + facet.counts.map { object([("value", .string($0.value)), ("count", .integer($0.count))]) }
                    .joined(separator: ",") + "]")),
            ])))
        })
    }
}
