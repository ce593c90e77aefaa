import Foundation

/// What `talksearch bench` measured, and its two renderings. Ratios are FTS5 / engine, so above 1 the
/// engine is faster (time) or smaller (bytes); QPS is the other way round, engine / FTS5.
struct BenchReport {
    var catalogs: [String]
    var queryFile: String
    var queries: Int
    var repeats: Int
    var limit: Int
    var tokenizer: String
    var scoring: String
    /// `--memory-limit` in MB: both builds read the catalog talk by talk in batches (timed with it).
    var memoryLimit: Int? = nil
    /// `--interleave`: the backends alternated query by query (else pass by pass).
    var interleaved = false
    /// Queries whose hits and scores agree between the backends (scoring fts5 only).
    var agreeing = 0
    var builds: [BackendName: [String: Any]] = [:]
    var opens: [BackendName: [String: Any]] = [:]
    var overall: [BackendName: LatencySummary] = [:]
    var classes: [String: [BackendName: LatencySummary]] = [:]
    var classOrder: [String] = []
    /// The queries that took the engine longest (`--slowest`), slowest first; median seconds per backend.
    var slowest: [QueryTime] = []

    struct QueryTime {
        var id: String
        var query: String
        var engine: Double
        var fts5: Double
    }

    private func number(_ step: [BackendName: [String: Any]], _ backend: BackendName, _ key: String) -> Double {
        (step[backend]?[key] as? NSNumber)?.doubleValue ?? 0
    }

    private var talks: Int { Int(number(builds, .engine, "talks")) }

    func text() -> String {
        var lines: [String] = []
        lines.append("\(talks) talks (\(catalogs.joined(separator: ", "))); \(queries) queries × \(repeats) (\(queryFile)), top \(limit)")
        var settings = "tokenizer \(tokenizer), engine scoring \(scoring)"
        settings += scoring == "fts5" ? "; hits and scores agree with FTS5 on \(agreeing) of \(queries) queries" : " (FTS5: its bm25; not compared)"
        lines.append(settings)
        if let memoryLimit {
            lines.append("builds in batches of \(memoryLimit) MB (estimated), the catalog read talk by talk: build times include reading it")
        }
        lines.append(interleaved ? "queries timed with the backends alternating query by query (--interleave)"
                                 : "queries timed pass by pass: each pass runs every query on one backend, then on the other")
        lines.append("ratio = FTS5 / engine (QPS: engine / FTS5): above 1, the engine is ahead")
        lines.append("")
        func row(_ label: String, _ engine: Double, _ fts5: Double, _ unit: (Double) -> String, higherIsBetter: Bool = false) {
            let ratio = higherIsBetter ? (fts5 > 0 ? engine / fts5 : 0) : (engine > 0 ? fts5 / engine : 0)
            lines.append(label.padding(toLength: 26, withPad: " ", startingAt: 0) + pad(unit(engine), 12) + pad(unit(fts5), 12)
                         + pad(String(format: "%.2fx", ratio), 9))
        }
        lines.append("".padding(toLength: 26, withPad: " ", startingAt: 0) + pad("engine", 12) + pad("fts5", 12) + pad("ratio", 9))
        let seconds = { (value: Double) in String(format: "%.3f s", value) }
        let megabytes = { (value: Double) in String(format: "%.1f MB", value / 1_048_576) }
        let milliseconds = { (value: Double) in String(format: "%.3f ms", value * 1000) }
        row("build", number(builds, .engine, "seconds"), number(builds, .fts5, "seconds"), seconds)
        row("index on disk", number(builds, .engine, "bytes"), number(builds, .fts5, "bytes"), { FileSize.format(Int64($0)) })
        row("  (of which documents)", number(builds, .engine, "document_bytes"), number(builds, .fts5, "document_bytes"),
            { FileSize.format(Int64($0)) })
        row("build peak memory", number(builds, .engine, "peak_resident"), number(builds, .fts5, "peak_resident"), megabytes)
        row("  (catalog loaded)", number(builds, .engine, "resident_before"), number(builds, .fts5, "resident_before"), megabytes)
        row("open", number(opens, .engine, "seconds"), number(opens, .fts5, "seconds"), milliseconds)
        row("memory after open", number(opens, .engine, "resident_open"), number(opens, .fts5, "resident_open"), megabytes)
        row("memory after the queries", number(opens, .engine, "resident_queries"), number(opens, .fts5, "resident_queries"), megabytes)
        row("  (of which mapped files)", number(opens, .engine, "file_resident_queries"), number(opens, .fts5, "file_resident_queries"),
            megabytes)
        row("  (process before open)", number(opens, .engine, "resident_before"), number(opens, .fts5, "resident_before"), megabytes)
        if let engine = overall[.engine], let fts5 = overall[.fts5] {
            row("QPS", engine.queriesPerSecond, fts5.queriesPerSecond, { String(format: "%.0f", $0) }, higherIsBetter: true)
            row("mean", engine.mean, fts5.mean, milliseconds)
            row("p50", engine.p50, fts5.p50, milliseconds)
            row("p95", engine.p95, fts5.p95, milliseconds)
            row("p99", engine.p99, fts5.p99, milliseconds)
        }
        lines.append("")
        lines.append("class".padding(toLength: 10, withPad: " ", startingAt: 0) + pad("n", 5) + pad("engine p50", 12) + pad("fts5 p50", 12)
                     + pad("ratio", 9) + pad("engine p99", 12) + pad("fts5 p99", 12) + pad("ratio", 9))
        for name in classOrder {
            guard let engine = classes[name]?[.engine], let fts5 = classes[name]?[.fts5] else { continue }
            let ratio = { (a: Double, b: Double) in a > 0 ? String(format: "%.2fx", b / a) : "-" }
            lines.append(name.padding(toLength: 10, withPad: " ", startingAt: 0) + pad(String(engine.count / repeats), 5)
                         + pad(milliseconds(engine.p50), 12) + pad(milliseconds(fts5.p50), 12) + pad(ratio(engine.p50, fts5.p50), 9)
                         + pad(milliseconds(engine.p99), 12) + pad(milliseconds(fts5.p99), 12) + pad(ratio(engine.p99, fts5.p99), 9))
        }
        if !slowest.isEmpty {
            lines.append("")
            lines.append("slowest for the engine (median)".padding(toLength: 36, withPad: " ", startingAt: 0) + pad("engine", 12) + pad("fts5", 12) + pad("ratio", 9))
            for entry in slowest {
                let label = "\(entry.id)  \(entry.query)"
                let shown = label.count > 36 ? String(label.prefix(35)) + "…" : label
                lines.append(shown.padding(toLength: 36, withPad: " ", startingAt: 0) + pad(milliseconds(entry.engine), 12)
                             + pad(milliseconds(entry.fts5), 12) + pad(String(format: "%.2fx", entry.engine > 0 ? entry.fts5 / entry.engine : 0), 9))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        func backend(_ name: BackendName) -> String {
            let build = ["seconds", "bytes", "document_bytes", "peak_resident", "resident_before"].map { ($0, JSONWriter.Value.number(number(builds, name, $0))) }
            let open = ["seconds", "resident_before", "resident_open", "resident_queries", "file_resident_queries"].map { ($0, JSONWriter.Value.number(number(opens, name, $0))) }
            return JSONWriter.object([
                ("build", .raw(JSONWriter.object(build))), ("open", .raw(JSONWriter.object(open))),
                ("queries", .raw(overall[name]?.json() ?? "null")),
                ("classes", .raw(JSONWriter.object(classOrder.map { ($0, .raw(classes[$0]?[name]?.json() ?? "null")) }))),
            ])
        }
        return JSONWriter.object([
            ("talks", .integer(talks)), ("catalogs", .strings(catalogs)), ("query_file", .string(queryFile)),
            ("queries", .integer(queries)), ("repeat", .integer(repeats)), ("limit", .integer(limit)),
            ("tokenizer", .string(tokenizer)), ("scoring", .string(scoring)),
            ("memory_limit_mb", memoryLimit.map { .integer($0) } ?? .raw("null")),
            ("interleaved", .raw(interleaved ? "true" : "false")),
            ("agree", scoring == "fts5" ? .integer(agreeing) : .raw("null")),
            ("engine", .raw(backend(.engine))), ("fts5", .raw(backend(.fts5))),
            ("slowest", .raw("[" + slowest.map {
                JSONWriter.object([("id", .string($0.id)), ("query", .string($0.query)),
                                   ("engine_ms", .number($0.engine * 1000)), ("fts5_ms", .number($0.fts5 * 1000))])
            }.joined(separator: ",") + "]")),
        ])
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
