import ArgumentParser
import SearchEngine

/// Where the index lives; shared by every subcommand that reads or writes one.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: "The index directory.")
    var index: String = IndexDirectory.defaultPath

    var directory: IndexDirectory { IndexDirectory(path: index) }
    var isDefault: Bool { index == IndexDirectory.defaultPath }
}

/// Which catalogs to load and how strictly.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A catalog: a .jsonl file in TalkSearch's schema, a pyvideo/data directory, or a relevance collection (folder with docs.jsonl). Repeatable; default: the seed catalog in Corpus/.",
        valueName: "path"))
    var catalog: [String] = []

    @Flag(name: .long, help: "Load the valid records and report every invalid one, instead of stopping at the first.")
    var skipInvalid = false

    func paths() throws -> [String] {
        catalog.isEmpty ? [try DefaultCatalog.path()] : catalog
    }
}

/// How hits are ranked; shared by `search` and `eval`.
struct RankingOptions: ParsableArguments {
    @Option(help: "The backend that answers: engine (TalkSearch's own) or fts5 (SQLite FTS5).")
    var backend: BackendName = .engine

    @Option(help: ArgumentHelp("BM25 column weights for title, speakers, description.", valueName: "T,S,D"))
    var weights: ColumnWeights = .uniform

    @Option(help: "Scoring: fts5 (FTS5's bm25, exact), bm25f (per-column normalisation) or rm3 (feedback); the last two engine only.")
    var scoring: ScoringVariant = .fts5

    @Option(help: "rm3: feedback documents taken from the first ranking.")
    var feedbackDocuments: Int = 10

    @Option(help: "rm3: expansion terms taken from the feedback documents.")
    var feedbackTerms: Int = 10

    @Option(help: "rm3: weight of the original query against the expansion (0...1).")
    var originalWeight: Double = 0.5

    /// Search options with these settings.
    func options(limit: Int) -> SearchOptions {
        var options = SearchOptions(limit: limit, weights: weights, scoring: scoring)
        options.feedback = RM3(feedbackDocuments: feedbackDocuments, feedbackTerms: feedbackTerms, originalWeight: originalWeight)
        return options
    }

    func validate() throws {
        guard feedbackDocuments > 0, feedbackTerms >= 0, (0...1).contains(originalWeight) else {
            throw ValidationError("rm3 needs --feedback-documents > 0, --feedback-terms >= 0 and --original-weight in 0...1")
        }
        if scoring != .fts5 && backend == .fts5 {
            throw ValidationError("--scoring \(scoring.rawValue) needs --backend engine: FTS5 ranks only with its bm25")
        }
    }
}

enum BackendName: String, ExpressibleByArgument, CaseIterable {
    case engine, fts5
}

enum TokenizerName: String, ExpressibleByArgument, CaseIterable {
    case unicode61, porter

    /// The default of `rebuild`, `compare` and `eval`: Porter stemming raised nDCG@10 and MAP on Cranfield,
    /// MED and ADI under every scoring measured (docs/RANKING.md), and FTS5 has the same tokenizer, so the
    /// engine stays exact against it.
    static let standard: TokenizerName = .porter

    var configuration: TokenizerConfiguration {
        switch self {
        case .unicode61: .unicode61
        case .porter: .porter
        }
    }
}

extension ColumnWeights: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension ScoringVariant: ExpressibleByArgument {}
