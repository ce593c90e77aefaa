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
        let manifestPath = (generation as NSString).appendingPathComponent(IndexDirectory.manifestName)
        guard let data = FileManager.default.contents(atPath: manifestPath),
              let manifest = try? JSONDecoder().decode(IndexManifest.self, from: data) else {
            throw CLIError("\(manifestPath): missing or damaged; run `talksearch rebuild`")
        }
        return OpenedIndex(generation: generation, manifest: manifest)
    }

    func file(_ name: String) -> String { (generation as NSString).appendingPathComponent(name) }

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
            let path = file(IndexDirectory.engineName)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("\(path): missing (an index from an older TalkSearch); run `talksearch rebuild`")
            }
            do {
                return try EngineBackend(index: try InvertedIndex.open(path: path))
            } catch let error as TokenizerError {
                throw CLIError("\(path): tokenizer: \(error)")
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
