import ArgumentParser
import Foundation

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the index from catalogs, replacing the current one only when complete.",
        discussion: """
            The new index is written beside the old one and swapped in atomically: a failed or
            interrupted rebuild leaves the previous index working.
            """
    )

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "The tokenizer of both backends: porter (Porter stemming over unicode61) or unicode61 (no stemming); both remove_diacritics 2.")
    var tokenizer: TokenizerName = .standard

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "Bound the engine build's working memory to about this many megabytes: the catalog is read talk by talk, indexed in batches, and the batches merged into one segment.",
        valueName: "MB"))
    var memoryLimit: Int?

    func validate() throws {
        if let memoryLimit, memoryLimit < 1 { throw ValidationError("--memory-limit must be at least 1 (megabytes)") }
    }

    func run() throws {
        let build = IndexBuild(catalogPaths: try catalogOptions.paths(), skipInvalid: catalogOptions.skipInvalid,
                               tokenizer: tokenizer.configuration, memoryLimit: memoryLimit.map { $0 * 1_048_576 })
        let report: IndexBuild.Report
        do {
            report = try build.run(into: indexOptions.directory)
        } catch {
            throw CLIError("rebuild failed, the previous index is unchanged: \(error)")
        }
        for skipped in report.skipped { Terminal.standardError("skipped \(skipped)\n") }
        let total = report.files.reduce(0) { $0 + $1.bytes }
        print("Indexed \(report.talks) talks from \(build.catalogPaths.joined(separator: ", "))"
              + (report.skipped.isEmpty ? "" : " (\(report.skipped.count) invalid records skipped)"))
        print("Tokenizer: \(tokenizer.configuration.name)")
        if let memoryLimit {
            print("Memory limit: \(memoryLimit) MB; \(report.batches) batch\(report.batches == 1 ? "" : "es") merged into one segment")
        }
        print(String(format: "Time: %.2f s; peak memory: %@", report.seconds, FileSize.format(report.peakResidentBytes)))
        print("Index: \(indexOptions.index)/ \(FileSize.format(total)) ("
              + report.files.map { "\($0.name) \(FileSize.format($0.bytes))" }.joined(separator: ", ") + ")")
    }
}
