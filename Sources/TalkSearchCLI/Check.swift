import ArgumentParser
import Foundation
import SearchEngine
import SearchFTS5

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the index: every checksum of the engine file, its invariants, and SQLite's integrity check.",
        discussion: "Exit status 1 when anything is wrong; each problem names the file and section."
    )

    @OptionGroup var indexOptions: IndexOptions

    func run() throws {
        guard let generation = try indexOptions.directory.currentGeneration() else {
            throw CLIError("\(indexOptions.index): no index here")
        }
        let index = OpenedIndex.Layout(generation: generation)
        var problems: [String] = []
        var engineDocuments = -1
        do {
            let engine = try InvertedIndex.open(path: index.file(IndexDirectory.engineName))
            try engine.verifyChecksums()
            problems += engine.checkInvariants().map { "\(index.file(IndexDirectory.engineName)): \($0)" }
            engineDocuments = engine.documentCount
            print("engine: \(engine.documentCount) documents, \(engine.termCount) terms, checksums and invariants verified")
        } catch {
            problems.append("\(error)")
        }
        do {
            let fts5Path = index.file(IndexDirectory.fts5Name)
            let connection = try SQLiteConnection(path: fts5Path, mode: .readOnly)
            let statement = try connection.prepare("PRAGMA integrity_check")
            while try statement.step() {
                let result = statement.string(0) ?? "integrity check failed"
                if result != "ok" { problems.append("\(fts5Path): \(result)") }
            }
            let backend = try FTS5Backend(path: fts5Path)
            if engineDocuments >= 0, backend.documentCount != engineDocuments {
                problems.append("\(fts5Path): \(backend.documentCount) documents, the engine file has \(engineDocuments)")
            }
            print("fts5: \(backend.documentCount) documents, integrity verified")
        } catch {
            problems.append("\(error)")
        }
        for problem in problems { Terminal.standardError("talksearch: \(problem)\n") }
        guard problems.isEmpty else { throw ExitCode(1) }
        print("ok: \(generation)")
    }
}
