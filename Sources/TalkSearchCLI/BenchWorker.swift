import ArgumentParser
import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// One measured step of `talksearch bench`, run in a child process of its own so that its peak and
/// resident memory belong to one backend alone. Prints one JSON object on standard output.
///
/// * `build`: loads the catalogs, turns talks into documents (not timed: both backends need it), then
///   times building `--backend`'s index file in `--directory`. Reports the build seconds, the resident
///   memory before the build (catalog and documents loaded), the process's peak, the file size, and
///   how much of it holds the documents (ids, stored records, column texts) rather than the index.
///   With `--memory-limit` (MB) nothing is loaded first: the catalog is read talk by talk into batches
///   (``BoundedEngineBuild``; FTS5 takes the same batches as inserts), and the time includes reading it.
/// * `open`: times opening `--backend`'s index file in `--directory`, then runs every query of
///   `--queries` once. Reports the open seconds and resident memory before opening, after opening, and
///   after the queries (and how much of that is pages of mapped files).
struct BenchWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-worker",
        abstract: "One measured step of `talksearch bench` (internal).",
        shouldDisplay: false
    )

    enum Task: String, ExpressibleByArgument { case build, open }

    @Option var task: Task
    @Option var backend: BackendName
    @Option var directory: String
    @Option var catalog: [String] = []
    @Flag var skipInvalid = false
    @Option var tokenizer: TokenizerName = .standard
    @Option var queries: String?
    @Option var limit: Int = 10
    @Option var memoryLimit: Int?

    func run() throws {
        switch task {
        case .build: try build()
        case .open: try open()
        }
    }

    static func file(for backend: BackendName, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(backend == .engine ? IndexDirectory.engineName : IndexDirectory.fts5Name)
    }

    private func build() throws {
        if let memoryLimit { return try streamedBuild(memoryLimit: memoryLimit * 1_048_576) }
        let talks = try CatalogLoader.load(catalog, skipInvalid: skipInvalid).talks
        let documents = StoredTalk.documents(talks)
        let path = Self.file(for: backend, in: directory)
        let residentBefore = ResourceUsage.residentBytes()
        let start = Clock.now
        switch backend {
        case .engine:
            var builder = try IndexBuilder(schema: Talk.columns, tokenizer: tokenizer.configuration, keywordFields: Talk.keywordFields)
            for document in documents { builder.add(document) }
            try builder.build().write(to: path)
        case .fts5:
            try FTS5IndexWriter.build(at: path, schema: FTS5Schema(columns: Talk.columns, tokenizer: tokenizer.configuration,
                                                                   keywordFields: Talk.keywordFields),
                                      documents: documents)
        }
        try report(path: path, seconds: Clock.seconds(since: start), residentBefore: residentBefore, talks: talks.count)
    }

    /// The build under `memoryLimit` bytes: talks read one by one, in batches of that estimated build
    /// memory; the engine's batch files merged at the end, FTS5 inserting batch after batch.
    private func streamedBuild(memoryLimit: Int) throws {
        let path = Self.file(for: backend, in: directory)
        let schema = FTS5Schema(columns: Talk.columns, tokenizer: tokenizer.configuration, keywordFields: Talk.keywordFields)
        let residentBefore = ResourceUsage.residentBytes()
        let start = Clock.now
        var engine = BoundedEngineBuild(tokenizer: tokenizer.configuration, memoryLimit: memoryLimit, folder: directory)
        var fts5 = FTS5Batches(path: path, schema: schema)
        var talks = 0
        var fts5Batches = DocumentBatches(limit: memoryLimit)
        _ = try CatalogLoader.forEachTalk(catalog, skipInvalid: skipInvalid) { talk in
            var document = StoredTalk.document(talk)
            talks += 1
            document.rowid = Int64(talks)
            switch backend {
            case .engine:
                _ = try engine.add(document)
            case .fts5:
                if let batch = fts5Batches.add(document) { try fts5.add(batch) }
            }
        }
        switch backend {
        case .engine:
            _ = try engine.flush()
            try engine.merge(into: path)
        case .fts5:
            if let batch = fts5Batches.rest() { try fts5.add(batch) }
        }
        try report(path: path, seconds: Clock.seconds(since: start), residentBefore: residentBefore, talks: talks)
    }

    private func report(path: String, seconds: Double, residentBefore: Int64, talks: Int) throws {
        let peak = ResourceUsage.peakResidentBytes()
        let documentBytes = switch backend {
        case .engine: try InvertedIndex.open(path: path).documentBytes
        case .fts5: FTS5Backend.documentBytes(path: path)
        }
        print(JSONWriter.object([
            ("seconds", .number(seconds)), ("resident_before", .integer(Int(residentBefore))),
            ("peak_resident", .integer(Int(peak))), ("bytes", .integer(Int(FileSize.of(path)))),
            ("document_bytes", documentBytes.map { .integer($0) } ?? .raw("null")),
            ("talks", .integer(talks)),
        ]))
    }

    private func open() throws {
        let path = Self.file(for: backend, in: directory)
        let residentBefore = ResourceUsage.residentBytes()
        let start = Clock.now
        let searcher: any SearchBackend = switch backend {
        case .engine: try EngineBackend(index: try InvertedIndex.open(path: path))
        case .fts5: try FTS5Backend(path: path)
        }
        let seconds = Clock.seconds(since: start)
        let residentOpen = ResourceUsage.residentBytes()
        var residentQueries: Int64?, fileQueries: Int64?
        if let queries {
            for entry in try QueryFile.read(queries).queries {
                _ = try? searcher.search(entry.query, options: SearchOptions(limit: limit))
            }
            residentQueries = ResourceUsage.residentBytes()
            fileQueries = ResourceUsage.fileBackedResidentBytes()
        }
        print(JSONWriter.object([
            ("seconds", .number(seconds)), ("resident_before", .integer(Int(residentBefore))),
            ("resident_open", .integer(Int(residentOpen))),
            ("resident_queries", residentQueries.map { .integer(Int($0)) } ?? .raw("null")),
            ("file_resident_queries", fileQueries.map { .integer(Int($0)) } ?? .raw("null")),
        ]))
    }
}

extension ResourceUsage {
    /// The process's resident set size now (Linux: /proc/self/statm, pages; 0 where unavailable).
    static func residentBytes() -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int64(fields[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The part of the resident set that is pages of mapped files (Linux: `RssFile` of
    /// /proc/self/status; 0 where unavailable): the executable and its libraries, and an index file
    /// mapped by the engine, whose pages are the kernel's page cache (FTS5 reads its database into
    /// buffers of its own, and the page cache holding the file is counted in no process).
    static func fileBackedResidentBytes() -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("RssFile:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Int64(fields[1]) { return kilobytes * 1024 }
        }
        return 0
    }

    /// The running executable, for starting a child of the same build.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
