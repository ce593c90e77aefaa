import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// The live generation of an index directory, opened for searching.
struct OpenedIndex {
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
            generation = try IndexBuild(catalogPaths: [seed], skipInvalid: false, tokenizer: .unicode61)
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

    func backend(_ name: BackendName) throws -> any SearchBackend {
        switch name {
        case .fts5:
            do {
                return try FTS5Backend(path: file(IndexDirectory.fts5Name))
            } catch {
                throw CLIError(error.message)
            }
        case .engine:
            let catalog = try CatalogLoader.load([file(IndexDirectory.catalogName)])
            do {
                return try EngineBackend(documents: try StoredTalk.documents(catalog.talks), schema: Talk.columns,
                                         tokenizer: manifest.tokenizer)
            } catch let error as TokenizerError {
                throw CLIError("\(file(IndexDirectory.manifestName)): tokenizer: \(error)")
            }
        }
    }
}
