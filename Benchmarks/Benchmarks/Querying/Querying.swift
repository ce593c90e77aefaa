// Querying: latency of one query class on each backend, over the same catalog in the same run.
// Each benchmark answers every query of its class once per iteration (top 10), so the engine's and
// FTS5's numbers for a class compare directly; the ratio, not the absolute time, is the result.
// Index building happens in setup and is not measured: the engine's index is written to a file and
// opened from it, as `talksearch search` opens it, both backends with the default tokenizer (Porter).
// The catalog is pyvideo's (else the seed's), or another by TALKSEARCH_BENCH_CATALOG=PATH, or N
// synthetic talks like it by TALKSEARCH_BENCH_SYNTHETIC=N (BenchmarkCorpus).
import Benchmark
import BenchmarkSupport
import Foundation
import SearchEngine
import SearchFTS5

nonisolated(unsafe) var engine: EngineBackend!
nonisolated(unsafe) var fts5: FTS5Backend!
nonisolated(unsafe) var queriesByClass: [String: [String]] = [:]
nonisolated(unsafe) var indexPaths: [String] = []

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark.setup = {
        let documents = BenchmarkCorpus.documents()
        indexPaths = [try BenchmarkCorpus.buildEngine(documents), try BenchmarkCorpus.buildFTS5(documents)]
        engine = try EngineBackend(index: InvertedIndex.open(path: indexPaths[0]))
        fts5 = try FTS5Backend(path: indexPaths[1])
        queriesByClass = Dictionary(grouping: BenchmarkCorpus.queries(), by: \.queryClass).mapValues { $0.map(\.query) }
    }
    Benchmark.teardown = {
        (engine, fts5) = (nil, nil)
        indexPaths.forEach(BenchmarkCorpus.remove)
    }
    for queryClass in ["and", "or", "phrase", "prefix", "near", "not", "speaker", "intl", "color", "empty"] {
        for backendName in ["engine", "fts5"] {
            Benchmark("\(queryClass) (\(backendName))") { benchmark in
                let backend: any SearchBackend = backendName == "engine" ? engine : fts5
                let queries = queriesByClass[queryClass] ?? []
                for _ in benchmark.scaledIterations {
                    for query in queries {
                        blackHole(try? backend.search(query, options: SearchOptions(limit: 10)))
                    }
                }
            }
        }
    }
}
