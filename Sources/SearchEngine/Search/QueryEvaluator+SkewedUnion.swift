extension QueryEvaluator {
    /// An OR of bare terms at column weight 1 whose longest leaf L (an exact term whose list has term
    /// blocks) is at least ``skewedUnionRatio`` times longer than the others together ("python OR
    /// pycon": python is in half of pyvideo, its idf FTS5's floor of 1e-6), evaluated from the short
    /// leaves' documents first, so that L is often not read whole nor walked:
    ///
    /// 1. every document of the short leaves (their union, in ordinal order) is scored with every
    ///    leaf's count, L's read only at those documents (``InvertedIndex/postings(for:restrictedTo:detail:)``
    ///    when L is at least ``PostingCache/phraseRatio`` times longer, else its cached list), and
    ///    offered, as ``bestOfUnion(_:phrases:bounds:ranking:weight:limit:)`` scores its shared ones;
    /// 2. a document only L holds scores as L alone (``BlockBounds``: the other phrases add +0.0), so
    ///    at least L's lowest block bound `b = min best(block)` (``TermBlocks``). When `limit` are kept
    ///    and `b` is above the worst kept W, every such document is strictly worse than W and none
    ///    can enter, not even by a tie: the kept are the OR's best. Otherwise L's documents outside
    ///    the union are offered as bestOfUnion offers a leaf's own (``offerAlone(_:starts:phrase:bounds:excluded:frequencies:best:ranking:weight:)``),
    ///    which is exact in any order of passes.
    ///
    /// The count is |union of the short leaves| + |L| − |L ∩ that union|, L's length from its header
    /// (also its n(P)). Nil when the query is not of this kind.
    func bestOfSkewedUnion(_ phrases: [Int], limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        guard phrases.count >= 2, Set(phrases).count == phrases.count, limit > 0 else { return nil }
        let terms = phrases.map { query.phrases[$0].terms[0] }
        // L: the exact term with the longest list among those with blocks.
        var longest: (leaf: Int, list: BlockedList)?
        for (leaf, term) in terms.enumerated() where !term.isPrefix {
            guard let blocked = try cache.blockedList(for: term) else { continue }
            if longest.map({ blocked.count > $0.list.count }) ?? true { longest = (leaf, blocked) }
        }
        guard let (long, blocked) = longest,
              !terms.indices.contains(where: { $0 != long && !terms[$0].isPrefix && terms[$0].bytes == terms[long].bytes }) else { return nil }
        var shortLists: [PostingList] = [], shortLeaves: [Int] = [], shortTotal = 0
        for leaf in terms.indices where leaf != long {
            // Before reading a short list: the short leaves' lengths, when the file gives them.
            if let length = try cache.fileTerm(terms[leaf])?.length { shortTotal += length }
        }
        guard shortTotal * Self.skewedUnionRatio <= blocked.count else { return nil }
        shortTotal = 0
        for leaf in terms.indices where leaf != long {
            let list = try cache.postings(for: terms[leaf], detail: .counts)
            shortLists.append(list)
            shortLeaves.append(leaf)
            shortTotal += list.count
        }
        guard shortTotal * Self.skewedUnionRatio <= blocked.count else { return nil }

        // The short leaves' union, ascending.
        let union: [Int32]
        if shortLists.count == 1 {
            union = shortLists[0].documents
        } else {
            var highest: Int32 = 0
            for list in shortLists where list.count > 0 { highest = max(highest, list.documents[list.count - 1]) }
            let (seen, _) = Self.unionBits(shortLists.map(\.documents), highest: highest)
            var documents: [Int32] = []
            documents.reserveCapacity(shortTotal)
            for word in seen.indices where seen[word] != 0 {
                var bits = seen[word]
                while bits != 0 {
                    documents.append(Int32(word << 6 | bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
            }
            union = documents
        }
        var longList: PostingList
        if blocked.count >= PostingCache.phraseRatio * union.count,
           let cut = try cache.postings(for: terms[long], restrictedTo: union, detail: .counts) {
            longList = cut
        } else {
            longList = try cache.postings(for: terms[long], detail: .counts)
        }

        var lengths = [Int](repeating: 0, count: terms.count)
        for (slot, leaf) in shortLeaves.enumerated() { lengths[leaf] = shortLists[slot].count }
        lengths[long] = blocked.count
        let ranking = self.ranking(phrases, documentFrequencies: lengths)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        var best = BestKept(limit: limit)
        var cursors = [Int](repeating: 0, count: shortLists.count)
        var longCursor = 0, sharedWithLong = 0
        let shortDocuments = shortLists.map(\.documents), shortStarts = shortLists.map(\.positionStarts)
        let longDocuments = longList.documents, longStarts = longList.positionStarts
        for document in union {
            for slot in shortDocuments.indices {
                let at = shortDocuments[slot].firstIndex(atLeast: document, from: cursors[slot])
                cursors[slot] = at
                let count = at < shortDocuments[slot].count && shortDocuments[slot][at] == document
                    ? shortStarts[slot][at + 1] - shortStarts[slot][at] : 0
                frequencies[phrases[shortLeaves[slot]]] = Self.termFrequency(count, weight: 1)
            }
            longCursor = longDocuments.firstIndex(atLeast: document, from: longCursor)
            var count: Int32 = 0
            if longCursor < longDocuments.count && longDocuments[longCursor] == document {
                count = longStarts[longCursor + 1] - longStarts[longCursor]
                sharedWithLong += 1
            }
            frequencies[phrases[long]] = Self.termFrequency(count, weight: 1)
            score(document, frequencies: frequencies, best: &best, ranking: ranking)
        }
        let total = union.count + blocked.count - sharedWithLong
        if best.isFull, let bound = blocked.blocks.best.min(), bound > best.worst { return (total, best.ranked()) }
        // L's own documents may still enter: walked whole, the union's left out.
        let whole = try cache.postings(for: terms[long], detail: .counts)
        let highest = max(union.last ?? 0, whole.documents.last ?? 0)
        for phrase in frequencies.indices { frequencies[phrase] = 0 }
        offerAlone(whole.documents, starts: whole.positionStarts, phrase: phrases[long],
                   bounds: BlockBounds(size: blocked.blockSize, best: blocked.blocks.best),
                   excluded: Self.bitset(of: union, highest: highest), frequencies: &frequencies, best: &best, ranking: ranking, weight: 1)
        return (total, best.ranked())
    }

    /// How many times longer than the other leaves together an OR's longest leaf must be for
    /// ``bestOfSkewedUnion(_:limit:)`` to be tried. Pass by pass on pyvideo against the full OR:
    /// `python OR rocks` 57.0 -> 24.4 µs, `site OR python` 76.2 -> 45.5, `python OR pycon` 120.8 ->
    /// 100.9, `python OR moka` 72.5 -> 57.3, `scale OR data` 78.4 -> 68.5; at 2, ORs of two terms
    /// of like idf were tried (`django OR learning`, `import OR building OR airflow`), their bound
    /// failed and they took twice as long.
    static let skewedUnionRatio = 4
}
