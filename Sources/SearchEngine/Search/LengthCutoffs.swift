/// For a query of one bare term (or one whose other phrases have frequency 0 wherever it matches: a
/// term NOT a term), the longest document that can still enter the best kept, per occurrence count:
/// a document is scored only when it is short enough, so most are passed over with one integer
/// compare instead of a bm25.
///
/// With the term's frequency fixed by its count c (and every other phrase's at 0), the computed bm25 never falls as the document
/// length D grows (every step of ``FTS5BM25/bm25(frequencies:documentLength:)`` is monotone in D, and
/// the IDF is positive), so the lengths that rank before the worst kept bm25 W are a prefix:
///
///     cutoff(c) = max { D >= 0 : bm25(c, D) < W }      (-1 when even D = 0 does not)
///
/// found by binary search over the same function, so a document of length D enters exactly when
/// `D <= cutoff(c)` (a tie with W cannot enter: ties go to the lower ordinal, which came first).
/// W only falls, so each cutoff only shrinks: it is searched below its previous value, and only for
/// counts that occur after W changed.
struct LengthCutoffs {
    let ranking: FTS5BM25
    let weight: Double
    /// The phrase the counts are of, among the ranking's phrases (the others are at frequency 0).
    let phrase: Int
    /// Cutoffs are kept for counts below this; a higher count is always scored.
    let size: Int
    private var cutoffs: [Int]
    private var stamps: [Int]
    private var generation = 0
    private var worst = Double.infinity

    init(ranking: FTS5BM25, weight: Double, phrase: Int = 0, size: Int = 64) {
        self.ranking = ranking
        self.weight = weight
        self.phrase = phrase
        self.size = size
        cutoffs = [Int](repeating: Int(Int32.max), count: size)
        stamps = [Int](repeating: 0, count: size)
    }

    /// The worst kept bm25 is now `worst` (no higher than before).
    mutating func lower(to worst: Double) {
        self.worst = worst
        generation += 1
    }

    /// The longest document in which `count` occurrences still rank before the worst kept bm25;
    /// `Int.max` before there is one, and for counts of `size` or more.
    @inline(__always)
    mutating func cutoff(count: Int) -> Int {
        guard generation > 0, count < size else { return Int.max }
        if stamps[count] != generation {
            var frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
            frequencies[phrase] = QueryEvaluator.termFrequency(Int32(count), weight: weight)
            let cutoff = Self.search(ranking, frequencies: frequencies, worst: worst, below: cutoffs[count])
            cutoffs[count] = cutoff
            stamps[count] = generation
        }
        return cutoffs[count]
    }

    /// The largest D in -1 ... `upper` with bm25(frequencies, D) < worst (-1 when none in 0 ... upper).
    /// Static, so that the arrays it updates are not shared with a copy of `self` while it runs.
    private static func search(_ ranking: FTS5BM25, frequencies: [Double], worst: Double, below upper: Int) -> Int {
        func enters(_ length: Int) -> Bool { ranking.bm25(frequencies: frequencies, documentLength: length) < worst }
        if upper < 0 || !enters(0) { return -1 }
        if enters(upper) { return upper }
        var low = 0, high = upper // enters(low), !enters(high)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if enters(middle) { low = middle } else { high = middle }
        }
        return low
    }
}
