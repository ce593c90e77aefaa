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
        var engineRowids: [Int64]?
        do {
            let engine = try EngineSegments.open(generation)
            try engine.verifyChecksums()
            problems += engine.checkInvariants().map { "\(generation): engine: \($0)" }
            engineRowids = (0..<engine.ordinalCount).compactMap { slot in
                engine.isDeleted(Int32(slot + 1)) ? nil : engine.rowid(Int32(slot + 1))
            }
            let segments = engine.segmentCount == 1 ? "1 segment" : "\(engine.segmentCount) segments"
            print("engine: \(engine.documentCount) documents in \(segments), \(engine.termCount) terms, checksums and invariants verified")
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
            // FTS5's own check of its index against its content (SQLite 3.40's PRAGMA does not look
            // inside virtual tables). It is issued as an INSERT, so it needs a writable handle; it
            // changes nothing.
            if access(fts5Path, W_OK) == 0 {
                do {
                    try SQLiteConnection(path: fts5Path, mode: .readWrite).execute("INSERT INTO talks(talks) VALUES ('integrity-check')")
                } catch {
                    problems.append("\(fts5Path): FTS5 integrity-check: \(error.message)")
                }
            } else {
                print("fts5: the file is read-only, so FTS5's own integrity-check was skipped")
            }
            let backend = try FTS5Backend(path: fts5Path)
            if let engineRowids {
                var rowids: [Int64] = []
                let listing = try connection.prepare("SELECT rowid FROM documents ORDER BY rowid")
                while try listing.step() { rowids.append(listing.int64(0)) }
                if rowids != engineRowids {
                    let onlyHere = Set(rowids).subtracting(engineRowids).sorted().prefix(5)
                    let onlyThere = Set(engineRowids).subtracting(rowids).sorted().prefix(5)
                    problems.append("\(fts5Path): \(rowids.count) documents, the engine has \(engineRowids.count); rowids only here: \(Array(onlyHere)), only in the engine: \(Array(onlyThere))")
                }
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
