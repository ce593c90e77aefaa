import ArgumentParser
import SearchEngine

struct Complete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Complete the last word of a partial query from the index's words, most talks first.",
        discussion: "Prints `COMPLETION<TAB>TALKS` lines: the partial query with its last word completed, and how many talks contain that word."
    )

    @Argument(help: "The query typed so far; its last word is completed (\"adversarial rob\").")
    var partial: String

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "The number of completions.")
    var limit: Int = 10

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let suggester = try OpenedIndex.withLiveGeneration(indexOptions) { try $0.suggester() }
        for completion in try suggester.complete(partial, limit: limit) {
            print("\(completion.text)\t\(completion.documents)")
        }
    }
}
