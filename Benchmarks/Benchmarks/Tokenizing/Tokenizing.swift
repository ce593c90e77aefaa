// Tokenizing: the analyzer alone over every column of the catalog, unicode61 and porter.
// Throughput is reported per iteration (one pass over all text); MB/s = catalog bytes / time.
import Benchmark
import BenchmarkSupport
import SearchEngine

nonisolated(unsafe) var texts: [String] = []

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(5))
    Benchmark.setup = { texts = BenchmarkCorpus.documents().flatMap(\.columns) }
    for configuration in [TokenizerConfiguration.unicode61, .porter] {
        Benchmark("tokenize (\(configuration.porter ? "porter" : "unicode61"))") { benchmark in
            let analyzer = try Analyzer(configuration)
            for _ in benchmark.scaledIterations {
                var count = 0
                for text in texts { analyzer.analyze(text) { _, _, _ in count += 1 } }
                blackHole(count)
            }
        }
    }
}
