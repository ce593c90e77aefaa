import HeapModule

extension QueryEvaluator {
    /// The number of matches and the best `limit` of them (bm25 ascending, ordinal ascending) for a
    /// query of bare terms (``BareTermQuery``) with FTS5's bm25 and equal, non-negative column weights,
    /// or for an OR of one-phrase leaves with every column at weight 1
    /// (``bestOfPhraseLeaves(_:limit:)``); nil for any other query (use
    /// ``run(weights:scoring:phraseWeights:collectInstances:_:)``).
    ///
    /// Every match is counted, but a document is scored only when it could still enter the best so far
    /// (a document that would at best tie cannot: ties go to the lower ordinal, which came first). One
    /// term at weight 1 over a file with term blocks reads only the blocks whose lowest bm25 can still
    /// enter (``bestOfBlocks(_:phrase:limit:)``). One
    /// term, a term NOT a term and an AND decide that by their counts' ``LengthCutoffs``, exactly; an OR
    /// scores the documents two of its terms hold, then walks each term's list by its cutoffs, which
    /// keep ties (``bestOfUnion(_:phrases:ranking:weight:limit:)``).
    func bestMatches(weights: ColumnWeights, limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        guard usesShortcuts, limit > 0 else { return nil }
        let columnWeights = weights.expanded(to: index.schema.count)
        guard let weight = columnWeights.first, weight >= 0, columnWeights.allSatisfy({ $0 == weight }) else { return nil }
        guard let shape = BareTermQuery.shape(of: query.root, phrases: query.phrases) else {
            guard weight == 1, let groups = Self.singlePhraseLeaves(of: query.root) else { return nil }
            return try bestOfPhraseLeaves(groups, limit: limit)
        }
        // Every leaf is one bare term: its list, as counts, straight from the cache (no match tree); a
        // phrase's n(P) is its list's length (``documentFrequencies(leaves:)`` for a bare term).
        let phrases = BareTermQuery.leafPhrases(of: query.root)
        if shape == .single, query.phrases[phrases[0]].terms[0].isPrefix,
           let dense = try bestOfDensePrefix(query.phrases[phrases[0]].terms[0], phrase: phrases[0], weight: weight, limit: limit) {
            return dense
        }
        if shape == .single, weight == 1, !query.phrases[phrases[0]].terms[0].isPrefix,
           let blocked = try cache.blockedList(for: query.phrases[phrases[0]].terms[0]) {
            return try bestOfBlocks(blocked, phrase: phrases[0], limit: limit)
        }
        if shape == .single, weight == 1, query.phrases[phrases[0]].terms[0].isPrefix,
           let union = try index.blockedUnion(forPrefix: query.phrases[phrases[0]].terms[0].bytes) {
            return try bestOfBlocks(union, phrase: phrases[0], limit: limit)
        }
        if shape == .and {
            // A term far longer than the shortest is read only where the shortest has documents; each
            // phrase's n(P) is still its whole list's length.
            let (lists, lengths) = try cache.intersectionLists(phrases.map { query.phrases[$0].terms[0] })
            return bestOfIntersection(lists, phrases: phrases, ranking: ranking(phrases, documentFrequencies: lengths), weight: weight,
                                      limit: limit)
        }
        if shape == .or, weight == 1, let skewed = try bestOfSkewedUnion(phrases, limit: limit) { return skewed }
        var lists: [PostingList] = []
        for phrase in phrases { lists.append(try cache.postings(for: query.phrases[phrase].terms[0], detail: .counts)) }
        let ranking = self.ranking(phrases, documentFrequencies: lists.map(\.count))
        if shape == .single {
            // (No bounds: a term or a prefix with blocks at weight 1 was read by its blocks above.)
            return bestOfOneTerm(lists[0], excluding: [], phrase: phrases[0], ranking: ranking, weight: weight, limit: limit)
        }
        if shape == .not {
            return bestOfOneTerm(lists[0], excluding: lists[1].documents, phrase: phrases[0],
                                 bounds: try BlockBounds.of(query.phrases[phrases[0]].terms[0], in: cache, weight: weight),
                                 ranking: ranking, weight: weight, limit: limit)
        }
        var bounds: [BlockBounds?] = []
        for phrase in phrases { bounds.append(try BlockBounds.of(query.phrases[phrase].terms[0], in: cache, weight: weight)) }
        return bestOfUnion(lists, phrases: phrases, bounds: bounds, ranking: ranking, weight: weight, limit: limit)
    }

    /// FTS5's bm25 for this query with `phrases[i]`'s n(P) = `documentFrequencies[i]` and every other
    /// phrase's 0 (a phrase at frequency 0 everywhere adds nothing).
    func ranking(_ phrases: [Int], documentFrequencies: [Int]) -> FTS5BM25 {
        var all = [Int](repeating: 0, count: query.phrases.count)
        for (phrase, count) in zip(phrases, documentFrequencies) { all[phrase] = count }
        return FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens, phraseDocumentFrequencies: all)
    }

    /// A kept match: ordered as FTS5 ranks (bm25 ascending, then ordinal ascending).
    struct Kept: Comparable {
        var bm25: Double
        var ordinal: Int32
        static func < (a: Kept, b: Kept) -> Bool { a.bm25 < b.bm25 || (a.bm25 == b.bm25 && a.ordinal < b.ordinal) }
    }

    /// The best `limit` matches offered so far, in a min-max heap; `worst` is the bm25 of the last of
    /// them once there are `limit` (+infinity before).
    struct BestKept {
        let limit: Int
        private var heap: Heap<Kept>
        private(set) var worst = Double.infinity
        /// The ordinal of the last kept once there are `limit` (with `worst`, the match to beat).
        private(set) var worstOrdinal = Int32.max

        init(limit: Int) {
            self.limit = limit
            heap = Heap(minimumCapacity: limit)
        }

        var isFull: Bool { heap.count == limit }

        /// Keeps the match when there is room or it ranks before the worst kept; true when kept. A
        /// match scoring above the worst kept is turned away inline, before the heap is read (the loops
        /// that score every match turn most of them away).
        @inline(__always)
        mutating func offer(bm25: Double, ordinal: Int32) -> Bool {
            if isFull && bm25 > worst { return false }
            return keep(bm25: bm25, ordinal: ordinal)
        }

        private mutating func keep(bm25: Double, ordinal: Int32) -> Bool {
            let kept = Kept(bm25: bm25, ordinal: ordinal)
            if heap.count < limit {
                heap.insert(kept)
            } else if let max = heap.max, kept < max {
                _ = heap.replaceMax(with: kept)
            } else {
                return false
            }
            if heap.count == limit {
                let last = heap.max!
                worst = last.bm25
                worstOrdinal = last.ordinal
            }
            return true
        }

        /// The kept matches, best first.
        mutating func ranked() -> [Match] {
            var best: [Match] = []
            best.reserveCapacity(heap.count)
            while let next = heap.popMin() { best.append(Match(ordinal: next.ordinal, bm25: next.bm25)) }
            return best
        }
    }

    /// ``bestMatches(weights:limit:)`` for one bare term, read from its list directly, without the
    /// documents in `excluded` (ascending: a term NOT a term, whose right phrase has frequency 0 at
    /// every match, made a bitset here): the count of documents left, and the best. A document is
    /// scored only when its length is within its count's ``LengthCutoffs`` bound, which a document
    /// that does not enter makes exact; 64 documents at a time are tested against the bounds first
    /// (``LengthCutoffs/candidates(documents:starts:lengths:excluded:from:count:)``). With `bounds`
    /// (a NOT's left term at weight 1 whose list has blocks), a block whose lowest bm25 is not below the
    /// worst kept is only counted: `python NOT server` on pyvideo 56 -> 37 µs.
    private func bestOfOneTerm(_ list: PostingList, excluding excluded: [Int32], phrase: Int, bounds: BlockBounds? = nil,
                               ranking: FTS5BM25, weight: Double, limit: Int) -> (count: Int, best: [Match]) {
        var best = BestKept(limit: limit)
        var cutoffs = LengthCutoffs(phrase: phrase)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        let documents = list.documents, starts = list.positionStarts, lengths = index.lengths
        let excludedBits = excluded.isEmpty || documents.isEmpty ? [] : Self.bitset(of: excluded, highest: documents[documents.count - 1])
        // 64 slots at a time: those not excluded (counted) and within their count's cutoff, then each
        // of these offered (``LengthCutoffs/candidates(documents:starts:lengths:excluded:from:count:)``).
        var count = 0, first = 0
        while first < documents.count {
            var end = documents.count
            if let bounds {
                // A block whose lowest bm25 is not below the worst kept holds nothing that enters (in
                // ordinal order a tie loses): only its documents not excluded are counted.
                let (block, blockEnd) = bounds.block(of: first, count: documents.count)
                end = blockEnd
                if best.isFull && bounds.best[block] >= best.worst {
                    count += Self.countNotExcluded(documents, from: first, to: end, excluded: excludedBits)
                    first = end
                    continue
                }
            }
            let n = min(64, end - first)
            let (candidates, kept) = cutoffs.candidates(documents: documents, starts: starts, lengths: lengths, excluded: excludedBits,
                                                        from: first, count: n)
            count += kept.nonzeroBitCount
            offerEach(candidates, from: first, documents: documents, starts: starts, phrase: phrase, cutoffs: &cutoffs,
                      frequencies: &frequencies, best: &best, ranking: ranking, weight: weight)
            first += n
        }
        return (count, best.ranked())
    }

    /// The documents at slots `first ..< end` not in the bitset `excluded` (bit d of word d / 64;
    /// empty for none).
    static func countNotExcluded(_ documents: [Int32], from first: Int, to end: Int, excluded: [UInt64]) -> Int {
        guard !excluded.isEmpty else { return end - first }
        var count = end - first
        for slot in first..<end {
            let document = Int(documents[slot])
            count -= Int(truncatingIfNeeded: (excluded[document >> 6] &>> UInt64(document & 63)) & 1)
        }
        return count
    }

    /// ``bestMatches(weights:limit:)`` for one bare prefix whose union is added up over the ordinals
    /// (``InvertedIndex/denseCounts(forPrefix:)``: `counts[ordinal]`, 0 where no term of it occurs),
    /// read from that array directly instead of from a list made of it; nil when the union is not dense.
    func bestOfDensePrefix(_ term: QueryTerm, phrase: Int, weight: Double, limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        guard let (counts, count) = try index.denseCounts(forPrefix: term.bytes) else { return nil }
        let ranking = self.ranking([phrase], documentFrequencies: [count])
        var best = BestKept(limit: limit)
        var cutoffs = LengthCutoffs(phrase: phrase)
        var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
        // 64 ordinals at a time: a mask of those to offer, then each offered in ordinal order (and
        // checked again, the cutoffs falling as the best fill). A dense union (a quarter of the
        // ordinals or more) masks those still within their count's cutoff (``LengthCutoffs/candidates(counts:lengths:from:count:)``;
        // 200,000 synthetic talks, alternated: `ins*` (71% of the ordinals) 2.6 -> 2.0 ms, `int*`
        // (46%) 1.65 -> 1.33, `comp*` (33%) 1.08 -> 0.99), a sparse one those with a count, made
        // without a branch (the cutoffs' masks cost more than they save there: `str*` (17%) 0.53 ->
        // 0.61; a test per ordinal mispredicted at each one held: `para*` on pyvideo, 1,580 of
        // 21,715, 50.2 -> 41.9 µs pass by pass with the mask).
        let dense = count * 4 >= counts.count
        let lengths = index.lengths
        var first = 1
        while first < counts.count {
            let n = min(64, counts.count - first)
            var candidates: UInt64 = 0
            if dense {
                candidates = cutoffs.candidates(counts: counts, lengths: lengths, from: first, count: n)
            } else {
                for bit in 0..<n { candidates |= UInt64(counts[first + bit] != 0 ? 1 : 0) &<< UInt64(bit) }
            }
            while candidates != 0 {
                let ordinal = first + candidates.trailingZeroBitCount
                candidates &= candidates - 1
                offer(Int32(ordinal), occurrences: counts[ordinal], phrase: phrase, cutoffs: &cutoffs, frequencies: &frequencies,
                      best: &best, ranking: ranking, weight: weight)
            }
            first += n
        }
        return (count, best.ranked())
    }

    /// Offers `ordinal`, where `phrase` (the only one not at frequency 0 in `frequencies`) occurs
    /// `occurrences` times, to `best`, unless the count's `cutoffs` pass it over (when the cutoff is
    /// below the count itself, without reading the length: a document holds at least as many tokens as
    /// occurrences); refines them when it is scored and does not enter (exact in ordinal order and
    /// out of it alike, ``LengthCutoffs``).
    @inline(__always)
    func offer(_ ordinal: Int32, occurrences: Int32, phrase: Int, cutoffs: inout LengthCutoffs, frequencies: inout [Double],
               best: inout BestKept, ranking: FTS5BM25, weight: Double) {
        let cutoff = cutoffs.cutoff(count: Int(occurrences))
        if cutoff < Int(occurrences) { return }
        let length = index.documentLength(ordinal)
        if length > cutoff { return }
        frequencies[phrase] = Self.termFrequency(occurrences, weight: weight)
        guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: ordinal) else {
            cutoffs.refine(count: Int(occurrences), below: length)
            return
        }
    }
}
