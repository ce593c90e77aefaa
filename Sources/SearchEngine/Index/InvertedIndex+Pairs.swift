import Foundation

extension InvertedIndex {
    // MARK: Pairs of common terms (``CommonPairs``)

    /// This index's own pairs (memory or one file); a segmented index has none of its own.
    func commonPairs() throws(IndexFileError) -> CommonPairs {
        switch storage {
        case .memory(let box): box.value.pairs
        case .file(let file): try file.commonPairs()
        case .segments: preconditionFailure("segments have no single pair table")
        }
    }

    /// The pairs of `commonTerms` (this single index's dictionary indices, ascending) found in their
    /// postings and this index's column sizes, on every core (``CommonPairs/build(commonTerms:documentCount:columns:columnSizes:parallelism:postings:)``):
    /// how `check` derives an index's pairs again, and how a merge finds each segment's pairs of the
    /// merged index's common terms.
    func pairsFromPostings(of commonTerms: [Int32]) throws(IndexFileError) -> CommonPairs {
        var sizes: [Int32] = []
        sizes.reserveCapacity(documentCount * schema.count)
        for ordinal in 0..<documentCount {
            for column in 0..<schema.count { sizes.append(Int32(columnSize(Int32(ordinal + 1), column: column))) }
        }
        return try CommonPairs.build(commonTerms: commonTerms, documentCount: documentCount, columns: schema.count,
                                     columnSizes: sizes, parallelism: ProcessInfo.processInfo.activeProcessorCount,
                                     postings: { term, detail throws(IndexFileError) in try postings(at: Int(term), detail: detail) })
    }

    /// Pair `slot`'s postings in the file encoding, as stored (verified when they come from a file).
    func encodedPairPostings(at slot: Int) throws(IndexFileError) -> ArraySlice<UInt8> {
        switch storage {
        case .memory(let box): box.value.pairs.postingBytes[box.value.pairs.postingRange(at: slot)]
        case .file(let file): try file.encodedPairPostings(at: slot)[...]
        case .segments: preconditionFailure("segments have no single pair table")
        }
    }

    /// The documents where `first` is directly followed by `second` (exact terms, the same column),
    /// with the positions of `first` there: the two-term phrase's instances, from the pair lists.
    ///
    /// Nil when the index keeps no pair list that answers it: both terms are in the dictionary and
    /// one of them is not common (the caller reads the two term lists instead). Empty when either
    /// term is absent. A segmented index answers when at least one segment has the pair; a segment
    /// that does not derives its part from its two term lists (``adjacentPairs(_:_:)``).
    func pairPostings(first: [UInt8], second: [UInt8], detail: PostingList.Detail) throws(IndexFileError) -> PostingList? {
        switch storage {
        case .memory(let box):
            guard let a = box.value.termIndex(first), let b = box.value.termIndex(second) else { return PostingList() }
            guard box.value.pairs.isCommon(a), box.value.pairs.isCommon(b) else { return nil }
            guard let slot = box.value.pairs.slot(a, b) else { return PostingList() }
            do throws(PostingCodec.Malformed) {
                return try PostingCodec.decode(box.value.pairs.postingBytes, range: box.value.pairs.postingRange(at: slot),
                                               documentCount: documentCount, detail: detail)
            } catch {
                throw IndexFileError(file: "in-memory index", section: "pair postings", reason: "pair \(slot) is malformed")
            }
        case .file(let file):
            guard let a = try file.termIndex(first), let b = try file.termIndex(second) else { return PostingList() }
            // The common terms alone first: the pairs are decoded only when both are.
            let common = try file.commonTerms()
            guard CommonPairs.isCommon(a, in: common), CommonPairs.isCommon(b, in: common) else { return nil }
            guard let slot = try file.commonPairs().slot(a, b) else { return PostingList() }
            return try file.pairPostings(at: slot, detail: detail)
        case .segments(let set):
            var lists = try set.segments.map { segment throws(IndexFileError) in try segment.pairPostings(first: first, second: second, detail: detail) }
            guard lists.contains(where: { $0 != nil }) else { return nil }
            let derive = lists.contains { $0 == nil }
            for (slot, segment) in set.segments.enumerated() {
                if lists[slot] == nil {
                    let a = try segment.postings(for: first, detail: .positions) ?? PostingList()
                    let b = try segment.postings(for: second, detail: .positions) ?? PostingList()
                    lists[slot] = Self.adjacentPairs(a, b)
                } else if derive {
                    lists[slot] = lists[slot]!.decoded()
                }
            }
            return set.combine(lists)
        }
    }

    /// The documents of `a` and `b` (lists with positions) where a position p of `a` has p + 1 in `b`,
    /// with those p: the pair list ``CommonPairs`` would keep for the two terms.
    static func adjacentPairs(_ a: PostingList, _ b: PostingList) -> PostingList {
        var result = PostingList()
        var slotB = 0
        var second: [Position] = []
        for slotA in 0..<a.count {
            let document = a.documents[slotA]
            slotB = b.firstIndex(atLeast: document, from: slotB)
            guard slotB < b.count else { break }
            guard b.documents[slotB] == document else { continue }
            b.decodePositions(at: slotB, into: &second)
            var cursor = 0
            a.forEachPosition(at: slotA, columns: nil) { position in
                while cursor < second.count, second[cursor] < position + 1 { cursor += 1 }
                if cursor < second.count, second[cursor] == position + 1 { result.append(document: document, position: position) }
            }
        }
        return result
    }
}
