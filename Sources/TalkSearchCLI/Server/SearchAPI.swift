import Foundation
import SearchEngine
import TalkCatalog

/// The JSON API of `talksearch serve`:
///
///     GET /api/search?q=QUERY&limit=10&offset=0&event=E&year=2018..2020&language=eng&speaker=S&tag=T
///                    &facets=event,year&facet_limit=5&fuzzy=1
///     GET /api/complete?q=PARTIAL&limit=10
///
/// Parameters are form-encoded (`+` or `%20` a space, `%2B` a plus); `event`, `language`, `speaker`
/// and `tag` repeat for "any of". Limits: a query of at most 1,000 bytes and 32 nested parentheses, `limit`
/// 1...100, `offset` at most 10,000, `facet_limit` 1...50. A bad request is 400 with
/// `{"error": MESSAGE}` (and `"position"`, the byte offset, for a query syntax error); no index is 503
/// with how to build one.
struct SearchAPI: Sendable {
    struct Failure: Error {
        var status: Int
        var body: String

        init(_ status: Int, _ message: String, position: Int? = nil) {
            self.status = status
            var fields: [(String, JSONWriter.Value)] = [("error", .string(message))]
            if let position { fields.append(("position", .integer(position))) }
            body = JSONWriter.object(fields)
        }
    }

    static let maximumQueryBytes = 1000
    static let maximumNesting = 32
    static let maximumLimit = 100
    static let maximumOffset = 10_000

    let index: LiveIndex

    /// Markers around matched text: private-use characters, replaced by `<mark>` after HTML escaping.
    static let open = "\u{E000}", close = "\u{E001}"

    func search(_ parameters: [(key: String, value: String)]) throws(Failure) -> String {
        func all(_ key: String) -> [String] { parameters.filter { $0.key == key }.map(\.value) }
        func one(_ key: String) -> String? { all(key).last }
        func number(_ key: String, default value: Int, range: ClosedRange<Int>) throws(Failure) -> Int {
            guard let text = one(key) else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw Failure(400, "\(key) must be a whole number in \(range.lowerBound)...\(range.upperBound), not \"\(text)\"")
            }
            return number
        }
        guard let query = one("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Failure(400, "missing q: give a query, e.g. /api/search?q=deep%20learning")
        }
        try Self.checkSize(query)
        var options = SearchOptions(limit: try number("limit", default: 10, range: 1...Self.maximumLimit))
        options.offset = try number("offset", default: 0, range: 0...Self.maximumOffset)
        options.highlight = HighlightMarkers(open: Self.open, close: Self.close)
        options.highlightColumns = [0, 1]
        options.snippet = SnippetRequest(column: 2, markers: options.highlight!, ellipsis: "…", tokens: 24)
        options.columns = StoredTalk.columns
        var years: YearRange?
        if let year = one("year"), !year.isEmpty {
            guard let range = YearRange(argument: year) else {
                throw Failure(400, "year must be 2019, 2018..2020, 2018.. or ..2020, not \"\(year)\"")
            }
            years = range
        }
        let values = Dictionary(uniqueKeysWithValues: ["event", "language", "speaker", "tag"].map { ($0, all($0)) })
        options.filters = FilterOptions.conditions(anyOf: values, year: years)
        if let facets = one("facets"), !facets.isEmpty {
            guard let fields = FacetFields(argument: facets) else {
                throw Failure(400, "facets must be a comma-separated list of \(Talk.keywordFields.joined(separator: ", ")), not \"\(facets)\"")
            }
            let limit = try number("facet_limit", default: 5, range: 1...50)
            options.facets = fields.fields.map { FacetRequest(field: $0, limit: limit) }
        }
        let snapshot = try self.snapshot()
        var searched = query
        var suggestion: String?
        if let corrections = try? snapshot.suggester.corrections(query), !corrections.isEmpty {
            suggestion = QuerySuggester.apply(corrections, to: query)
            if ["1", "true", "yes"].contains(one("fuzzy") ?? "") { searched = QuerySuggester.expand(corrections, in: query) }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let results: SearchResults
        do {
            results = try snapshot.engine.search(searched, options: options)
        } catch {
            switch error {
            case .invalidQuery(let message, let position):
                throw Failure(400, "invalid query: \(message)" + (position.map { " (at byte \($0))" } ?? ""), position: position)
            case .invalidFilter(let message): throw Failure(400, message)
            case .backend(let message): throw Failure(500, message)
            }
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return render(results, query: query, searched: searched, suggestion: suggestion, options: options, milliseconds: milliseconds)
    }

    func complete(_ parameters: [(key: String, value: String)]) throws(Failure) -> String {
        let query = parameters.last { $0.key == "q" }?.value ?? ""
        try Self.checkSize(query)
        let limitText = parameters.last { $0.key == "limit" }?.value ?? "10"
        guard let limit = Int(limitText), (1...50).contains(limit) else {
            throw Failure(400, "limit must be a whole number in 1...50, not \"\(limitText)\"")
        }
        let completions: [(text: String, documents: Int)]
        do {
            completions = try snapshot().suggester.complete(query, limit: limit)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(500, "\(error)")
        }
        return JSONWriter.object([("q", .string(query)), ("completions", .raw("[" + completions.map {
            JSONWriter.object([("text", .string($0.text)), ("talks", .integer($0.documents))])
        }.joined(separator: ",") + "]"))])
    }

    private func snapshot() throws(Failure) -> LiveIndex.Snapshot {
        do {
            return try index.snapshot()
        } catch {
            switch error {
            case .missing(let message): throw Failure(503, message)
            case .unreadable(let message): throw Failure(503, "the index cannot be read: \(message); rebuild it with `talksearch rebuild`")
            }
        }
    }

    /// Refuses queries over the size limits before any parsing.
    static func checkSize(_ query: String) throws(Failure) {
        guard query.utf8.count <= maximumQueryBytes else {
            throw Failure(400, "query too long: \(query.utf8.count) bytes (at most \(maximumQueryBytes))")
        }
        var depth = 0, deepest = 0, quoted = false
        for byte in query.utf8 {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            guard !quoted else { continue }
            if byte == UInt8(ascii: "(") { depth += 1; deepest = max(deepest, depth) }
            if byte == UInt8(ascii: ")") { depth -= 1 }
        }
        guard deepest <= maximumNesting else {
            throw Failure(400, "query nested too deep: \(deepest) parentheses (at most \(maximumNesting))")
        }
    }

    private func render(_ results: SearchResults, query: String, searched: String, suggestion: String?,
                        options: SearchOptions, milliseconds: Double) -> String {
        let hits = results.hits.enumerated().map { rank, hit in
            let talk = StoredTalk.talk(from: hit)
            return JSONWriter.object([
                ("rank", .integer(options.offset + rank + 1)), ("score", .number(hit.score)), ("id", .string(hit.id)),
                ("title", .string(talk?.title)), ("speakers", .strings(talk?.speakers ?? [])),
                ("event", .string(talk?.event)), ("recorded", .string(talk?.recorded)), ("language", .string(talk?.language)),
                ("tags", .strings(talk?.tags ?? [])), ("url", .string(talk?.url)), ("duration", .number(talk?.duration)),
                ("title_html", .string(Self.html(hit.highlights[0] ?? talk?.title ?? hit.id))),
                ("speakers_html", .string(Self.html(hit.highlights[1] ?? ""))),
                ("snippet_html", .string(talk?.description.isEmpty == false ? hit.snippet.map(Self.html) : nil)),
            ])
        }
        var fields: [(String, JSONWriter.Value)] = [
            ("query", .string(query)), ("searched", .string(searched)), ("suggestion", .string(suggestion)),
            ("total_matches", .integer(results.totalMatches)), ("offset", .integer(options.offset)), ("limit", .integer(options.limit)),
            ("took_ms", .number(milliseconds)), ("hits", .raw("[" + hits.joined(separator: ",") + "]")),
        ]
        fields.append(("facets", .raw(JSONWriter.facets(results.facets))))
        return JSONWriter.object(fields)
    }

    /// HTML-escapes `text` and turns the highlight markers into `<mark>` elements.
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case Character(open): out += "<mark>"
            case Character(close): out += "</mark>"
            default: out.append(character)
            }
        }
        return out
    }
}
