/// For a query of bare terms, per combination of occurrence counts of some of its phrases (one term;
/// a term NOT a term, whose right phrase is at frequency 0; every term of an AND), a bound on the
/// length of a document that can still enter the best kept: a longer document is passed over with
/// one integer compare instead of a bm25.
///
/// A combination c = (c_1 … c_k) of the counted phrases is one key, Σ c_i · radix^(i-1) for counts
/// below `radix` (a document with a higher count is always scored). With the phrases' frequencies
/// fixed by c (and every other phrase's at 0), the computed bm25
/// never falls as the document length D grows (every step of ``FTS5BM25/bm25(frequencies:documentLength:)``
/// is monotone in D, and the IDF is positive), so the lengths that rank before the worst kept bm25 W
/// are a prefix:
///
///     cutoff_W(c) = max { D >= 0 : bm25(c, D) < W }      (-1 when even D = 0 does not)
///
/// (a tie with W cannot enter: ties go to the lower ordinal, which came first). Documents offered out
/// of ordinal order (an OR's leaves one after another) may need ties kept: the inclusive cutoff is
/// max { D >= 0 : bm25(c, D) <= W }, and the best kept decides a tie by ordinal. W only falls, so a
/// cutoff found at an earlier W bounds the current one: the kept cutoff is always safe to skip by,
/// and is searched again (below the length just seen) only when a document within it is scored and
/// does not enter. Searches thus follow rejections, not every change of W: a short list pays for
/// none, a long one for a few.
///
/// A search decides on the bm25 function itself, so the cutoff is exact whatever the arithmetic of
/// its first guess: Newton's method on the real-valued root of Σ idf_i · f_i (k1 + 1) / (f_i + k) = -W
/// in k = k1 (1 - b + b D / avgdl) (convex and falling in k, so the iterates rise to it from k(0)),
/// then a gallop from the guess to a bracket [enters, does not enter] and a binary search within it:
/// about four bm25 evaluations where a plain binary search over 0 ... D took a dozen ("python
/// programs" on pyvideo: the refinements were 28% of the query).
struct LengthCutoffs {
    let ranking: FTS5BM25
    let weight: Double
    /// The phrases the counts are of, among the ranking's phrases (the others are at frequency 0).
    let phrases: [Int]
    /// Counts below this make a key.
    let radix: Int
    /// The number of keys: radix^phrases.count.
    let size: Int
    private var cutoffs: [Int]
    private var worst = Double.infinity
    /// The frequencies of a refinement, one per ranked phrase: those of ``phrases`` set per key, the
    /// others at 0 (kept, so that a refinement allocates nothing).
    private var frequencies: [Double]

    /// Cutoffs for one phrase's counts below `size`.
    init(ranking: FTS5BM25, weight: Double, phrase: Int = 0, size: Int = 64) {
        self.init(ranking: ranking, weight: weight, phrases: [phrase], radix: size)
    }

    /// Cutoffs for `phrases`' counts, each below `radix` (radix^phrases.count keys).
    init(ranking: FTS5BM25, weight: Double, phrases: [Int], radix: Int) {
        self.ranking = ranking
        self.weight = weight
        self.phrases = phrases
        self.radix = radix
        size = phrases.reduce(1) { total, _ in total * radix }
        cutoffs = [Int](repeating: Int.max, count: size)
        frequencies = [Double](repeating: 0, count: ranking.inverseDocumentFrequencies.count)
    }

    /// Cutoffs keyed by the counts of all of `phrases` (one per term of an AND, or of an OR's shared
    /// documents): radix 64 for one term, 16 for two, 8 for three, 4 for four; beyond four terms no
    /// keys, and every document is scored.
    static func combinations(of phrases: [Int], ranking: FTS5BM25, weight: Double) -> LengthCutoffs {
        let keyed = phrases.count <= 4
        return LengthCutoffs(ranking: ranking, weight: weight, phrases: keyed ? phrases : [],
                             radix: keyed ? [64, 16, 8, 4][max(phrases.count, 1) - 1] : 1)
    }

    /// The key of `occurrences` (per phrase of ``phrases``, in order), `size` when a count reaches the
    /// radix or there are no keys; and the largest count (a document holds at least that many tokens).
    @inline(__always)
    func key(of occurrences: [Int32]) -> (key: Int, most: Int) {
        var key = 0, scale = 1, most = 0, inRange = !phrases.isEmpty
        for occurrence in occurrences {
            let here = Int(occurrence)
            most = max(most, here)
            if here >= radix { inRange = false }
            key += here * scale
            scale &*= radix
        }
        return (inRange ? key : size, most)
    }

    /// The worst kept bm25 is now `worst` (no higher than before).
    mutating func lower(to worst: Double) {
        self.worst = worst
    }

    /// A length beyond which the counts of key `count` cannot rank before the worst kept bm25 (at
    /// least the exact cutoff; `Int.max` until one was searched, and for keys of `size` or more).
    @inline(__always)
    func cutoff(count: Int) -> Int {
        count < size ? cutoffs[count] : Int.max
    }

    /// A document with the counts of key `count` and `length` tokens did not enter: the key's cutoff
    /// becomes the exact one at the current worst kept bm25 (below `length`). With `keepingTies`, the
    /// inclusive one (up to `length`): a later document of a tying bm25 may still enter by ordinal.
    mutating func refine(count: Int, below length: Int, keepingTies: Bool = false) {
        guard count < size, worst < Double.infinity else { return }
        var rest = count
        for phrase in phrases {
            frequencies[phrase] = QueryEvaluator.termFrequency(Int32(rest % radix), weight: weight)
            rest /= radix
        }
        let cutoff = Self.search(ranking, frequencies: frequencies, worst: worst, inclusive: keepingTies,
                                 below: min(keepingTies ? length : length - 1, cutoffs[count]))
        cutoffs[count] = cutoff
    }

    /// The largest D in -1 ... `upper` with bm25(frequencies, D) < worst (<= when `inclusive`; -1 when
    /// none in 0 ... upper). Static, so that the array it updates is not shared with a copy of `self`
    /// while it runs.
    static func search(_ ranking: FTS5BM25, frequencies: [Double], worst: Double, inclusive: Bool, below upper: Int) -> Int {
        @inline(__always) func enters(_ length: Int) -> Bool {
            let bm25 = ranking.bm25(frequencies: frequencies, documentLength: length)
            return inclusive ? bm25 <= worst : bm25 < worst
        }
        if upper < 0 || !enters(0) { return -1 }
        if enters(upper) { return upper }
        // enters(low), !enters(high): gallop from the guess to such a bracket.
        let guess = min(max(estimate(ranking, frequencies: frequencies, worst: worst), 0), upper - 1)
        var low = 0, high = upper
        if enters(guess) {
            low = guess
            var step = 1
            while low + step < high {
                if enters(low + step) { low += step; step &*= 2 } else { high = low + step; break }
            }
        } else {
            high = guess
            var step = 1
            while high - step > low {
                if enters(high - step) { low = high - step; break } else { high -= step; step &*= 2 }
            }
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if enters(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The real D at which bm25(frequencies, D) reaches `worst`, by Newton's method in k (a guess
    /// only: ``search`` checks it against the bm25 itself). Called when D = 0 enters, so the score at
    /// k(0) is above the target and the iterates rise towards the root.
    private static func estimate(_ ranking: FTS5BM25, frequencies: [Double], worst: Double) -> Int {
        let target = -worst, k1 = FTS5BM25.k1, b = FTS5BM25.b
        // A step in k moves D by step · avgdl / (b · k1): the iterates stop once that is below a
        // quarter of a token, which the gallop from the guess then covers in a step or two.
        let tolerance = 0.25 * b * k1 / max(ranking.averageDocumentLength, .leastNormalMagnitude)
        var k = k1 * (1 - b)
        for _ in 0..<6 {
            var score = 0.0, slope = 0.0
            for index in frequencies.indices where frequencies[index] > 0 {
                let frequency = frequencies[index]
                let term = ranking.inverseDocumentFrequencies[index] * frequency * (k1 + 1) / (frequency + k)
                score += term
                slope -= term / (frequency + k)
            }
            guard slope < 0 else { break }
            let step = (score - target) / -slope
            k += step
            if step < tolerance { break }
        }
        let length = (k / k1 - (1 - b)) * ranking.averageDocumentLength / b
        guard length.isFinite else { return 0 }
        return length >= Double(Int32.max) ? Int(Int32.max) : Int(length.rounded(.down))
    }
}
