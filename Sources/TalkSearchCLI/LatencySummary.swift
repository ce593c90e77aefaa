/// Latencies of one backend over a query set, summarised as a benchmark reports them.
///
/// Percentiles are nearest-rank: p(q) = the ⌈q·n⌉-th smallest of the n samples. QPS is the number of
/// queries answered divided by the time spent answering them, one query at a time.
struct LatencySummary {
    var count: Int
    var totalSeconds: Double
    var p50: Double
    var p95: Double
    var p99: Double
    var mean: Double { count > 0 ? totalSeconds / Double(count) : 0 }
    var queriesPerSecond: Double { totalSeconds > 0 ? Double(count) / totalSeconds : 0 }

    init(seconds samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((q * Double(sorted.count)).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
        count = sorted.count
        totalSeconds = sorted.reduce(0, +)
        p50 = percentile(0.50)
        p95 = percentile(0.95)
        p99 = percentile(0.99)
    }

    func json() -> String {
        JSONWriter.object([
            ("queries", .integer(count)), ("qps", .number(queriesPerSecond)), ("mean_ms", .number(mean * 1000)),
            ("p50_ms", .number(p50 * 1000)), ("p95_ms", .number(p95 * 1000)), ("p99_ms", .number(p99 * 1000)),
        ])
    }
}

/// The class of a query from its id: the last `-` part when it is all letters (`pub-017-prefix` ->
/// `prefix`), else `all`.
enum QueryClass {
    static func of(_ id: String) -> String {
        let parts = id.split(separator: "-")
        guard parts.count > 1, let last = parts.last, last.allSatisfy(\.isLetter) else { return "all" }
        return String(last)
    }
}
