import ArgumentParser
import Foundation
import SearchEngine

extension OutputFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the index with an FTS5 MATCH query.",
        discussion: """
            With no index yet at the default location, one is built from the seed catalog first.
            --batch FILE answers every `ID<TAB>QUERY` line of FILE; a query that fails is reported on
            stderr with its ID, the others are still answered, and the exit status is 1.
            """
    )

    @Argument(help: "The query, in SQLite FTS5 MATCH syntax.")
    var query: String?

    @OptionGroup var indexOptions: IndexOptions

    @OptionGroup var ranking: RankingOptions

    @OptionGroup(title: "Filters and facets") var filters: FilterOptions

    @Option(help: "The number of hits to show.")
    var limit: Int = 10

    @Option(help: "Ranks to skip before the hits shown (the next page: --offset 10).")
    var offset: Int = 0

    @Option(help: "Output format: text, json or trec.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("A file of `ID<TAB>QUERY` lines to answer in one run.", valueName: "file"))
    var batch: String?

    @Option(help: "Bold matched terms in text output: auto (on a terminal), always, never.")
    var color: ColorMode = .auto

    @Flag(help: "Show each hit's score as a tree of its BM25 terms (engine backend, text output).")
    var explain = false

    @Flag(help: "When words of the query match few or no talks, search each as (word OR correction): \"adversrial\" -> \"(adversrial OR adversarial)\".")
    var fuzzy = false

    func validate() throws {
        if query == nil && batch == nil { throw ValidationError("give a QUERY or --batch FILE") }
        if query != nil && batch != nil { throw ValidationError("give either a QUERY or --batch FILE, not both") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more") }
        if explain && ranking.backend != .engine { throw ValidationError("--explain needs --backend engine: FTS5 cannot take its scores apart") }
        if explain && format != .text { throw ValidationError("--explain goes with --format text") }
        if explain && ranking.scoring != .fts5 { throw ValidationError("--explain takes apart FTS5's bm25; use it with --scoring fts5") }
    }

    func run() throws {
        let (index, searcher) = try OpenedIndex.withLiveGeneration(indexOptions) { opened in
            (opened, try opened.backend(ranking.backend))
        }
        let bold = format == .text && color.enabled
        var formatter = ResultFormatter(format: format, backend: searcher.name)
        formatter.offset = offset
        var options = ranking.options(limit: limit)
        options.offset = offset
        filters.apply(to: &options)
        let markers = bold ? HighlightMarkers(open: Terminal.boldOn, close: Terminal.boldOff) : HighlightMarkers(open: "", close: "")
        if bold {
            options.highlight = markers
            options.highlightColumns = [0, 1]
        }
        if format != .trec { options.columns = StoredTalk.columns }
        if format == .text {
            // The best fragment of the description, chosen as FTS5's snippet() chooses it.
            options.snippet = SnippetRequest(column: 2, markers: markers, ellipsis: "…", tokens: 20)
        }
        if var query {
            let start = Clock.now
            // Corrections come from the engine's vocabulary, whichever backend answers.
            let corrections = try Corrections.of(query, index: index, searcher: searcher)
            if fuzzy, let expanded = corrections.expanded {
                formatter.note = "Searched \(JSONWriter.quoted(expanded)) for \(JSONWriter.quoted(query))"
                formatter.searchedInstead = expanded
                query = expanded
            } else if let corrected = corrections.corrected {
                formatter.note = "Did you mean \(JSONWriter.quoted(corrected))? (--fuzzy searches it)"
                formatter.suggestion = corrected
            }
            do {
                let results = try searcher.search(query, options: options)
                print(formatter.render(results, queryID: nil, milliseconds: Clock.seconds(since: start) * 1000), terminator: "")
                if explain, let engine = searcher as? EngineBackend {
                    for (rank, hit) in results.hits.enumerated() {
                        guard let tree = try engine.explain(query, ordinal: hit.ordinal, weights: ranking.weights) else { continue }
                        print("\n#\(rank + 1) \(hit.id)\n\(tree)")
                    }
                }
            } catch {
                throw CLIError(QueryErrorText.describe(error, query: query))
            }
            return
        }
        guard let batch else { return }
        let queries = try QueryFile.read(batch)
        var failures = queries.problems.count
        for problem in queries.problems { Terminal.standardError("talksearch: \(problem)\n") }
        for entry in queries.queries {
            let start = Clock.now
            do {
                let results = try searcher.search(entry.query, options: options)
                print(formatter.render(results, queryID: entry.id, milliseconds: Clock.seconds(since: start) * 1000), terminator: "")
            } catch {
                failures += 1
                Terminal.standardError("talksearch: \(batch):\(entry.line): query \(entry.id): \(QueryErrorText.describe(error, query: entry.query, pointing: false))\n")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// The message for a failed query: `invalid query "QUERY": MESSAGE`, naming the byte position when the
/// backend knows it; with `pointing`, two more lines show the query with a caret under that position.
enum QueryErrorText {
    static func describe(_ error: SearchError, query: String, pointing: Bool = true) -> String {
        switch error {
        case .invalidQuery(let message, let position?):
            let line = "invalid query \(JSONWriter.quoted(query)) at byte \(position): \(message)"
            guard pointing, !query.contains("\n") else { return line }
            let column = String(decoding: Array(query.utf8).prefix(position), as: UTF8.self).count
            return line + "\n  \(query)\n  \(String(repeating: " ", count: column))^"
        case .invalidQuery(let message, nil):
            return "invalid query \(JSONWriter.quoted(query)): \(message)"
        case .backend(let message), .invalidFilter(let message):
            return message
        }
    }
}

/// A file of `ID<TAB>QUERY` lines (blank lines and `#` comments are passed over).
struct QueryFile {
    struct Entry {
        var line: Int
        var id: String
        var query: String
    }

    var queries: [Entry] = []
    /// Lines that are not `ID<TAB>QUERY`, as `file:line: reason`.
    var problems: [String] = []

    static func read(_ path: String) throws -> QueryFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read query file")
        }
        var file = QueryFile()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                file.problems.append("\(path):\(index + 1): expected ID<TAB>QUERY, found no tab")
                continue
            }
            let id = String(line[..<tab])
            guard !id.isEmpty else {
                file.problems.append("\(path):\(index + 1): empty query ID")
                continue
            }
            file.queries.append(Entry(line: index + 1, id: id, query: String(line[line.index(after: tab)...])))
        }
        return file
    }
}
