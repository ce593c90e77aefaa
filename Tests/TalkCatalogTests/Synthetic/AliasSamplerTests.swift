import Foundation
import Testing
@testable import TalkCatalog

@Suite struct AliasSamplerTests {
    @Test func drawsInProportionToTheWeights() {
        let weights: [Double] = [5, 0, 1, 3, 1]
        let sampler = AliasSampler(weights: weights)
        var generator = SeededRandom(seed: 42)
        var counts = Array(repeating: 0, count: weights.count)
        let draws = 200_000
        for _ in 0..<draws { counts[sampler.sample(using: &generator)] += 1 }
        #expect(counts[1] == 0, "a zero weight is never drawn")
        for (index, weight) in weights.enumerated() where weight > 0 {
            let expected = Double(draws) * weight / 10
            // Five standard deviations of a binomial count: a wrong table is far outside, chance never is.
            let tolerance = 5 * (expected * (1 - weight / 10)).squareRoot()
            #expect(abs(Double(counts[index]) - expected) < tolerance, "index \(index): \(counts[index]) vs \(expected)")
        }
    }

    @Test func aSingleWeightAlwaysDrawsIt() {
        let sampler = AliasSampler(weights: [0.25])
        var generator = SeededRandom(seed: 1)
        #expect((0..<100).allSatisfy { _ in sampler.sample(using: &generator) == 0 })
    }
}

@Suite struct HeapsLawTests {
    @Test func fitsThroughTwoPoints() {
        // V(1000) = 400 and V(500) = 400 / 2^0.6.
        let law = HeapsLaw(count: 1000, distinct: 400, distinctAtHalf: Int((400 / pow(2, 0.6)).rounded()))
        #expect(abs(law.beta - 0.6) < 0.005)
        #expect(abs(law.vocabulary(at: 1000) - 400) < 1e-9)
        // dV/dt at t: K·β·t^(β-1); at 1000 that is β·V/n = 0.24.
        #expect(abs(law.newItemProbability(at: 1000) - law.beta * 400 / 1000) < 1e-9)
    }

    @Test func degenerateInputsGiveLinearGrowth() {
        let law = HeapsLaw(count: 1, distinct: 1, distinctAtHalf: 0)
        #expect(law.beta == 1 && law.newItemProbability(at: 5) == 1)
    }
}
