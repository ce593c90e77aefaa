import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog

/// Adds, replaces and deletes talks by id, writing only what changed: a new generation that hard-links
/// the current generation's untouched engine segments, adds one segment with the new talks, marks the
/// replaced and deleted talks deleted in the segments that hold them, and applies the same change to a
/// copy of the FTS5 database (DELETE and INSERT by rowid). Then ``MergePolicy`` may merge small or
/// mostly deleted segments: segments without deleted talks are merged from their postings
/// (``MergedSegments``), the others by indexing their live talks again. The generation is swapped in like a rebuild, under the directory's lock,
/// so concurrent updates run one after the other and none is lost; a failed update changes nothing.
///
/// Rowids: a new or replaced talk gets the next rowid above every rowid in the index, in both
/// backends, so rowids keep increasing from segment to segment and ties order alike.
enum IndexUpdate {
    enum Change {
        /// Talks whose id is in the index replace it; the others are added. When an id comes more than
        /// once, the last one counts.
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
        var segments = 0
        /// Documents written into new engine segment files (the new talks plus any merged).
        var documentsWritten = 0
        var files: [(name: String, bytes: Int64)] = []
    }

    static func run(_ change: Change, directory: IndexDirectory, policy: MergePolicy = MergePolicy()) throws -> Report {
        let start = Clock.now
        var report = Report()
        report.generation = try directory.replace { folder in
            guard let current = try directory.currentGeneration() else {
                throw CLIError("\(directory.path): no index to update; build one with `talksearch rebuild --index \(directory.path)`")
            }
            var manifest = try EngineSegments.manifest(of: current)
            var entries = manifest.segments ?? []
            let segments = try EngineSegments.segments(current, manifest: manifest)
            let index = try EngineSegments.combine(segments, generation: current, manifest: manifest)
            var removedRowids: [Int64] = []
            var incoming: [IndexedDocument] = []
            /// Marks the live document with `id` deleted in its segment; false when there is none.
            func remove(_ id: String) throws -> Bool {
                guard let ordinal = try index.ordinal(ofID: id) else { return false }
                let (segment, local) = index.location(of: ordinal)
                entries[segment].deleted.append(local)
                removedRowids.append(index.rowid(ordinal))
                return true
            }
            switch change {
            case .upsert(let talks, let paths):
                var last: [String: Int] = [:]
                for (position, talk) in talks.enumerated() { last[talk.id] = position }
                let unique = talks.enumerated().filter { last[$0.element.id] == $0.offset }.map(\.element)
                var nextRowid = index.ordinalCount > 0 ? index.rowid(Int32(index.ordinalCount)) + 1 : 1
                for var document in StoredTalk.documents(unique) {
                    if try remove(document.id) { report.replaced += 1 } else { report.added += 1 }
                    document.rowid = nextRowid
                    nextRowid += 1
                    incoming.append(document)
                }
                manifest.catalogs += paths.filter { !manifest.catalogs.contains($0) }
            case .delete(let ids):
                var seen = Set<String>()
                var missing: [String] = []
                for id in ids where seen.insert(id).inserted {
                    if try remove(id) { report.deleted += 1 } else { missing.append(id) }
                }
                guard missing.isEmpty else {
                    throw CLIError("no talk with id \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) in the index; nothing was deleted")
                }
            }
            report.talks = index.documentCount - removedRowids.count + incoming.count
            guard report.talks > 0 else { throw CLIError("deleting every talk would leave an empty index; nothing was deleted") }
            for slot in entries.indices { entries[slot].deleted.sort() }

            var nextSegment = manifest.nextSegment ?? entries.count + 1
            func file(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
            /// Writes `documents` as a new segment file in the new generation.
            func writeSegment(_ documents: [IndexedDocument]) throws -> SegmentEntry {
                let segment = try BoundedEngineBuild.build(documents, tokenizer: manifest.tokenizer)
                let name = SegmentEntry.fileName(nextSegment)
                nextSegment += 1
                try IndexBuild.writing(file(name)) { try segment.write(to: file(name)) }
                report.documentsWritten += documents.count
                return SegmentEntry(file: name, documents: documents.count, deleted: [])
            }
            // The new talks join the plan as segments not yet written (one, or under a rebuild's memory
            // limit as many as its largest batch requires): when the policy merges one with others, it
            // is written once, as part of the merged segment.
            var policy = policy
            if policy.maximumDocuments == nil { policy.maximumDocuments = manifest.maximumSegmentDocuments }
            let pending = entries.count
            let chunkSize = max(1, policy.maximumDocuments ?? incoming.count)
            let chunks = stride(from: 0, to: incoming.count, by: chunkSize).map { incoming[$0..<min($0 + chunkSize, incoming.count)] }
            for chunk in chunks { entries.append(SegmentEntry(file: "", documents: chunk.count, deleted: [])) }
            let plan = policy.plan(entries.map { ($0.documents, $0.deleted.count) })
            var finalEntries: [SegmentEntry] = []
            for group in plan.groups {
                if group.count == 1, group.lowerBound < pending, !plan.rewritten.contains(group.lowerBound) {
                    let entry = entries[group.lowerBound]
                    try IndexBuild.writing(file(entry.file)) {
                        try linkOrCopy((current as NSString).appendingPathComponent(entry.file), to: file(entry.file))
                    }
                    finalEntries.append(entry)
                    continue
                }
                // Without deletions in the group, the segments are merged from their postings (the new
                // talks built first): the file re-indexing their documents would write, byte for byte,
                // without analysing the old ones again.
                if group.count > 1, group.allSatisfy({ $0 >= pending || entries[$0].deleted.isEmpty }) {
                    var parts: [InvertedIndex] = []
                    var count = 0
                    for slot in group {
                        if slot >= pending {
                            parts.append(try BoundedEngineBuild.build(Array(chunks[slot - pending]), tokenizer: manifest.tokenizer))
                            report.documentsWritten += chunks[slot - pending].count
                        } else {
                            parts.append(segments[slot])
                            report.documentsWritten += entries[slot].documents
                        }
                        count += parts[parts.count - 1].documentCount
                    }
                    let name = SegmentEntry.fileName(nextSegment)
                    nextSegment += 1
                    try IndexBuild.writing(file(name)) {
                        try InvertedIndex(segments: parts, deletions: parts.map { _ in [] }).write(to: file(name))
                    }
                    finalEntries.append(SegmentEntry(file: name, documents: count, deleted: []))
                    continue
                }
                var documents: [IndexedDocument] = []
                for slot in group {
                    if slot >= pending {
                        documents += chunks[slot - pending]
                        continue
                    }
                    let deleted = Set(entries[slot].deleted)
                    for local in 0..<entries[slot].documents where !deleted.contains(Int32(local + 1)) {
                        documents.append(try segments[slot].document(Int32(local + 1)))
                    }
                }
                finalEntries.append(try writeSegment(documents))
            }
            report.segments = finalEntries.count

            try IndexBuild.writing(file(IndexDirectory.fts5Name)) {
                try FileManager.default.copyItem(atPath: (current as NSString).appendingPathComponent(IndexDirectory.fts5Name),
                                                 toPath: file(IndexDirectory.fts5Name))
                try FTS5IndexWriter.update(at: file(IndexDirectory.fts5Name),
                                           schema: FTS5Schema(columns: Talk.columns, tokenizer: manifest.tokenizer, keywordFields: Talk.keywordFields),
                                           deleting: removedRowids, inserting: incoming)
            }
            manifest.segments = finalEntries
            manifest.nextSegment = nextSegment
            manifest.talks = report.talks
            manifest.created = ISO8601DateFormatter().string(from: Date())
            try IndexBuild.writeManifest(manifest, into: folder)
        }
        report.seconds = Clock.seconds(since: start)
        report.files = IndexBuild.files(of: report.generation)
        return report
    }

    /// A hard link to `source` at `target` (segments are immutable, so generations share them), or a
    /// copy where the file system has no hard links.
    static func linkOrCopy(_ source: String, to target: String) throws {
        if link(source, target) == 0 { return }
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }
}
