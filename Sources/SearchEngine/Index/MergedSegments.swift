import Foundation

/// Segments without deleted documents joined into one index file's content, from their postings:
/// nothing is analysed again, and the file is byte for byte the one ``IndexBuilder`` writes for the
/// same documents in one segment (what a build under a memory limit relies on: it indexes batches as
/// segments, then merges them).
///
/// * The dictionary is the union of the segments' (a merge of sorted lists); term i's postings are its
///   segments' lists joined in segment order, ordinals shifted by the segments before
///   (``PostingCodec/concatenate(_:into:)``, which re-encodes only each list's first document).
/// * Common terms (``CommonPairs``) are those of the merged index (at least
///   ``CommonPairs/threshold(documentCount:)`` of all N documents, however few a segment has); each
///   segment's pairs of them are found in its postings (``CommonPairs/build(commonTerms:documentCount:columns:columnSizes:parallelism:postings:)``,
///   one segment at a time) and joined pair by pair. A pair's documents are in one segment each, so the
///   joined lists are the merged index's own.
/// * Documents, statistics, keyword fields and words come from the segmented index, which reads them
///   segment by segment in global ordinals.
///
/// Memory: the merged dictionary (terms and, per term, where each segment has it: 8 bytes a holder),
/// each segment's pair lists (together the size of the merged ones; joined only as they are written),
/// and one term's postings at a time.
struct MergedSegments: IndexFileContent {
    let index: InvertedIndex
    private let set: SegmentSet
    /// Term i is `termArena[termStarts[i] ..< termStarts[i + 1]]`.
    private var termArena: [UInt8] = []
    private var termStarts: [Int] = [0]
    /// Term i's holders are `holders[holderStarts[i] ..< holderStarts[i + 1]]`, segments ascending.
    private var holderStarts: [Int] = [0]
    private var holders: [Holder] = []
    /// The common terms and pair keys; the lists are each segment's (``segmentPairs``), pair i's in
    /// `pairHolders[pairHolderStarts[i] ..< pairHolderStarts[i + 1]]` (segment, slot there).
    private var pairs = CommonPairs()
    private var segmentPairs: [CommonPairs] = []
    private var pairHolderStarts: [Int] = [0]
    private var pairHolders: [Holder] = []

    /// A segment that has a term, and the term's dictionary index there.
    struct Holder {
        var segment: Int32
        var local: Int32
    }

    /// - Precondition: `index` is segmented (``InvertedIndex/init(segments:deletions:)``) with no
    ///   deleted document.
    init(_ index: InvertedIndex) throws(IndexFileError) {
        guard case .segments(let set) = index.storage, set.deletedCounts.allSatisfy({ $0 == 0 }) else {
            preconditionFailure("MergedSegments joins segments without deleted documents")
        }
        self.index = index
        self.set = set
        try mergeDictionaries()
        try joinPairs()
    }

    var termCount: Int { termStarts.count - 1 }

    func termLength(at index: Int) throws(IndexFileError) -> Int { termStarts[index + 1] - termStarts[index] }

    func termBytes(at index: Int) throws(IndexFileError) -> [UInt8] { Array(termArena[termStarts[index]..<termStarts[index + 1]]) }

    func documentFrequency(at index: Int) throws(IndexFileError) -> Int {
        var total = 0
        for holder in holders[holderStarts[index]..<holderStarts[index + 1]] {
            total += try set.segments[Int(holder.segment)].documentFrequency(at: Int(holder.local))
        }
        return total
    }

    func encodedPostings(at index: Int) throws(IndexFileError) -> ArraySlice<UInt8> {
        let held = holders[holderStarts[index]..<holderStarts[index + 1]]
        if held.count == 1, let only = held.first, set.bases[Int(only.segment)] == 0 {
            return try set.segments[Int(only.segment)].encodedPostings(at: Int(only.local))
        }
        var parts: [PostingCodec.Part] = []
        parts.reserveCapacity(held.count)
        for holder in held {
            let segment = set.segments[Int(holder.segment)]
            parts.append(PostingCodec.Part(bytes: try segment.encodedPostings(at: Int(holder.local)),
                                           shift: Int(set.bases[Int(holder.segment)]), documentCount: segment.documentCount))
        }
        return try Self.joined(parts, section: .postings, of: "term \(index)")
    }

    /// One list of `parts` (``PostingCodec/concatenate(_:into:)``); a part that does not parse is an
    /// error naming `section` and `what` the list is.
    private static func joined(_ parts: [PostingCodec.Part], section: IndexFileFormat.Section, of what: String) throws(IndexFileError) -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        do throws(PostingCodec.Malformed) {
            try PostingCodec.concatenate(parts, into: &out)
        } catch {
            throw IndexFileError(file: "segments", section: section.name, reason: "\(what)'s postings in a segment are malformed")
        }
        return out[...]
    }

    func commonPairs() throws(IndexFileError) -> CommonPairs { pairs }

    /// After each section: the segments' pages read so far leave resident memory.
    func sectionWritten() { index.releaseMappedPages() }

    func encodedPairPostings(at slot: Int) throws(IndexFileError) -> ArraySlice<UInt8> {
        var parts: [PostingCodec.Part] = []
        for holder in pairHolders[pairHolderStarts[slot]..<pairHolderStarts[slot + 1]] {
            let segment = Int(holder.segment), found = segmentPairs[segment]
            parts.append(PostingCodec.Part(bytes: found.postingBytes[found.postingRange(at: Int(holder.local))],
                                           shift: Int(set.bases[segment]), documentCount: set.segments[segment].documentCount))
        }
        return try Self.joined(parts, section: .pairPostings, of: "pair \(slot)")
    }

    /// The union of the segments' dictionaries in byte order, with each term's holders: one cursor per
    /// segment, the smallest current term taken from every segment that has it.
    private mutating func mergeDictionaries() throws(IndexFileError) {
        let segments = set.segments
        var cursors = [Int](repeating: 0, count: segments.count)
        var current: [[UInt8]?] = []
        for segment in segments { current.append(segment.termCount > 0 ? try segment.termBytes(at: 0) : nil) }
        while true {
            var smallest: Int?
            for slot in segments.indices {
                guard let term = current[slot] else { continue }
                if let best = smallest, !term.lexicographicallyPrecedes(current[best]!) { continue }
                smallest = slot
            }
            guard let first = smallest, let term = current[first] else { break }
            termArena += term
            termStarts.append(termArena.count)
            for slot in first..<segments.count {
                guard let other = current[slot], other == term else { continue }
                holders.append(Holder(segment: Int32(slot), local: Int32(cursors[slot])))
                cursors[slot] += 1
                current[slot] = cursors[slot] < segments[slot].termCount ? try segments[slot].termBytes(at: cursors[slot]) : nil
            }
            holderStarts.append(holders.count)
        }
    }

    /// The merged index's pairs: its common terms and every key that occurs, with, per key, the lists
    /// of the segments that have it (joined when written: ``encodedPairPostings(at:)``). Each segment's
    /// pairs of the common terms are found in its postings, one segment at a time, its mapped pages let
    /// go after each.
    private mutating func joinPairs() throws(IndexFileError) {
        let segments = set.segments
        let threshold = CommonPairs.threshold(documentCount: index.documentCount)
        // Per segment: its common terms (local indices, ascending) and their merged indices.
        var local = [[Int32]](repeating: [], count: segments.count)
        var merged = [[Int32]](repeating: [], count: segments.count)
        for term in 0..<termCount {
            let held = holders[holderStarts[term]..<holderStarts[term + 1]]
            var frequency = 0
            for holder in held {
                frequency += try set.segments[Int(holder.segment)].documentFrequency(at: Int(holder.local))
            }
            guard frequency >= threshold else { continue }
            pairs.commonTerms.append(Int32(term))
            for holder in held {
                local[Int(holder.segment)].append(holder.local)
                merged[Int(holder.segment)].append(Int32(term))
            }
        }
        guard !pairs.commonTerms.isEmpty else { return }
        // Two segments at a time (a segment decodes its common terms' positions on one thread before
        // its pairs are found on all): the pairs are the same in whatever order the segments finish.
        // 1,000,000 synthetic talks in 10 batches: the pairs took 9 s at 1.3 cores; the whole build, timed
        // beside the one-at-a-time binary, 70 -> 64 s, its peak 1.67 -> 1.75 GB (two segments held).
        let workers = max(1, min(2, segments.count, ProcessInfo.processInfo.activeProcessorCount))
        let results = ResultSlots<Result<CommonPairs, IndexFileError>>(count: segments.count)
        let commonBySegment = local
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for slot in stride(from: worker, to: segments.count, by: workers) {
                results.store(Result { () throws(IndexFileError) in try segments[slot].pairsFromPostings(of: commonBySegment[slot]) }, at: slot)
                segments[slot].releaseMappedPages()
            }
        }
        // Each segment's pairs with their keys in merged indices (the map from local to merged indices
        // keeps their order).
        var keys: [[UInt64]] = []
        for (slot, result) in results.values().enumerated() {
            let found = try result.get()
            let toMerged = Dictionary(uniqueKeysWithValues: zip(local[slot], merged[slot]))
            var segmentKeys: [UInt64] = []
            segmentKeys.reserveCapacity(found.keys.count)
            for key in found.keys {
                let first: Int32 = toMerged[Int32(truncatingIfNeeded: key >> 32)]!
                let second: Int32 = toMerged[Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)]!
                segmentKeys.append(UInt64(first) << 32 | UInt64(second))
            }
            keys.append(segmentKeys)
            segmentPairs.append(found)
        }
        // Every key in order, each with the (segment, pair slot there) lists that hold it.
        var cursors = [Int](repeating: 0, count: segments.count)
        while true {
            var key = UInt64.max
            for slot in keys.indices where cursors[slot] < keys[slot].count { key = min(key, keys[slot][cursors[slot]]) }
            guard key < UInt64.max else { break }
            for slot in keys.indices where cursors[slot] < keys[slot].count && keys[slot][cursors[slot]] == key {
                pairHolders.append(Holder(segment: Int32(slot), local: Int32(cursors[slot])))
                cursors[slot] += 1
            }
            pairHolderStarts.append(pairHolders.count)
            pairs.keys.append(key)
        }
    }
}
