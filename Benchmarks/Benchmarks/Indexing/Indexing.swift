// Indexing: building the whole catalog's index and writing it, the engine's index file (as `talksearch
// rebuild` writes it) against FTS5's bulk load (one transaction, then 'optimize'), in the same run, both
// with the default tokenizer (Porter). The catalog is chosen as the Querying suite's is (BenchmarkCorpus).
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
            let path = try BenchmarkCorpus.buildEngine(documents)
            blackHole(path)
            BenchmarkCorpus.remove(path)
        }
    }
    Benchmark("build (fts5)") { benchmark in
        for _ in benchmark.scaledIterations {
            let path = try BenchmarkCorpus.buildFTS5(documents)
            blackHole(path)
            BenchmarkCorpus.remove(path)
        }
    }
}
