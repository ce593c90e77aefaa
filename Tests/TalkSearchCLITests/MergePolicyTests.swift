import Testing
@testable import TalkSearchCLI

/// The merge policy keeps segments few while a small update next to a large index merges nothing.
@Suite struct MergePolicyTests {
    let policy = MergePolicy()

    @Test func aSmallUpdateBesideALargeIndexMergesNothing() {
        let plan = policy.plan([(21_715, 0), (1, 0)])
        #expect(plan == MergePolicy.Plan(groups: [0..<1, 1..<2], rewritten: [], dropped: []))
        #expect(policy.plan([(21_715, 0), (10_000, 0)]).groups == [0..<1, 1..<2])
    }

    @Test func similarSizesMergeFromTheEnd() {
        // 3 and 2 merge (3 <= 2 x 2); then 5 beside 8 merges too (8 <= 2 x 5).
        #expect(policy.plan([(100, 0), (8, 0), (3, 0), (2, 0)]).groups == [0..<1, 1..<4])
        #expect(policy.plan([(1, 0), (1, 0)]).groups == [0..<2])
    }

    /// An index rebuilt under a memory limit: no merge makes a segment larger than its largest batch.
    @Test func mergesStayWithinTheMaximum() {
        let capped = MergePolicy(maximumDocuments: 100)
        #expect(policy.plan([(60, 0), (50, 0)]).groups == [0..<2])
        #expect(capped.plan([(60, 0), (50, 0)]).groups == [0..<1, 1..<2])
        #expect(capped.plan([(100, 0), (100, 0), (100, 0), (30, 0), (20, 0)]).groups == [0..<1, 1..<2, 2..<3, 3..<5])
        #expect(capped.plan([(40, 10), (50, 0)]).groups == [0..<2], "live documents count, not deleted ones")
    }

    @Test func emptySegmentsAreDroppedAndMostlyDeletedOnesRewritten() {
        let plan = policy.plan([(100, 10), (30, 30), (40, 25)])
        #expect(plan.dropped == [1])
        #expect(plan.rewritten == [2])
        #expect(plan.groups == [0..<1, 2..<3])
    }

    /// 3,000 updates of one talk each beside 20,000: the segment count stays logarithmic, and each talk
    /// is written a logarithmic number of times.
    @Test func manySmallUpdatesStayLogarithmic() {
        var segments: [Int] = [20_000]
        var written = 0
        var most = 0
        for _ in 0..<3_000 {
            segments.append(1)
            let plan = policy.plan(segments.map { ($0, 0) })
            var next: [Int] = []
            for group in plan.groups {
                let size = group.reduce(0) { $0 + segments[$1] }
                if group.count > 1 || group.lowerBound == segments.count - 1 { written += size }
                next.append(size)
            }
            segments = next
            most = max(most, segments.count)
        }
        #expect(segments.reduce(0, +) == 23_000)
        #expect(most <= 14, "log2(3,000) + 2")
        #expect(written <= 3_000 * 13, "each new talk rewritten at most ~log2(3,000) times: \(written)")
        for pair in zip(segments, segments.dropFirst()) { #expect(pair.0 > 2 * pair.1) }
    }
}
