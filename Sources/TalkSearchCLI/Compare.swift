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
            rowid). With --catalog, both backends are built into a scratch folder and the engine is read
            from its index file, as `search` reads it. Exit status 1 on any disagreement.
            """
    )

    @Option(help: ArgumentHelp("A file of `ID<TAB>QUERY` lines.", valueName: "file"))
    var queries: String

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("Compare the two backends of this existing index directory instead of building both from --catalog.", valueName: "dir"))
    var index: String?

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

    func validate() throws {
        if index != nil && !catalogOptions.catalog.isEmpty { throw ValidationError("give --index DIR or --catalog PATH, not both") }
    }

    func run() throws {
        let file = try QueryFile.read(queries)
        for problem in file.problems { Terminal.standardError("talksearch: \(problem)\n") }
        let reference: FTS5Backend, engine: EngineBackend, talkCount: Int, tokenizerName: String
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-compare-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        if let index {
            // The two backends of an existing index, as `search` opens them (after add/delete too).
            let opened = try OpenedIndex.open(try IndexOptions.parse(["--index", index]))
            guard let fts5 = try opened.backend(.fts5) as? FTS5Backend, let own = try opened.backend(.engine) as? EngineBackend else {
                throw CLIError("\(index): cannot open both backends")
            }
            (reference, engine, talkCount, tokenizerName) = (fts5, own, own.documentCount, opened.manifest.tokenizer.name)
        } else {
            let catalog = try CatalogLoader.load(try catalogOptions.paths(), skipInvalid: catalogOptions.skipInvalid)
            let documents = StoredTalk.documents(catalog.talks)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let databasePath = scratch.appendingPathComponent("fts5.sqlite").path
            let configuration = tokenizer.configuration
            try FTS5IndexWriter.build(at: databasePath, schema: FTS5Schema(columns: Talk.columns, tokenizer: configuration,
                                                                           keywordFields: Talk.keywordFields), documents: documents)
            reference = try FTS5Backend(path: databasePath)
            // The engine from an index file, as `search` reads it (its blocks, stored unions and column
            // lists are the file's, not the memory index's).
            let built = try EngineBackend(documents: documents, schema: Talk.columns, tokenizer: configuration, keywordFields: Talk.keywordFields)
            let indexPath = scratch.appendingPathComponent("engine.tsidx").path
            try built.index.write(to: indexPath)
            engine = try EngineBackend(index: InvertedIndex.open(path: indexPath))
            (talkCount, tokenizerName) = (catalog.talks.count, configuration.name)
        }
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
            print("\(agreeing) of \(count) queries agree, \(disagreements) differ (\(talkCount) talks, tokenizer \(tokenizerName), limit \(limit))")
            print(String(format: "mean latency: fts5 %.3f ms, engine %.3f ms", meanReference, meanEngine))
        case .json:
            print(JSONWriter.object([
                ("queries", .raw("[" + lines.joined(separator: ",") + "]")),
                ("total", .integer(count)), ("agree", .integer(agreeing)), ("differ", .integer(disagreements)),
                ("talks", .integer(talkCount)), ("tokenizer", .string(tokenizerName)), ("limit", .integer(limit)),
                ("mean_ms_fts5", .number(meanReference)), ("mean_ms_engine", .number(meanEngine)),
            ]))
        }
        if disagreements > 0 || !file.problems.isEmpty { throw ExitCode(1) }
    }
}
