import Foundation
import SearchEngine

/// The index a server answers from: the directory's current generation, reopened when a rebuild
/// swaps in a new one (checked on every request; a search holds the backend it started with, so it
/// sees the old index or the new one, never a mix). The old generation's files may be deleted by the
/// rebuild; the open memory map keeps them readable until the last search on them ends.
final class LiveIndex: @unchecked Sendable {
    struct Snapshot: Sendable {
        var generation: String
        var engine: EngineBackend
        var suggester: QuerySuggester
    }

    enum Problem: Error {
        /// No index at the directory yet.
        case missing(String)
        /// An index that cannot be opened.
        case unreadable(String)
    }

    let directory: IndexDirectory
    private let lock = NSLock()
    private var current: Snapshot?

    init(directory: IndexDirectory) { self.directory = directory }

    /// The live generation, opened. When a rebuild deletes the generation just read from `CURRENT`
    /// before it is opened, `CURRENT` has moved on and it is read again (up to 5 times).
    func snapshot() throws(Problem) -> Snapshot {
        var attempt = 0
        while true {
            do {
                return try snapshotOnce()
            } catch {
                attempt += 1
                guard case .unreadable = error, attempt < 5 else { throw error }
            }
        }
    }

    private func snapshotOnce() throws(Problem) -> Snapshot {
        let generation: String
        do {
            guard let found = try directory.currentGeneration() else {
                throw Problem.missing("no index at \(directory.path)/; build one with `talksearch rebuild --index \(directory.path) --catalog PATH`")
            }
            generation = found
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .unreadable("\(directory.path): \(error)")
        }
        lock.lock()
        defer { lock.unlock() }
        if let current, current.generation == generation { return current }
        do {
            let engine = try EngineBackend(index: try EngineSegments.open(generation))
            let snapshot = Snapshot(generation: generation, engine: engine, suggester: try QuerySuggester(index: engine.index))
            current = snapshot
            return snapshot
        } catch {
            throw .unreadable("\(error)")
        }
    }
}
