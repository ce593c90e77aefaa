import Foundation
import SearchEngine
import TalkCatalog

/// Adds, replaces and deletes talks by id. The current generation's talks (read back from its engine
/// file, in ordinal order) get the change, and both backends are written as a new generation that is
/// swapped in like a rebuild. The read happens under the index directory's lock, so concurrent updates
/// run one after the other and none is lost; a failed update leaves the current index as it was.
///
/// Cost: a whole build of the changed catalog (the index has no segments yet), so an update of one talk
/// costs about as much as a rebuild.
enum IndexUpdate {
    enum Change {
        /// Talks whose id is in the index replace it in place (same ordinal); the others are appended.
        case upsert([Talk], catalogs: [String])
        /// Every id must be in the index.
        case delete([String])
    }

    struct Report {
        var added = 0
        var replaced = 0
        var deleted = 0
        var talks = 0
        var seconds = 0.0
        var generation = ""
        var files: [(name: String, bytes: Int64)] = []
    }

    static func run(_ change: Change, directory: IndexDirectory) throws -> Report {
        let start = Clock.now
        var report = Report()
        report.generation = try directory.replace { folder in
            guard let current = try directory.currentGeneration() else {
                throw CLIError("\(directory.path): no index to update; build one with `talksearch rebuild --index \(directory.path)`")
            }
            let manifest = try readManifest(current)
            var talks = try readTalks(current)
            var catalogs = manifest.catalogs
            switch change {
            case .upsert(let incoming, let paths):
                var slot: [String: Int] = [:]
                for (index, talk) in talks.enumerated() { slot[talk.id] = index }
                for talk in incoming {
                    if let index = slot[talk.id] {
                        talks[index] = talk
                        report.replaced += 1
                    } else {
                        slot[talk.id] = talks.count
                        talks.append(talk)
                        report.added += 1
                    }
                }
                catalogs += paths.filter { !catalogs.contains($0) }
            case .delete(let ids):
                let present = Set(talks.map(\.id))
                let missing = ids.filter { !present.contains($0) }
                guard missing.isEmpty else {
                    throw CLIError("no talk with id \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) in the index; nothing was deleted")
                }
                let doomed = Set(ids)
                talks.removeAll { doomed.contains($0.id) }
                report.deleted = doomed.count
                guard !talks.isEmpty else { throw CLIError("deleting every talk would leave an empty index; nothing was deleted") }
            }
            report.talks = talks.count
            try IndexBuild.writeGeneration(talks: talks, catalogs: catalogs, skipped: manifest.skipped,
                                           tokenizer: manifest.tokenizer, into: folder)
        }
        report.seconds = Clock.seconds(since: start)
        report.files = IndexBuild.files(of: report.generation)
        return report
    }

    static func readManifest(_ generation: String) throws -> IndexManifest {
        let path = (generation as NSString).appendingPathComponent(IndexDirectory.manifestName)
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONDecoder().decode(IndexManifest.self, from: data) else {
            throw CLIError("\(path): missing or damaged; run `talksearch rebuild`")
        }
        return manifest
    }

    /// The talks of a generation, in ordinal order, from the engine file's stored records.
    static func readTalks(_ generation: String) throws -> [Talk] {
        let path = (generation as NSString).appendingPathComponent(IndexDirectory.engineName)
        let index = try InvertedIndex.open(path: path)
        let decoder = JSONDecoder()
        var talks: [Talk] = []
        talks.reserveCapacity(index.documentCount)
        for ordinal in 1...max(1, index.documentCount) where index.documentCount > 0 {
            guard let stored = try index.storedRecord(Int32(ordinal)),
                  let talk = try? decoder.decode(Talk.self, from: Data(stored.utf8)) else {
                throw CLIError("\(path): document \(ordinal) has no readable talk record; run `talksearch rebuild`")
            }
            talks.append(talk)
        }
        return talks
    }
}
