import ArgumentParser
import TalkCatalog

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add talks to the index, or replace them by id; both backends are updated together.",
        discussion: """
            A talk whose id is already indexed is replaced in place; the others are appended. The new index is
            swapped in only when complete: a bad catalog line or a failure leaves the current one. Each update
            rebuilds both backends from the stored talks (no segments yet), so it costs about a rebuild.
            """
    )

    @Option(help: ArgumentHelp("The talks to add: a catalog in any format `rebuild` reads (repeatable).", valueName: "path"))
    var catalog: [String]

    @Flag(help: "Add the valid records and report every invalid one, instead of stopping at the first.")
    var skipInvalid = false

    @OptionGroup var indexOptions: IndexOptions

    func validate() throws {
        if catalog.isEmpty { throw ValidationError("give the talks to add with --catalog PATH") }
    }

    func run() throws {
        let incoming = try CatalogLoader.load(catalog, skipInvalid: skipInvalid)
        for skipped in incoming.skipped { Terminal.standardError("skipped \(skipped)\n") }
        guard !incoming.talks.isEmpty else { throw CLIError("no talks to add in \(catalog.joined(separator: ", "))") }
        let report: IndexUpdate.Report
        do {
            report = try IndexUpdate.run(.upsert(incoming.talks, catalogs: catalog), directory: indexOptions.directory)
        } catch {
            throw CLIError("add failed, the index is unchanged: \(error)")
        }
        print("Added \(report.added) talks, replaced \(report.replaced); the index has \(report.talks) talks")
        UpdateOutput.printFooter(report, index: indexOptions.index)
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove talks from the index by id; both backends are updated together.",
        discussion: "Every id must be in the index, or nothing is deleted."
    )

    @Argument(help: "The ids of the talks to remove.")
    var ids: [String]

    @OptionGroup var indexOptions: IndexOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the ids of the talks to delete") }
    }

    func run() throws {
        let report: IndexUpdate.Report
        do {
            report = try IndexUpdate.run(.delete(ids), directory: indexOptions.directory)
        } catch {
            throw CLIError("delete failed, the index is unchanged: \(error)")
        }
        print("Deleted \(report.deleted) talks; the index has \(report.talks) talks")
        UpdateOutput.printFooter(report, index: indexOptions.index)
    }
}

enum UpdateOutput {
    static func printFooter(_ report: IndexUpdate.Report, index: String) {
        let total = report.files.reduce(0) { $0 + $1.bytes }
        print(String(format: "Time: %.2f s; peak memory: %@", report.seconds, FileSize.format(ResourceUsage.peakResidentBytes())))
        print("Engine: \(report.segments) segment\(report.segments == 1 ? "" : "s"), \(report.documentsWritten) talks written")
        print("Index: \(index)/ \(FileSize.format(total)) (" + report.files.map { "\($0.name) \(FileSize.format($0.bytes))" }.joined(separator: ", ") + ")")
    }
}
