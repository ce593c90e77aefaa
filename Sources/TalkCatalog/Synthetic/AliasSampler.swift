/// Draws indices `0..<n` with probability proportional to fixed weights in O(1) per draw
/// (Walker's alias method, Vose's construction).
///
/// Invariant: for every slot `i`, `threshold[i]` ∈ [0, 1]; a draw picks a slot `i` uniformly and a
/// uniform `u` ∈ [0, 1), and returns `i` when `u < threshold[i]`, else `alias[i]`. The construction gives
/// each index `j` total probability `weight[j] / Σ weight`.
public struct AliasSampler: Sendable {
    private var threshold: [Double]
    private var alias: [Int32]

    /// `weights` must be non-empty, finite and non-negative, with a positive sum.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.count < Int(Int32.max), "AliasSampler needs 1..<2^31 weights")
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "AliasSampler needs a positive, finite total weight")
        let n = weights.count
        var scaled = weights.map { $0 * Double(n) / total }
        threshold = Array(repeating: 1, count: n)
        alias = Array(0..<Int32(n))
        var small: [Int32] = [], large: [Int32] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(Int32(index)) } else { large.append(Int32(index)) }
        }
        while let less = small.popLast(), let more = large.last {
            threshold[Int(less)] = scaled[Int(less)]
            alias[Int(less)] = more
            scaled[Int(more)] -= 1 - scaled[Int(less)]
            if scaled[Int(more)] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        // Whatever is left holds probability 1 up to rounding.
        for index in small + large { threshold[Int(index)] = 1 }
    }

    public var count: Int { threshold.count }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let slot = Int.random(in: 0..<threshold.count, using: &generator)
        return Double.random(in: 0..<1, using: &generator) < threshold[slot] ? slot : Int(alias[slot])
    }
}
