import ArgumentParser
import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality on judged queries: nDCG@10, MAP, P@10, R@100, as trec_eval computes them.",
        discussion: """
            Either --collection DIR (a folder with docs.jsonl, queries.jsonl and qrels.txt, as in
            ../shared/relevance/) or --catalog PATH --queries FILE --qrels FILE. Query text is searched as an
            OR of its quoted words, retrieving 1000 documents per query; measures are averaged over every
            judged query (an unanswered one counts as 0).
            """
    )

    @Option(help: ArgumentHelp("A relevance collection folder (docs.jsonl, queries.jsonl, qrels.txt).", valueName: "dir"))
    var collection: String?

    @Option(help: ArgumentHelp("The documents, with --queries and --qrels.", valueName: "path"))
    var catalog: String?

    @Option(help: ArgumentHelp("Queries: queries.jsonl ({\"id\", \"text\"}) or ID<TAB>TEXT lines.", valueName: "file"))
    var queries: String?

    @Option(help: ArgumentHelp("TREC qrels: QUERYID 0 DOCID RELEVANCE.", valueName: "file"))
    var qrels: String?

    @OptionGroup var ranking: RankingOptions

    @Option(help: "The tokenizer: porter (stemming) or unicode61.")
    var tokenizer: TokenizerName = .standard

    @Flag(help: "Leave English stopwords (Lucene's 33-word list) out of the queries.")
    var stopwords = false

    @Option(name: .customLong("run"), help: ArgumentHelp("Also write the ranking as a TREC run to this file.", valueName: "file"))
    var runFile: String?

    @Flag(help: "Print the measures of every query too.")
    var perQuery = false

    static let depth = 1000

    func validate() throws {
        if collection == nil && (catalog == nil || queries == nil || qrels == nil) {
            throw ValidationError("give --collection DIR, or --catalog, --queries and --qrels")
        }

    }

    func run() throws {
        let folder = collection.map { URL(fileURLWithPath: $0) }
        let catalogPath = catalog ?? folder!.appendingPathComponent("docs.jsonl").path
        let queriesPath = queries ?? folder!.appendingPathComponent("queries.jsonl").path
        let qrelsPath = qrels ?? folder!.appendingPathComponent("qrels.txt").path
        let talks = try CatalogLoader.load([catalogPath]).talks
        let topics = try EvalQueries.read(queriesPath)
        let judgments = try Qrels.parse(try String(contentsOfFile: qrelsPath, encoding: .utf8), file: qrelsPath)
        let documents = talks.map(\.document)

        let searcher: any SearchBackend
        var scratch: URL?
        switch ranking.backend {
        case .engine:
            searcher = try EngineBackend(documents: documents, schema: Talk.columns, tokenizer: tokenizer.configuration)
        case .fts5:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-eval-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            scratch = folder
            let path = folder.appendingPathComponent("fts5.sqlite").path
            try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Talk.columns, tokenizer: tokenizer.configuration), documents: documents)
            searcher = try FTS5Backend(path: path)
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }

        var trecRun = TrecRun()
        let start = Clock.now
        for topic in topics {
            let query = stopwords ? BagOfWordsQuery.make(topic.text, removing: Stopwords.english) : BagOfWordsQuery.make(topic.text)
            let results = try searcher.search(query, options: ranking.options(limit: Self.depth))
            trecRun.entries[topic.id] = results.hits.map { TrecRun.Entry(document: $0.id, score: $0.score) }
        }
        let seconds = Clock.seconds(since: start)
        if let runFile { try trecRun.formatted(tag: "talksearch-\(searcher.name)").write(toFile: runFile, atomically: true, encoding: .utf8) }
        let evaluation = RunEvaluation(run: trecRun, qrels: judgments)
        let name = folder?.lastPathComponent ?? (catalogPath as NSString).lastPathComponent
        print("\(name): \(evaluation.perQuery.count) judged queries, \(talks.count) documents; backend \(searcher.name), tokenizer \(tokenizer.configuration.name), scoring \(ranking.scoring.rawValue)" + (stopwords ? ", stopwords removed" : "")
              + (ranking.weights == .uniform ? "" : ", weights \(ranking.weights.values.map { "\($0)" }.joined(separator: ","))"))
        if perQuery {
            print("query\t" + RetrievalMeasures.names.joined(separator: "\t"))
            for (query, measures) in evaluation.perQuery {
                print(query + "\t" + measures.values.map { String(format: "%.4f", $0) }.joined(separator: "\t"))
            }
        }
        print(zip(RetrievalMeasures.names, evaluation.mean.values).map { "\($0) \(String(format: "%.4f", $1))" }.joined(separator: "  "))
        print(String(format: "%d queries in %.2f s", topics.count, seconds))
    }
}

/// The queries of an evaluation: `queries.jsonl` lines `{"id": ..., "text": ...}` or `ID<TAB>TEXT` lines.
enum EvalQueries {
    static func read(_ path: String) throws -> [(id: String, text: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read queries") }
        var topics: [(String, String)] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            if line.hasPrefix("{") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let id = object["id"] as? String, let text = object["text"] as? String else {
                    throw CLIError("\(path):\(index + 1): expected {\"id\": string, \"text\": string}")
                }
                topics.append((id, text))
            } else if let tab = line.firstIndex(of: "\t") {
                topics.append((String(line[..<tab]), String(line[line.index(after: tab)...])))
            } else {
                throw CLIError("\(path):\(index + 1): expected a JSON object or ID<TAB>TEXT")
            }
        }
        return topics
    }
}
