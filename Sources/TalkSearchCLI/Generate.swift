import ArgumentParser
import Foundation
import TalkCatalog

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic catalog whose word, length and speaker statistics follow a real one.",
        discussion: """
            Each synthetic talk takes the lengths, event, date and language of a real talk drawn at random;
            its words are drawn from the real word frequencies per column, with new words at the rate of
            the real vocabulary's growth (Heaps' law) once past the real catalog's size; speakers follow the
            real speaker frequencies, then Simon's model (new people at the Heaps rate). Same seed, same
            catalog, byte for byte.
            """
    )

    @Option(help: "How many talks to write.")
    var talks: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The real catalog to imitate (any format `rebuild` reads). Repeatable; default: the seed catalog.", valueName: "path"))
    var like: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the JSONL catalog (default: standard output).", valueName: "path"))
    var output: String?

    func validate() throws {
        guard talks > 0 else { throw ValidationError("--talks must be at least 1") }
    }

    func run() throws {
        let start = Clock.now
        let sources = like.isEmpty ? [try DefaultCatalog.path()] : like
        let real = try CatalogLoader.load(sources)
        guard !real.talks.isEmpty else { throw CLIError("no talks in \(sources.joined(separator: ", "))") }
        let statistics = CatalogStatistics(talks: real.talks)
        let stream = try TalkJSONLStream(path: output)
        for talk in SyntheticCatalog(statistics: statistics, count: talks, seed: seed) {
            try stream.append(talk)
        }
        try stream.commit()
        let growth = { (name: String, laws: [String: CatalogStatistics.Distribution]) in
            // The largest language's law stands for the column.
            guard let law = laws.values.max(by: { $0.total < $1.total })?.growth else { return "\(name) -" }
            return String(format: "%@ %.3g·n^%.3f", name, law.k, law.beta)
        }
        Terminal.standardError("""
            Generated \(stream.talksWritten) talks like \(sources.joined(separator: ", ")) (\(real.talks.count) talks), seed \(seed), \
            in \(String(format: "%.2f s", Clock.seconds(since: start)))\(output.map { ": \($0) (\(FileSize.format(Int64(stream.bytesWritten))))" } ?? "")
            Vocabulary growth (largest language): \(growth("title", statistics.titleWords)), \(growth("description", statistics.descriptionWords)), \
            \(String(format: "speakers %.3g·n^%.3f", statistics.speakers.growth.k, statistics.speakers.growth.beta))

            """)
    }
}
