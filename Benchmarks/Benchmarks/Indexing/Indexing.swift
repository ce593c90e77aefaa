// Indexing: building the whole catalog's index, the engine's in-memory index against FTS5's bulk load
// (one transaction, then 'optimize'), in the same run. Throughput is in talks per second.
import Benchmark
import BenchmarkSupport
import Foundation
import SearchEngine
import SearchFTS5

nonisolated(unsafe) var documents: [IndexedDocument] = []

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 5)
    Benchmark.setup = { documents = BenchmarkCorpus.documents() }
    Benchmark("build (engine)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try EngineBackend(documents: documents, schema: TalkColumns.schema, tokenizer: .unicode61))
        }
    }
    Benchmark("build (fts5)") { benchmark in
        for _ in benchmark.scaledIterations {
            let path = try BenchmarkCorpus.buildFTS5(documents)
            blackHole(path)
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        }
    }
}
