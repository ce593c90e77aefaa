import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// The live generation of an index directory, opened for searching.
struct OpenedIndex {
    /// The files of one generation folder.
    struct Layout {
        var generation: String
        func file(_ name: String) -> String { (generation as NSString).appendingPathComponent(name) }
    }

    var generation: String
    var manifest: IndexManifest

    /// Opens `options`' index; when the default index does not exist yet, builds it from the seed
    /// catalog first (telling the user on stderr), so a fresh clone can search at once.
    static func open(_ options: IndexOptions) throws -> OpenedIndex {
        let directory = options.directory
        var generation = try directory.currentGeneration()
        if generation == nil {
            guard options.isDefault else {
                throw CLIError("\(options.index): no index here; build one with `talksearch rebuild --index \(options.index)`")
            }
            let seed = try DefaultCatalog.path()
            Terminal.standardError("No index at \(options.index)/ yet: building it from \(seed)\n")
            generation = try IndexBuild(catalogPaths: [seed], skipInvalid: false, tokenizer: TokenizerName.standard.configuration)
                .run(into: directory).generation
        }
        guard let generation else { throw CLIError("\(options.index): no index") }
        return OpenedIndex(generation: generation, manifest: try EngineSegments.manifest(of: generation))
    }

    func file(_ name: String) -> String { (generation as NSString).appendingPathComponent(name) }

    /// Opens the live generation and `make`s what the caller needs from it. A rebuild may swap in a new
    /// generation and delete this one between reading `CURRENT` and opening the files; then the open
    /// fails and `CURRENT` names another generation, and it is tried again (up to 5 times), so a reader
    /// gets the old index or the new one, never an error for the swap.
    static func withLiveGeneration<T>(_ options: IndexOptions, _ make: (OpenedIndex) throws -> T) throws -> T {
        var attempt = 0
        while true {
            var tried: String?
            do {
                let opened = try open(options)
                tried = opened.generation
                return try make(opened)
            } catch {
                attempt += 1
                // Retry only when the index moved on since (or while) this attempt read it.
                guard attempt < 5, let now = try? options.directory.currentGeneration(), now != tried else { throw error }
            }
        }
    }

    /// Suggestions and completions over the engine index's words.
    func suggester() throws -> QuerySuggester {
        guard let engine = try backend(.engine) as? EngineBackend else { throw CLIError("no engine index") }
        return try QuerySuggester(index: engine.index)
    }

    func backend(_ name: BackendName) throws -> any SearchBackend {
        switch name {
        case .fts5:
            do {
                return try FTS5Backend(path: file(IndexDirectory.fts5Name))
            } catch {
                throw CLIError(error.message)
            }
        case .engine:
            do {
                return try EngineBackend(index: try EngineSegments.open(generation, manifest: manifest))
            } catch let error as TokenizerError {
                throw CLIError("\(generation): tokenizer: \(error)")
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
