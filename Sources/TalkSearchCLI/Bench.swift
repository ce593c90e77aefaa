import ArgumentParser
import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build both backends and measure them side by side: build, size, memory, QPS and latency per query class.",
        discussion: """
            Each backend's build and open run in a child process of their own, so that peak and resident
            memory belong to one backend. Queries then run in this process on both backends from their files,
            after one untimed pass that also checks that both give the same hits and scores: each timed pass
            runs every query on one backend, then every query on the other (engine first on even passes,
            FTS5 first on odd ones), so that a backend answers its queries one after another as it would
            alone. With --interleave the backends alternate query by query instead, each query then
            finding the caches as the other backend's query left them. Ratios are FTS5 / engine: above 1,
            the engine is faster or smaller. Use a release build (`swift build -c release`).
            """
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("A file of `ID<TAB>QUERY` lines; the id's last `-` part is the query's class (default: the seed catalog's queries).", valueName: "file"))
    var queries: String?

    @Option(help: "Timed passes over the queries.")
    var `repeat`: Int = 3

    @Option(help: "Hits per query.")
    var limit: Int = 10

    @Option(help: "The tokenizer of both backends: porter (stemming) or unicode61.")
    var tokenizer: TokenizerName = .standard

    @Option(help: "The engine's scoring: fts5 (exact, checked against FTS5), bm25f or rm3; FTS5 always ranks with its bm25.")
    var scoring: ScoringVariant = .fts5

    @Flag(help: "Alternate the backends query by query within each pass, instead of pass by pass.")
    var interleave = false

    @Option(help: "Also list the N queries that took the engine longest (median over the passes), with FTS5's time for each.")
    var slowest: Int = 0

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "Build both backends from the catalog read talk by talk, in batches of about this many megabytes of estimated build memory (the engine merges its batches into one file); build times then include reading the catalog.",
        valueName: "MB"))
    var memoryLimit: Int?

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard self.repeat >= 1, limit >= 1 else { throw ValidationError("--repeat and --limit must be at least 1") }
        guard slowest >= 0 else { throw ValidationError("--slowest must be 0 or more") }
        if let memoryLimit, memoryLimit < 1 { throw ValidationError("--memory-limit must be at least 1 (megabytes)") }
    }

    func run() throws {
        let catalogs = try catalogOptions.paths()
        let queryPath = try queries ?? DefaultCatalog.queriesPath()
        let file = try QueryFile.read(queryPath)
        for problem in file.problems { Terminal.standardError("talksearch: \(problem)\n") }
        guard !file.queries.isEmpty else { throw CLIError("\(queryPath): no queries") }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("talksearch-bench-\(getpid())-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var common = ["--directory", scratch, "--tokenizer", tokenizer.rawValue]
        common += catalogs.flatMap { ["--catalog", $0] } + (catalogOptions.skipInvalid ? ["--skip-invalid"] : [])
        if let memoryLimit { common += ["--memory-limit", String(memoryLimit)] }
        var report = BenchReport(catalogs: catalogs, queryFile: queryPath, queries: file.queries.count, repeats: self.repeat,
                                 limit: limit, tokenizer: tokenizer.rawValue, scoring: scoring.rawValue, memoryLimit: memoryLimit,
                                 interleaved: interleave)
        for backend in BackendName.allCases {
            report.builds[backend] = try Self.child(["--task", "build", "--backend", backend.rawValue] + common)
        }
        for backend in BackendName.allCases {
            report.opens[backend] = try Self.child(["--task", "open", "--backend", backend.rawValue, "--directory", scratch,
                                                    "--queries", queryPath, "--limit", String(limit)])
        }
        try measureQueries(file.queries, directory: scratch, into: &report)
        switch format {
        case .text: print(report.text(), terminator: "")
        case .json: print(report.json())
        }
    }

    private func measureQueries(_ entries: [QueryFile.Entry], directory: String, into report: inout BenchReport) throws {
        let engine = try EngineBackend(index: try InvertedIndex.open(path: BenchWorker.file(for: .engine, in: directory)))
        let fts5 = try FTS5Backend(path: BenchWorker.file(for: .fts5, in: directory))
        let engineOptions = SearchOptions(limit: limit, scoring: scoring)
        let fts5Options = SearchOptions(limit: limit)

        // Untimed pass: warms both, and checks the exact mode.
        for entry in entries {
            let expected = Result { () throws(SearchError) in try fts5.search(entry.query, options: fts5Options) }
            let actual = Result { () throws(SearchError) in try engine.search(entry.query, options: engineOptions) }
            if scoring == .fts5, ResultComparison.compare(expected: expected, actual: actual) == .agree { report.agreeing += 1 }
        }
        var samples: [BackendName: [[Double]]] = [.engine: Array(repeating: [], count: entries.count),
                                                  .fts5: Array(repeating: [], count: entries.count)]
        func time(_ index: Int, on backend: BackendName) {
            let start = Clock.now
            switch backend {
            case .engine: _ = try? engine.search(entries[index].query, options: engineOptions)
            case .fts5: _ = try? fts5.search(entries[index].query, options: fts5Options)
            }
            samples[backend]![index].append(Clock.seconds(since: start))
        }
        // Measured on pyvideo (400 public queries): interleaved, the engine's mean was 0.048-0.049 ms;
        // pass by pass 0.032 ms, FTS5's 0.84 and 0.79 ms. FTS5's queries (0.8 ms each) leave the
        // engine's postings out of the core's caches.
        for pass in 0..<self.repeat {
            let order: [BackendName] = pass % 2 == 0 ? [.engine, .fts5] : [.fts5, .engine]
            if interleave {
                for index in entries.indices { for backend in order { time(index, on: backend) } }
            } else {
                for backend in order { for index in entries.indices { time(index, on: backend) } }
            }
        }
        var classes: [String] = []
        for entry in entries where !classes.contains(QueryClass.of(entry.id)) { classes.append(QueryClass.of(entry.id)) }
        for backend in BackendName.allCases {
            report.overall[backend] = LatencySummary(seconds: samples[backend]!.flatMap { $0 })
            for name in classes {
                let members = entries.indices.filter { QueryClass.of(entries[$0].id) == name }
                report.classes[name, default: [:]][backend] = LatencySummary(seconds: members.flatMap { samples[backend]![$0] })
            }
        }
        report.classOrder = classes
        func median(_ values: [Double]) -> Double { values.sorted()[(values.count - 1) / 2] }
        let slowestFirst = entries.indices.sorted { median(samples[.engine]![$0]) > median(samples[.engine]![$1]) }
        report.slowest = slowestFirst.prefix(slowest).map {
            BenchReport.QueryTime(id: entries[$0].id, query: entries[$0].query,
                                  engine: median(samples[.engine]![$0]), fts5: median(samples[.fts5]![$0]))
        }
    }

    /// Runs `talksearch bench-worker ARGUMENTS` and returns the JSON object it prints.
    private static func child(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ResourceUsage.executablePath)
        process.arguments = ["bench-worker"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError  // the child's errors reach the user as they are
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CLIError("bench step `\(arguments.prefix(4).joined(separator: " "))` failed (status \(process.terminationStatus))")
        }
        return object
    }
}
