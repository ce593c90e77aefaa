// Suggesting: latency of "did you mean" and completion over the catalog's own words (porter index, read
// from its file as `talksearch` reads it).
// "corrections" checks every word of ten misspelt queries and walks the word dictionary for the rare
// ones (edit distance 1-2); "completion" completes ten partial last words. The dictionary is read
// once in setup, so what is measured is the walk, not the first read of the words section.
import Benchmark
import BenchmarkSupport
import Foundation
import SearchEngine
import TalkCatalog

nonisolated(unsafe) var suggester: QuerySuggester!
nonisolated(unsafe) var indexPath: String?

let misspelt = ["adversrial robustness", "pyhton asyncio", "machne lerning", "djnago", "kubernetse operators",
                "tensorflwo serving", "recomendation systems", "concurency in python", "visualisaton", "scikti-learn"]
let partials = ["advers", "mach", "p", "dj", "kube", "tens", "recom", "conc", "vis", "sci"]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark.setup = {
        let path = try BenchmarkCorpus.buildEngine(BenchmarkCorpus.documents())
        indexPath = path
        let index = try InvertedIndex.open(path: path)
        suggester = try QuerySuggester(index: index)
        _ = try index.words()
    }
    Benchmark.teardown = {
        suggester = nil
        indexPath.map(BenchmarkCorpus.remove)
    }
    Benchmark("corrections (10 misspelt queries)") { benchmark in
        for _ in benchmark.scaledIterations {
            for query in misspelt { blackHole(try suggester.corrections(query)) }
        }
    }
    Benchmark("completion (10 partial words)") { benchmark in
        for _ in benchmark.scaledIterations {
            for partial in partials { blackHole(try suggester.complete(partial, limit: 10)) }
        }
    }
}
