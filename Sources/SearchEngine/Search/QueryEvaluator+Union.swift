extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an OR of bare terms (leaf i's term list `lists[i]`, its
    /// phrase `phrases[i]`): the number of documents in any list, and the best `limit` of them; nil
    /// when two leaves report one phrase (the parser gives every leaf its own, so never in practice).
    ///
    /// One pass over the postings marks every document in a bitset, and in a second bitset the
    /// documents a second list holds again: the count is the first's bits. Then
    ///
    /// 1. each *shared* document (held by two leaves or more), in ordinal order, is looked up in every
    ///    list (a forward galloping search; with three leaves or more, read from a table of the shared
    ///    documents' counts that one pass over each list fills, ``sharedCounts(_:lists:starts:)``) and
    ///    scored and offered when not worse than the worst kept, as an AND's match is
    ///    (``bestOfIntersection(_:phrases:ranking:weight:limit:)``, whose reason holds here; pass by
    ///    pass, alternated: `python OR pycon` 112.5 -> 108.7 and 112.1 -> 107.4 µs, `scale OR data`
    ///    75 -> 69-71, `life OR source OR learning` 114.4 -> 105.4 and 114.8 -> 104.4,
    ///    `frameworks OR learning OR scientific` 103.7 -> 93.0 and 102.4 -> 93.0);
    /// 2. each leaf's list, shortest first (the rarest terms, with the highest IDF, fill the best kept
    ///    soonest), is walked like one term's: its documents that no other leaf holds have only its
    ///    phrase at a non-zero frequency, so its ``LengthCutoffs`` decide them by count and length,
    ///    64 at a time (``LengthCutoffs/candidates(documents:starts:lengths:excluded:from:count:)``),
    ///    mostly without a bm25. At column weight 1, a leaf whose term has blocks in the file
    ///    (``BlockBounds``) passes over each block whose lowest bm25 is above the worst kept (not at
    ///    it: a tie may still enter by ordinal): its documents that no other leaf holds score as the
    ///    term alone. pyvideo, alternated: `python OR pycon` 97 -> 64 µs, `site OR python` 70 -> 42,
    ///    `python OR rocks` 62 -> 35, `life OR source OR learning` 77 -> 57.
    ///
    /// The passes offer documents out of ordinal order, so a tie with the worst kept (bm25 W, ordinal
    /// o) may still enter, by a lower ordinal. Each leaf's pass has cutoffs of its own, refined when a
    /// document d did not enter to just below d's length, which is exact out of order too
    /// (``LengthCutoffs``): the pass's later documents come after d; when d < o, d was strictly worse
    /// than W (a tie would have entered), and longer documents are worse still; when d > o, while the
    /// worst's bm25 stays W its ordinal only falls (a new worst of equal bm25 was kept before it), so
    /// none of them can win a tie at W once d could not. Only documents that score strictly worse than
    /// one kept, or tie it from a higher ordinal, are passed over: the best are exactly the walk's. (This replaced a MaxScore merge whose per-document loop over the
    /// leaves' cursors cost about 40 ns a document: `python OR moka` on pyvideo, where the one long
    /// list never becomes non-essential, took 0.4-0.56 ms.)
    func bestOfUnion(_ lists: [PostingList], phrases: [Int], bounds: [BlockBounds?], ranking: FTS5BM25, weight: Double,
                     limit: Int) -> (count: Int, best: [Match])? {
        let leafCount = lists.count, phraseCount = ranking.inverseDocumentFrequencies.count
        guard Set(phrases).count == leafCount else { return nil }
        var highest: Int32 = 0
        for list in lists where list.count > 0 { highest = max(highest, list.documents[list.count - 1]) }
        let (seen, shared) = Self.unionBits(lists.map(\.documents), highest: highest)
        let total = seen.reduce(0) { $0 + $1.nonzeroBitCount }

        var best = BestKept(limit: limit)
        var frequencies = [Double](repeating: 0, count: phraseCount)
        // Shared documents come in ordinal order, each scored with every leaf's count (0 where a leaf
        // does not hold it).
        // The lists' arrays, read in place (a PostingList copied out of `lists` per lookup retained and
        // released each of its arrays: a third of the query's time).
        let allDocuments = lists.map(\.documents), allStarts = lists.map(\.positionStarts)
        var cursors = [Int](repeating: 0, count: leafCount)
        let counts = leafCount >= 3 ? Self.sharedCounts(shared, lists: allDocuments, starts: allStarts) : []
        var rank = 0
        for word in shared.indices where shared[word] != 0 {
            var bits = shared[word]
            while bits != 0 {
                let document = Int32(word << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
                if leafCount >= 3 {
                    for leaf in 0..<leafCount { frequencies[phrases[leaf]] = Self.termFrequency(counts[rank * leafCount + leaf], weight: weight) }
                    rank += 1
                } else {
                    for leaf in 0..<leafCount {
                        let slot = allDocuments[leaf].firstIndex(atLeast: document, from: cursors[leaf])
                        cursors[leaf] = slot
                        let count = slot < allDocuments[leaf].count && allDocuments[leaf][slot] == document
                            ? allStarts[leaf][slot + 1] - allStarts[leaf][slot] : 0
                        frequencies[phrases[leaf]] = Self.termFrequency(count, weight: weight)
                    }
                }
                score(document, frequencies: frequencies, best: &best, ranking: ranking)
            }
        }
        for phrase in 0..<phraseCount { frequencies[phrase] = 0 }
        for leaf in lists.indices.sorted(by: { lists[$0].count < lists[$1].count }) {
            offerAlone(allDocuments[leaf], starts: allStarts[leaf], phrase: phrases[leaf], bounds: bounds[leaf], excluded: shared,
                       frequencies: &frequencies, best: &best, ranking: ranking, weight: weight)
        }
        return (total, best.ranked())
    }

    /// Step 2 of ``bestOfUnion(_:phrases:bounds:ranking:weight:limit:)`` for one leaf: its documents
    /// not in `excluded` (those another leaf holds, scored apart) have only its phrase at a non-zero
    /// frequency, so its ``LengthCutoffs`` decide them by count and length, 64 at a time, and with
    /// `bounds` (column weight 1) a block whose lowest bm25 is above the worst kept is passed over.
    /// `frequencies` must be 0 everywhere, and is again on return.
    @inline(__always)
    func offerAlone(_ documents: [Int32], starts: [Int32], phrase: Int, bounds: BlockBounds?, excluded: [UInt64],
                    frequencies: inout [Double], best: inout BestKept, ranking: FTS5BM25, weight: Double) {
        let lengths = index.lengths
        var cutoffs = LengthCutoffs(phrase: phrase)
        // 64 slots at a time: the documents no other leaf holds that are within their count's
        // cutoff, then each offered (``LengthCutoffs/candidates(documents:starts:lengths:excluded:from:count:)``).
        var first = 0
        while first < documents.count {
            var end = documents.count
            if let bounds {
                // A block whose lowest bm25 is above the worst kept holds nothing that enters,
                // not even by a tie (its documents held by no other leaf score as the term alone).
                let (block, blockEnd) = bounds.block(of: first, count: documents.count)
                end = blockEnd
                if best.isFull && bounds.best[block] > best.worst {
                    first = end
                    continue
                }
            }
            let n = min(64, end - first)
            let (candidates, _) = cutoffs.candidates(documents: documents, starts: starts, lengths: lengths, excluded: excluded, from: first, count: n)
            offerEach(candidates, from: first, documents: documents, starts: starts, phrase: phrase, cutoffs: &cutoffs,
                      frequencies: &frequencies, best: &best, ranking: ranking, weight: weight)
            first += n
        }
        frequencies[phrase] = 0
    }

    /// Offers each of the documents at slots `first + i` for the bits i set in `candidates` (one
    /// term's list: `documents`, and counts as `starts[slot + 1] - starts[slot]`), in slot order:
    /// the inner loop of the one-term passes.
    @inline(__always)
    func offerEach(_ candidates: UInt64, from first: Int, documents: [Int32], starts: [Int32], phrase: Int, cutoffs: inout LengthCutoffs,
                   frequencies: inout [Double], best: inout BestKept, ranking: FTS5BM25, weight: Double) {
        var candidates = candidates
        while candidates != 0 {
            let slot = first + candidates.trailingZeroBitCount
            candidates &= candidates - 1
            offer(documents[slot], occurrences: starts[slot + 1] - starts[slot], phrase: phrase, cutoffs: &cutoffs,
                  frequencies: &frequencies, best: &best, ranking: ranking, weight: weight)
        }
    }

    /// Each leaf's count at each shared document (bit set in `shared`): `counts[rank × leaves + leaf]`,
    /// 0 where the leaf does not hold it, rank the document's place among the shared ones in ordinal
    /// order. One pass over each list, a document's rank its word's base (the shared documents of the
    /// words before) plus the set bits below it in its word: no search per shared document and leaf.
    /// (200,000 synthetic talks, the ten public ORs of three terms alternated: 5.1-5.3 -> 4.6-4.7 ms
    /// in all, each faster; for two terms the table was 5-9% slower than the lookups, which they keep.)
    static func sharedCounts(_ shared: [UInt64], lists: [[Int32]], starts: [[Int32]]) -> [Int32] {
        var bases = [Int](repeating: 0, count: shared.count)
        var total = 0
        for word in shared.indices {
            bases[word] = total
            total += shared[word].nonzeroBitCount
        }
        let leafCount = lists.count
        var counts = [Int32](repeating: 0, count: total * leafCount)
        for leaf in 0..<leafCount {
            let documents = lists[leaf], listStarts = starts[leaf]
            for slot in documents.indices {
                let document = Int(documents[slot]), word = document >> 6
                let bit = UInt64(1) &<< UInt64(document & 63), bits = shared[word]
                guard bits & bit != 0 else { continue }
                let rank = bases[word] + (bits & (bit &- 1)).nonzeroBitCount
                counts[rank * leafCount + leaf] = listStarts[slot + 1] - listStarts[slot]
            }
        }
        return counts
    }
}
