import ArgumentParser
import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every query on both backends over the same catalog and report where they differ.",
        discussion: """
            Scores agree when equal within 1e-12 relative; hit order must match FTS5's (score, then ascending
            rowid). Exit status 1 on any disagreement.
            """
    )

    @Option(help: ArgumentHelp("A file of `ID<TAB>QUERY` lines.", valueName: "file"))
    var queries: String

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Hits compared per query.")
    var limit: Int = 10

    @Option(help: ArgumentHelp("BM25 column weights for title, speakers, description.", valueName: "T,S,D"))
    var weights: ColumnWeights = .uniform

    @Option(help: "The tokenizer of both backends: porter (stemming) or unicode61.")
    var tokenizer: TokenizerName = .standard

    @Option(help: "Output format: text or json.")
    var format: CompareFormat = .text

    @OptionGroup(title: "Filters and facets (FTS5: the same filters in SQL beside MATCH)") var filters: FilterOptions

    enum CompareFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let file = try QueryFile.read(queries)
        for problem in file.problems { Terminal.standardError("talksearch: \(problem)\n") }
        let catalog = try CatalogLoader.load(try catalogOptions.paths(), skipInvalid: catalogOptions.skipInvalid)
        let documents = try StoredTalk.documents(catalog.talks)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-compare-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let databasePath = scratch.appendingPathComponent("fts5.sqlite").path
        let configuration = tokenizer.configuration
        try FTS5IndexWriter.build(at: databasePath, schema: FTS5Schema(columns: Talk.columns, tokenizer: configuration,
                                                                       keywordFields: Talk.keywordFields), documents: documents)
        let reference = try FTS5Backend(path: databasePath)
        let engine = try EngineBackend(documents: documents, schema: Talk.columns, tokenizer: configuration, keywordFields: Talk.keywordFields)
        var options = SearchOptions(limit: limit, weights: weights)
        filters.apply(to: &options)

        var disagreements = 0
        var referenceSeconds = 0.0, engineSeconds = 0.0
        var lines: [String] = []
        for entry in file.queries {
            var start = Clock.now
            let expected = Result { () throws(SearchError) in try reference.search(entry.query, options: options) }
            referenceSeconds += Clock.seconds(since: start)
            start = Clock.now
            let actual = Result { () throws(SearchError) in try engine.search(entry.query, options: options) }
            engineSeconds += Clock.seconds(since: start)
            let outcome = ResultComparison.compare(expected: expected, actual: actual)
            if outcome != .agree { disagreements += 1 }
            switch format {
            case .text:
                lines.append("\(entry.id)\t\(outcome == .agree ? "agree" : "DIFFER: \(outcome)")\t\(entry.query)")
            case .json:
                lines.append(JSONWriter.object([("id", .string(entry.id)), ("query", .string(entry.query)),
                                                ("agree", .raw(outcome == .agree ? "true" : "false")),
                                                ("difference", .string(outcome == .agree ? nil : outcome.description))]))
            }
        }
        let count = file.queries.count
        let agreeing = count - disagreements
        let meanReference = count > 0 ? referenceSeconds / Double(count) * 1000 : 0
        let meanEngine = count > 0 ? engineSeconds / Double(count) * 1000 : 0
        switch format {
        case .text:
            lines.forEach { print($0) }
            print("\(agreeing) of \(count) queries agree, \(disagreements) differ (\(catalog.talks.count) talks, tokenizer \(configuration.name), limit \(limit))")
            print(String(format: "mean latency: fts5 %.3f ms, engine %.3f ms", meanReference, meanEngine))
        case .json:
            print(JSONWriter.object([
                ("queries", .raw("[" + lines.joined(separator: ",") + "]")),
                ("total", .integer(count)), ("agree", .integer(agreeing)), ("differ", .integer(disagreements)),
                ("talks", .integer(catalog.talks.count)), ("tokenizer", .string(configuration.name)), ("limit", .integer(limit)),
                ("mean_ms_fts5", .number(meanReference)), ("mean_ms_engine", .number(meanEngine)),
            ]))
        }
        if disagreements > 0 || !file.problems.isEmpty { throw ExitCode(1) }
    }
}
