extension QueryEvaluator {
    /// ``bestMatches(weights:limit:)`` for an OR of bare terms, by MaxScore: the same count and the same
    /// best `limit`, without visiting the documents that only low-scoring terms hold once the best are
    /// good enough.
    ///
    /// * The count is the union's size, the set bits of a bitset of every list's documents.
    /// * Each leaf's ceiling is its largest contribution: its term's bm25 summand at the list's largest
    ///   occurrence count and document length 0 (the summand grows with the count and falls with the
    ///   length). With the leaves ordered by ceiling, the first j are *non-essential* once
    ///   `(c_1 + … + c_j) · (1 + 1e-12) < W`, W the score (-bm25) of the worst kept match: a document
    ///   held only by them scores below W (the margin covers the sum's rounding in another order) and
    ///   cannot enter; it could not tie either, since documents come in ascending ordinal order and a tie
    ///   goes to the lower ordinal, already kept.
    /// * The documents of the essential leaves are merged in ordinal order; the non-essential leaves are
    ///   only looked up (a forward galloping search) for each of them, so that every visited document is
    ///   scored with all its terms, and then skipped by the same occurrence-count bound as the walk's;
    ///   a document that one phrase alone holds (the others at frequency 0) by that phrase's
    ///   ``LengthCutoffs`` instead, which also weighs its length.
    ///
    /// The bound of a document two or more phrases hold is its bm25 at document length 0, read from a
    /// table by occurrence count (every term falls as D grows and every floating-point step is
    /// monotone, so the computed bound is at most the computed bm25):
    ///
    ///     bound(d) = -Σ_i idf_i * ((f_i * (k1 + 1)) / (f_i + k1 * (1 - b)))   <=   bm25(d)
    func bestOfUnion(_ bare: BareTermQuery, ranking: FTS5BM25, weight: Double, limit: Int) -> (count: Int, best: [Match]) {
        let leafCount = bare.phrases.count, phraseCount = query.phrases.count
        let documents = bare.documents, counts = bare.counts, ends = Array(bare.bounds.dropFirst()), phrases = bare.phrases
        var highest: Int32 = 0
        for leaf in 0..<leafCount where ends[leaf] > bare.bounds[leaf] { highest = max(highest, documents[ends[leaf] - 1]) }
        var bits = [UInt64](repeating: 0, count: Int(highest) / 64 + 1)
        for document in documents { bits[Int(document) >> 6] |= 1 << UInt64(document & 63) }
        let total = bits.reduce(0) { $0 + $1.nonzeroBitCount }

        var frequencies = [Double](repeating: 0, count: phraseCount)
        // Per phrase, the bound's term for occurrence counts 0 ..< tableSize, as bm25(_:documentLength: 0) sums it.
        let tableSize = 16
        var table = [Double](repeating: 0, count: phraseCount * tableSize)
        for phrase in 0..<phraseCount {
            for count in 0..<tableSize {
                frequencies[phrase] = Self.termFrequency(Int32(count), weight: weight)
                table[phrase * tableSize + count] = -ranking.bm25(frequencies: frequencies, documentLength: 0)
                frequencies[phrase] = 0
            }
        }
        var ceilings = [Double](repeating: 0, count: leafCount)
        for leaf in 0..<leafCount {
            var most: Int32 = 0
            for slot in bare.bounds[leaf]..<ends[leaf] { most = max(most, counts[slot]) }
            frequencies[phrases[leaf]] = Self.termFrequency(most, weight: weight)
            ceilings[leaf] = -ranking.bm25(frequencies: frequencies, documentLength: 0)
            frequencies[phrases[leaf]] = 0
        }
        let order = (0..<leafCount).sorted { ceilings[$0] < ceilings[$1] }
        var ceilingSums: [Double] = []
        var sum = 0.0
        for leaf in order {
            sum += ceilings[leaf]
            ceilingSums.append(sum)
        }
        var isEssential = [Bool](repeating: true, count: leafCount)
        var nonEssential = 0

        var best = BestKept(limit: limit)
        var cutoffs = (0..<phraseCount).map { LengthCutoffs(ranking: ranking, weight: weight, phrase: $0) }
        var cursors = Array(bare.bounds.dropLast())
        var occurrences = [Int32](repeating: 0, count: phraseCount)
        while true {
            var smallest = Int32.max
            for leaf in 0..<leafCount where isEssential[leaf] && cursors[leaf] < ends[leaf] {
                smallest = min(smallest, documents[cursors[leaf]])
            }
            guard smallest != Int32.max else { break }
            for phrase in 0..<phraseCount { occurrences[phrase] = 0 }
            for leaf in 0..<leafCount {
                var cursor = cursors[leaf]
                if !isEssential[leaf] { cursor = documents.firstIndex(atLeast: smallest, from: cursor, end: ends[leaf]) }
                if cursor < ends[leaf] && documents[cursor] == smallest {
                    occurrences[phrases[leaf]] = counts[cursor]
                    if isEssential[leaf] { cursor += 1 }
                }
                cursors[leaf] = cursor
            }
            // Held by one phrase only (most documents of an OR): that phrase's length cutoff decides.
            var only = -1, holders = 0
            for phrase in 0..<phraseCount where occurrences[phrase] > 0 {
                holders += 1
                only = phrase
            }
            let count = holders == 1 ? Int(occurrences[only]) : 0
            var length = -1
            if holders == 1 {
                let cutoff = cutoffs[only].cutoff(count: count)
                if cutoff < count { continue }
                length = index.documentLength(smallest)
                if length > cutoff { continue }
            } else if best.isFull, let bound = Self.tabledBound(occurrences, table: table, tableSize: tableSize), -1.0 * bound >= best.worst {
                continue
            }
            if length < 0 { length = index.documentLength(smallest) }
            for phrase in 0..<phraseCount { frequencies[phrase] = Self.termFrequency(occurrences[phrase], weight: weight) }
            guard best.offer(bm25: ranking.bm25(frequencies: frequencies, documentLength: length), ordinal: smallest) else {
                if holders == 1 { cutoffs[only].refine(count: count, below: length) }
                continue
            }
            guard best.isFull else { continue }
            for phrase in 0..<phraseCount { cutoffs[phrase].lower(to: best.worst) }
            while nonEssential < leafCount, ceilingSums[nonEssential] * (1 + 1e-12) < -best.worst {
                isEssential[order[nonEssential]] = false
                nonEssential += 1
            }
        }
        return (total, best.ranked())
    }
}
