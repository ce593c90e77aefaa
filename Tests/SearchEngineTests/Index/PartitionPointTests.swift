import Testing
import TalkCatalog
@testable import SearchEngine

@Suite struct PartitionPointTests {
    /// The galloping search agrees with a linear scan for every start and value, on lists with gaps
    /// of every size and with runs of neighbours.
    @Test func gallopingFindsWhatALinearScanFinds() {
        var random = SeededRandom(seed: 3)
        for length in [0, 1, 2, 3, 7, 64, 300] {
            var list: [Int32] = []
            var value: Int32 = 0
            for _ in 0..<length {
                value += Int32.random(in: 1...(Bool.random(using: &random) ? 2 : 500), using: &random)
                list.append(value)
            }
            for start in 0...list.count {
                for probe in Set([Int32(0), value + 1] + list.flatMap { [$0 - 1, $0, $0 + 1] }) {
                    let expected = list[start...].firstIndex { $0 >= probe } ?? list.count
                    #expect(list.firstIndex(atLeast: probe, from: start) == expected, "\(length) \(start) \(probe)")
                }
            }
        }
    }
}
