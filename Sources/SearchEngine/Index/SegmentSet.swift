import Foundation

/// Several indexes (segments) read as one, with some of their documents deleted: how an index grows
/// by updates without rewriting what did not change.
///
/// Global ordinals number the segments' documents one segment after another, deleted ones included:
/// document `local` of segment `s` is ordinal `bases[s] + local`. Deleted documents appear in no
/// posting list and count in no statistic (N, token totals, document frequencies), as in FTS5 after a
/// DELETE. Invariants: every segment is a single index (memory or file) with the same columns and
/// tokenizer; rowids increase across segments (the last rowid of segment s, deleted or not, is below
/// the first of segment s + 1), so the global ordinal order is the rowid order and equal scores tie
/// alike in both backends.
final class SegmentSet: @unchecked Sendable {
    let segments: [InvertedIndex]
    /// Global ordinal of each segment's document 0 (one before its first): `bases[s] + 1 ...`.
    let bases: [Int32]
    /// Per segment, a bit per local ordinal (bit `local - 1`): set when the document is deleted.
    let deleted: [[UInt64]]
    let deletedCounts: [Int]
    private let keywordCache = ComputedOnce<KeywordFields>()
    private let wordCache = ComputedOnce<WordDictionary>()
    private let dictionaryCache = ComputedOnce<MergedDictionary>()

    /// - Throws: ``IndexFileError`` when the segments disagree on columns or tokenizer, a deleted
    ///   ordinal is out of range, or rowids do not increase from one segment to the next.
    init(segments: [InvertedIndex], deletions: [[Int32]]) throws(IndexFileError) {
        precondition(segments.count == deletions.count, "one deletion list per segment")
        func fail(_ reason: String) -> IndexFileError { IndexFileError(file: "segments", reason: reason) }
        guard let first = segments.first else { throw fail("no segments") }
        var bases: [Int32] = []
        var base = 0
        var bitsets: [[UInt64]] = []
        var counts: [Int] = []
        var previousRowid: Int64 = 0
        for (slot, segment) in segments.enumerated() {
            if case .segments = segment.storage { throw fail("segment \(slot) is itself segmented") }
            guard segment.schema == first.schema, segment.tokenizer == first.tokenizer else {
                throw fail("segment \(slot) has other columns or another tokenizer than segment 0")
            }
            if segment.documentCount > 0 {
                guard segment.rowid(1) > previousRowid else {
                    throw fail("segment \(slot) starts at rowid \(segment.rowid(1)), not above the previous segment's \(previousRowid)")
                }
                previousRowid = segment.rowid(Int32(segment.documentCount))
            }
            var bits = [UInt64](repeating: 0, count: (segment.documentCount + 63) / 64)
            var count = 0
            for local in deletions[slot] {
                guard local >= 1, Int(local) <= segment.documentCount else {
                    throw fail("segment \(slot): deleted document \(local) is not in 1...\(segment.documentCount)")
                }
                let word = Int(local - 1) >> 6, bit = UInt64(1) << UInt64((local - 1) & 63)
                if bits[word] & bit == 0 { count += 1 }
                bits[word] |= bit
            }
            bases.append(Int32(base))
            base += segment.documentCount
            guard base <= Int(Int32.max) else { throw fail("more than \(Int32.max) documents") }
            bitsets.append(bits)
            counts.append(count)
        }
        self.segments = segments
        self.bases = bases
        deleted = bitsets
        deletedCounts = counts
    }

    /// Every document of every segment, deleted ones included (the global ordinal range is 1...this).
    var ordinalCount: Int { Int(bases[bases.count - 1]) + segments[segments.count - 1].documentCount }

    @inline(__always)
    func isDeleted(segment: Int, local: Int32) -> Bool {
        deleted[segment][Int(local - 1) >> 6] & (UInt64(1) << UInt64((local - 1) & 63)) != 0
    }

    /// The segment holding global `ordinal`, and its local ordinal there.
    @inline(__always)
    func locate(_ ordinal: Int32) -> (segment: Int, local: Int32) {
        if bases.count == 1 { return (0, ordinal) }
        let segment = partitionPoint(0..<bases.count) { bases[$0] < ordinal } - 1
        return (segment, ordinal - bases[segment])
    }

    /// `body` applied to the segment holding global `ordinal` and the local ordinal there.
    @inline(__always)
    func at<T, E: Error>(_ ordinal: Int32, _ body: (InvertedIndex, Int32) throws(E) -> T) throws(E) -> T {
        let (segment, local) = locate(ordinal)
        return try body(segments[segment], local)
    }

    func isDeleted(_ ordinal: Int32) -> Bool {
        let (segment, local) = locate(ordinal)
        return isDeleted(segment: segment, local: local)
    }

    /// The live documents' count, token total and per-column totals.
    func statistics() -> (documents: Int, tokens: Int, columns: [Int]) {
        var documents = 0, tokens = 0
        var columns = [Int](repeating: 0, count: segments[0].schema.count)
        for (slot, segment) in segments.enumerated() {
            documents += segment.documentCount - deletedCounts[slot]
            tokens += segment.totalTokens
            for column in columns.indices { columns[column] += segment.columnTotals[column] }
            // The deleted documents only, from the set bits of the segment's bitset (opening does not
            // walk every document).
            for (word, bits) in deleted[slot].enumerated() where bits != 0 {
                var rest = bits
                while rest != 0 {
                    let local = Int32(word * 64 + rest.trailingZeroBitCount + 1)
                    rest &= rest - 1
                    for column in columns.indices {
                        let size = segment.columnSize(local, column: column)
                        columns[column] -= size
                        tokens -= size
                    }
                }
            }
        }
        return (documents, tokens, columns)
    }

    /// Each segment's list for the same term or prefix, as one list in global ordinals without the
    /// deleted documents.
    func combine(_ lists: [PostingList?]) -> PostingList {
        if lists.count == 1, deletedCounts[0] == 0 { return lists[0] ?? PostingList() }
        var combined = PostingList()
        for (slot, list) in lists.enumerated() {
            guard let list, list.count > 0 else { continue }
            combined.append(list, shiftedBy: bases[slot], skipping: deletedCounts[slot] == 0 ? nil : { self.isDeleted(segment: slot, local: $0) })
        }
        return combined
    }

    // MARK: Cached merges (filters, facets, suggestions, checks)

    /// The keyword fields of all segments over global ordinals; deleted documents have no values.
    func keywordFields() throws(IndexFileError) -> KeywordFields {
        try keywordCache.get { () throws(IndexFileError) in
            let parts = try segments.map { segment throws(IndexFileError) in try segment.keywordFields() }
            return KeywordFields.concatenate(parts) { slot, local in self.isDeleted(segment: slot, local: local) }
        }
    }

    /// The words of all segments, document frequencies summed. A segment's words are not rewritten when
    /// documents are deleted, so a frequency may still count deleted documents until the segment is
    /// merged (suggestions use frequencies only to rank and to call a word rare).
    func words() throws(IndexFileError) -> WordDictionary {
        try wordCache.get { () throws(IndexFileError) in
            WordDictionary.merged(try segments.map { segment throws(IndexFileError) in try segment.words() })
        }
    }

    /// The distinct terms of all segments in byte order with, for each, where each segment has it.
    struct MergedDictionary: Sendable {
        var terms: [[UInt8]] = []
        /// `locations[i]`: (segment, dictionary index there) for every segment that has term i.
        var locations: [[(segment: Int, index: Int)]] = []
    }

    /// The merged term dictionary, made on first use (checks and whole-vocabulary walks; queries look
    /// terms up segment by segment). Terms whose every document is deleted are left out.
    func dictionary() throws(IndexFileError) -> MergedDictionary {
        try dictionaryCache.get { () throws(IndexFileError) in
            var cursors = [Int](repeating: 0, count: segments.count)
            var merged = MergedDictionary()
            while true {
                var smallest: [UInt8]?
                for (slot, segment) in segments.enumerated() where cursors[slot] < segment.termCount {
                    let term = try segment.termBytes(at: cursors[slot])
                    if smallest == nil || term.lexicographicallyPrecedes(smallest!) { smallest = term }
                }
                guard let term = smallest else { break }
                var locations: [(segment: Int, index: Int)] = []
                var lists: [PostingList?] = Array(repeating: nil, count: segments.count)
                for (slot, segment) in segments.enumerated() where cursors[slot] < segment.termCount {
                    if try segment.termBytes(at: cursors[slot]) == term {
                        locations.append((slot, cursors[slot]))
                        lists[slot] = try segment.entry(at: cursors[slot]).postings
                        cursors[slot] += 1
                    }
                }
                if combine(lists).count > 0 {
                    merged.terms.append(term)
                    merged.locations.append(locations)
                }
            }
            return merged
        }
    }
}
