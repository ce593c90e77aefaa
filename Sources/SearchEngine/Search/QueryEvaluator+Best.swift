import HeapModule

extension QueryEvaluator {
    /// The number of matches and the best `limit` of them (bm25 ascending, ordinal ascending) for a
    /// query of bare terms (``BareTermQuery``) with FTS5's bm25 and equal, non-negative column weights;
    /// nil for any other query (use ``run(weights:scoring:phraseWeights:collectInstances:_:)``).
    ///
    /// Every match is counted, but a document is scored only when its bound could enter the best so
    /// far. The bound is its bm25 with document length 0, read from a table by occurrence count:
    ///
    ///     bound(d) = -Σ_i idf_i * ((f_i * (k1 + 1)) / (f_i + k1 * (1 - b)))   <=   bm25(d)
    ///
    /// (every term falls as D grows, and every floating-point step is monotone, so the computed bound is
    /// at most the computed bm25). A document whose bound is not below the worst kept bm25 cannot enter:
    /// it would at best tie, and ties go to the lower ordinal, which came first. The scored documents
    /// need no document length read, which at a million talks is a cache miss each.
    func bestMatches(weights: ColumnWeights, limit: Int) throws(IndexFileError) -> (count: Int, best: [Match])? {
        guard usesShortcuts, limit > 0 else { return nil }
        let columnWeights = weights.expanded(to: index.schema.count)
        guard let weight = columnWeights.first, weight >= 0, columnWeights.allSatisfy({ $0 == weight }),
              BareTermQuery.shape(of: query.root, phrases: query.phrases) != nil else { return nil }
        var leaves: [LeafMatcher] = []
        _ = try MatchNode(query.root, phrases: query.phrases, postings: cache, countsOnly: true, leaves: &leaves)
        guard let bare = BareTermQuery(query.root, phrases: query.phrases, leaves: leaves) else { return nil }
        let ranking = FTS5BM25(documentCount: index.documentCount, totalTokens: index.totalTokens,
                               phraseDocumentFrequencies: try documentFrequencies(leaves: leaves))
        let phraseCount = query.phrases.count
        // Per phrase, the bound's term for occurrence counts 0 ..< tableSize, as bm25(_:documentLength: 0) sums it.
        let tableSize = 16
        var frequencies = [Double](repeating: 0, count: phraseCount)
        var table = [Double](repeating: 0, count: phraseCount * tableSize)
        for phrase in 0..<phraseCount {
            for count in 0..<tableSize {
                frequencies[phrase] = Self.termFrequency(Int32(count), weight: weight)
                table[phrase * tableSize + count] = -ranking.bm25(frequencies: frequencies, documentLength: 0)
                frequencies[phrase] = 0
            }
        }
        if bare.shape == .single {
            return (bare.documents.count, bestOfOneTerm(bare, ranking: ranking, weight: weight, limit: limit, bounds: table))
        }
        if bare.shape == .or {
            return bestOfUnion(bare, ranking: ranking, weight: weight, limit: limit, bounds: table, tableSize: tableSize)
        }
        var heap = Heap<Kept>(minimumCapacity: limit)
        var worst = Double.infinity
        var count = 0
        var occurrences = [Int32](repeating: 0, count: phraseCount)
        let phrases = bare.phrases, counts = bare.counts
        bare.forEachMatch { ordinal, slots in
            count += 1
            for phrase in 0..<phraseCount { occurrences[phrase] = 0 }
            for leaf in phrases.indices where slots[leaf] >= 0 { occurrences[phrases[leaf]] = counts[slots[leaf]] }
            if heap.count == limit {
                var bound = 0.0
                var tabled = true
                for phrase in 0..<phraseCount {
                    let occurrence = Int(occurrences[phrase])
                    guard occurrence < tableSize else {
                        tabled = false
                        break
                    }
                    bound += table[phrase * tableSize + occurrence]
                }
                if tabled && -1.0 * bound >= worst { return }
            }
            for phrase in 0..<phraseCount { frequencies[phrase] = Self.termFrequency(occurrences[phrase], weight: weight) }
            let kept = Kept(bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal)), ordinal: ordinal)
            if heap.count < limit {
                heap.insert(kept)
            } else if let max = heap.max, kept < max {
                _ = heap.replaceMax(with: kept)
            } else {
                return
            }
            if heap.count == limit { worst = heap.max!.bm25 }
        }
        var best: [Match] = []
        best.reserveCapacity(heap.count)
        while let next = heap.popMin() { best.append(Match(ordinal: next.ordinal, bm25: next.bm25)) }
        return (count, best)
    }

    /// A kept match: ordered as FTS5 ranks (bm25 ascending, then ordinal ascending).
    struct Kept: Comparable {
        var bm25: Double
        var ordinal: Int32
        static func < (a: Kept, b: Kept) -> Bool { a.bm25 < b.bm25 || (a.bm25 == b.bm25 && a.ordinal < b.ordinal) }
    }

    /// ``bestMatches(weights:limit:)`` for one bare term: the same skip (a document whose bound, by its
    /// occurrence count, is not below the worst kept bm25 is not scored), as one loop over the list's
    /// counts. Which counts can still enter is a table of `bounds.count` flags, made again only when the
    /// worst kept score changes, so a skipped document costs a load and a compare.
    private func bestOfOneTerm(_ bare: BareTermQuery, ranking: FTS5BM25, weight: Double, limit: Int, bounds: [Double]) -> [Match] {
        var heap = Heap<Kept>(minimumCapacity: limit)
        var skipped = [Bool](repeating: false, count: bounds.count)
        var frequencies = [0.0]
        let documents = bare.documents, counts = bare.counts
        for slot in documents.indices {
            let count = Int(counts[slot])
            if count < skipped.count && skipped[count] { continue }
            frequencies[0] = Self.termFrequency(counts[slot], weight: weight)
            let ordinal = documents[slot]
            let kept = Kept(bm25: ranking.bm25(frequencies: frequencies, documentLength: index.documentLength(ordinal)), ordinal: ordinal)
            if heap.count < limit {
                heap.insert(kept)
            } else if let max = heap.max, kept < max {
                _ = heap.replaceMax(with: kept)
            } else {
                continue
            }
            if heap.count == limit {
                let worst = heap.max!.bm25
                for count in bounds.indices { skipped[count] = -1.0 * bounds[count] >= worst }
            }
        }
        var best: [Match] = []
        best.reserveCapacity(heap.count)
        while let next = heap.popMin() { best.append(Match(ordinal: next.ordinal, bm25: next.bm25)) }
        return best
    }
}
