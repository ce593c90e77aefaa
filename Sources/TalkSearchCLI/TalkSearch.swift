import ArgumentParser

@main
struct TalkSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talksearch",
        abstract: "Full-text search for catalogs of recorded talks, exact against SQLite FTS5.",
        discussion: """
            Queries use SQLite FTS5's MATCH syntax: words (implicit AND), "phrases", prefix*, AND/OR/NOT,
            NEAR(a b, N), column filters (title: speakers: description:) and ^initial tokens.
            """,
        subcommands: [Search.self, Rebuild.self, Add.self, Delete.self, Compare.self, Check.self, Eval.self, Generate.self, Bench.self, Complete.self, Serve.self, BenchWorker.self],
        defaultSubcommand: Search.self
    )

    static func main() async {
        AllocatorTuning.apply()
        await main(nil)
    }
}
