import Foundation
import SearchEngine

/// The engine index of one generation: its segments (manifest.json) opened as one index.
enum EngineSegments {
    /// The manifest of `generation`, which must be of the current format.
    static func manifest(of generation: String) throws -> IndexManifest {
        let path = (generation as NSString).appendingPathComponent(IndexDirectory.manifestName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): missing; run `talksearch rebuild`")
        }
        let manifest: IndexManifest
        do {
            manifest = try JSONDecoder().decode(IndexManifest.self, from: data)
        } catch {
            throw CLIError("\(path): damaged (\(error)); run `talksearch rebuild`")
        }
        guard manifest.format == IndexManifest.currentFormat, let segments = manifest.segments, !segments.isEmpty else {
            throw CLIError("\(path): an index of format \(manifest.format) from an older TalkSearch (this one reads \(IndexManifest.currentFormat)); run `talksearch rebuild`")
        }
        for segment in segments {
            guard segment.file.hasPrefix("engine-"), segment.file.hasSuffix(".tsidx"), !segment.file.contains("/") else {
                throw CLIError("\(path): segment file name \"\(segment.file)\" is not an engine segment; run `talksearch rebuild`")
            }
        }
        return manifest
    }

    /// Opens every segment of `generation`, checked against the manifest's document counts.
    static func segments(_ generation: String, manifest: IndexManifest) throws -> [InvertedIndex] {
        try (manifest.segments ?? []).map { entry in
            let path = (generation as NSString).appendingPathComponent(entry.file)
            let segment = try InvertedIndex.open(path: path)
            guard segment.documentCount == entry.documents else {
                throw CLIError("\(path): \(segment.documentCount) documents, the manifest says \(entry.documents); run `talksearch rebuild`")
            }
            return segment
        }
    }

    /// `segments` (opened by ``segments(_:manifest:)``) read as one index; a lone segment without
    /// deletions is returned as it is.
    static func combine(_ segments: [InvertedIndex], generation: String, manifest: IndexManifest) throws -> InvertedIndex {
        let entries = manifest.segments ?? []
        if segments.count == 1, entries[0].deleted.isEmpty { return segments[0] }
        do {
            return try InvertedIndex(segments: segments, deletions: entries.map(\.deleted))
        } catch {
            throw CLIError("\((generation as NSString).appendingPathComponent(IndexDirectory.manifestName)): \(error.reason); run `talksearch rebuild`")
        }
    }

    /// Opens every segment of `generation` and reads them as one index.
    static func open(_ generation: String, manifest: IndexManifest) throws -> InvertedIndex {
        try combine(segments(generation, manifest: manifest), generation: generation, manifest: manifest)
    }

    static func open(_ generation: String) throws -> InvertedIndex {
        try open(generation, manifest: manifest(of: generation))
    }
}
