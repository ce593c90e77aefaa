// Querying: latency of one query class on each backend, over the same catalog in the same run.
// Each benchmark answers every query of its class once per iteration (top 10), so the engine's and
// FTS5's numbers for a class compare directly; the ratio, not the absolute time, is the result.
// Index building happens in setup and is not measured.
import Benchmark
import BenchmarkSupport
import Foundation
import SearchEngine
import SearchFTS5

nonisolated(unsafe) var engine: EngineBackend!
nonisolated(unsafe) var fts5: FTS5Backend!
nonisolated(unsafe) var queriesByClass: [String: [String]] = [:]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark.setup = {
        let documents = BenchmarkCorpus.documents()
        engine = try EngineBackend(documents: documents, schema: TalkColumns.schema, tokenizer: .unicode61)
        fts5 = try FTS5Backend(path: try BenchmarkCorpus.buildFTS5(documents))
        queriesByClass = Dictionary(grouping: BenchmarkCorpus.queries(), by: \.queryClass).mapValues { $0.map(\.query) }
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
