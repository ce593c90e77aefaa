/// For a query of bare terms, per combination of occurrence counts of some of its phrases (one term;
/// a term NOT a term, whose right phrase is at frequency 0; an OR's documents held by one leaf; the
/// merged leaves of phrase ORs), a bound on the length of a document that can still enter the best
/// kept: a longer document is passed over with one integer compare instead of a bm25.
///
/// A combination c = (c_1 … c_k) of the counted phrases is one key, Σ c_i · radix^(i-1) for counts
/// below `radix` (a document with a higher count is always scored). With the phrases' frequencies
/// fixed by c (and every other phrase's at 0), the computed bm25 never falls as the document length D
/// grows (every step of ``FTS5BM25/bm25(frequencies:documentLength:)`` is monotone in D, and the IDF
/// is positive), and the worst kept bm25 W only falls. So once a document of key c and length L was
/// scored and did not enter, no later document of key c and length L or more can:
///
///     cutoff(c) = min { L : a document of key c and length L did not enter } - 1    (Int.max before any)
///
/// Its bm25 is at least bm25(c, L), which was not below W then, and W is no higher now. Nor can it win
/// a tie: documents offered in ordinal order lose every tie to the kept ones, which came first; and
/// where they come out of order (an OR's leaves one after another, each with cutoffs of its own), a
/// rejected document with a lower ordinal than the worst kept was strictly worse than it (a tie would
/// have entered by ordinal), so every length from L on is strictly worse still; a rejected one with a
/// higher ordinal lost a tie at worst, and while W stays the same the worst kept's ordinal only falls.
///
/// The bound is not the tightest: lengths between the exact cutoff and it are scored, each rejection
/// lowering it to just below its own length (over lengths in random order, a few per key: the new
/// minima of a random sequence). Until this bound, a rejection searched the exact cutoff at W
/// (Newton's guess in k, a gallop and a binary search over bm25 evaluations, about 80 ns each: 22% of
/// `python programs` on pyvideo); the 400 public queries ran 8% faster with the bound on pyvideo (the
/// 4th slowest 64 -> 53 µs) and 2% on 200,000 synthetic talks (the 4th slowest 946 -> 827 µs), probe
/// minimums over alternated runs.
struct LengthCutoffs {
    /// The phrases the counts are of (empty: no keys, every document is scored).
    let phrases: [Int]
    /// Counts below this make a key.
    let radix: Int
    /// The number of keys: radix^phrases.count.
    let size: Int
    private var cutoffs: [Int]

    /// Cutoffs for one phrase's counts below `size`.
    init(phrase: Int = 0, size: Int = 64) {
        self.init(phrases: [phrase], radix: size)
    }

    /// Cutoffs for `phrases`' counts, each below `radix` (radix^phrases.count keys).
    init(phrases: [Int], radix: Int) {
        self.phrases = phrases
        self.radix = radix
        size = phrases.reduce(1) { total, _ in total * radix }
        cutoffs = [Int](repeating: Int.max, count: size)
    }

    /// Cutoffs keyed by the counts of all of `phrases` (one per term of an AND, or of an OR's shared
    /// documents): radix 64 for one term, 16 for two, 8 for three, 4 for four; beyond four terms no
    /// keys, and every document is scored.
    static func combinations(of phrases: [Int]) -> LengthCutoffs {
        let keyed = phrases.count <= 4
        return LengthCutoffs(phrases: keyed ? phrases : [], radix: keyed ? [64, 16, 8, 4][max(phrases.count, 1) - 1] : 1)
    }

    /// The key of `occurrences` (per phrase of ``phrases``, in order), `size` when a count reaches the
    /// radix or there are no keys; and the largest count (a document holds at least that many tokens).
    /// Wrapping arithmetic: counts are below 2^31 and at most four of them are keyed (radix^4 <= 2^24),
    /// so the sum cannot overflow, and past four it is not used (the checked sum tested for overflow
    /// twice a count, in the hottest loop of `title: python OR description: "starting to"`: its probe
    /// minimum 80.4-81.6 -> 77.1-79.1 µs).
    @inline(__always)
    func key(of occurrences: [Int32]) -> (key: Int, most: Int) {
        var key = 0, scale = 1, most = 0, inRange = !phrases.isEmpty
        for occurrence in occurrences {
            let here = Int(occurrence)
            most = max(most, here)
            if here >= radix { inRange = false }
            key &+= here &* scale
            scale &*= radix
        }
        return (inRange ? key : size, most)
    }

    /// ``key(of:)`` for the counts of two phrases (cutoffs ``combinations(of:)`` two), without an
    /// array: an AND's two terms and an OR's two leaves pass every document through it (`title: python
    /// OR description: "starting to"` on pyvideo: 2.17 -> 1.86 million instructions, callgrind).
    @inline(__always)
    func key(_ first: Int32, _ second: Int32) -> (key: Int, most: Int) {
        assert(phrases.count == 2, "two counts for cutoffs of \(phrases.count) phrases")
        let first = Int(first), second = Int(second)
        let inRange = first < radix && second < radix
        return (inRange ? first &+ second &* radix : size, max(first, second))
    }

    /// A length beyond which the counts of key `count` cannot enter the best kept (`Int.max` until a
    /// document of that key did not enter, and for keys of `size` or more).
    @inline(__always)
    func cutoff(count: Int) -> Int {
        count < size ? cutoffs[count] : Int.max
    }

    /// A document with the counts of key `count` and `length` tokens was scored and did not enter:
    /// no later one of that key and at least that length can.
    @inline(__always)
    mutating func refine(count: Int, below length: Int) {
        guard count < size else { return }
        cutoffs[count] = min(cutoffs[count], length - 1)
    }
}
