import Foundation

/// Vocabulary growth V(n) = K·n^β (Heaps' law): the number of distinct words among the first n.
///
/// Fitted through two points of a real sequence, V at n/2 and at n: β = log2(V(n) / V(n/2)),
/// K = V(n) / n^β. The chance that word number t is new is the slope dV/dt = K·β·t^(β-1).
public struct HeapsLaw: Sendable, Equatable {
    public var k: Double
    public var beta: Double

    public init(k: Double, beta: Double) {
        self.k = k
        self.beta = beta
    }

    /// Fits the law to `distinctAtHalf` distinct items among the first `count / 2` and `distinct` among
    /// all `count`. Degenerate inputs (fewer than 2 items) give β = 1, K = distinct / count.
    public init(count: Int, distinct: Int, distinctAtHalf: Int) {
        guard count >= 2, distinctAtHalf > 0, distinct >= distinctAtHalf else {
            self.init(k: count > 0 ? Double(distinct) / Double(count) : 1, beta: 1)
            return
        }
        let beta = min(1, max(0, log2(Double(distinct) / Double(distinctAtHalf))))
        self.init(k: Double(distinct) / pow(Double(count), beta), beta: beta)
    }

    /// The expected number of distinct items among the first `n`.
    public func vocabulary(at n: Int) -> Double { k * pow(Double(n), beta) }

    /// The probability that item number `t` (1-based) is one not seen before, in [0, 1].
    public func newItemProbability(at t: Int) -> Double {
        min(1, max(0, k * beta * pow(Double(max(t, 1)), beta - 1)))
    }
}
