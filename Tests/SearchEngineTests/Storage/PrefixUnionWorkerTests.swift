import Foundation
import Testing
import TestSupport
@testable import SearchEngine

/// The prefix unions built on their own thread (``IndexFileWriter/PrefixUnionWorker``) are the ones a
/// ``PrefixUnionBuilder`` fed the same postings in the same order builds, however the terms are
/// batched, and a malformed list is an error that names its term.
@Suite struct PrefixUnionWorkerTests {
    static func plan(of index: InvertedIndex) throws -> [PrefixUnions.Prefix] {
        try PrefixUnions.plan(termCount: index.termCount, documentCount: index.documentCount,
                              term: index.termBytes(at:), listLength: index.documentFrequency(at:))
    }

    /// Each prefix's union as the builder makes it on the calling thread.
    static func direct(_ index: InvertedIndex, plan: [PrefixUnions.Prefix]) throws -> [[UInt8]] {
        var builder = PrefixUnionBuilder(plan: plan, documentCount: index.documentCount)
        var unions = [[UInt8]](repeating: [], count: plan.count)
        for term in 0..<index.termCount {
            let postings = try index.encodedPostings(at: term)
            try postings.withUnsafeBytes { bytes in try builder.add(term: term, postings: bytes) }
            for (prefix, bytes) in builder.takeFinished() { unions[prefix] = bytes }
        }
        builder.finishAll()
        for (prefix, bytes) in builder.takeFinished() { unions[prefix] = bytes }
        return unions
    }

    @Test(arguments: [1, 3, 4096])
    func batchesGiveTheBuildersUnions(batchTerms: Int) throws {
        let index = try PrefixUnionTests.index(seed: 5, count: 300)
        let plan = try Self.plan(of: index)
        #expect(plan.count >= 5)
        let expected = try Self.direct(index, plan: plan)
        let worker = try IndexFileWriter.PrefixUnionWorker(plan: plan, documentCount: index.documentCount,
                                                           batchBytes: batchTerms == 3 ? 64 : 1 << 20, batchTerms: batchTerms)
        for term in 0..<index.termCount { worker.add(term: term, postings: try index.encodedPostings(at: term)) }
        let spill = try worker.finish()
        for prefix in plan.indices { #expect(try spill.union(prefix) == expected[prefix], "\(plan[prefix].bytes)") }
    }

    @Test func aMalformedListNamesItsTerm() throws {
        let index = try PrefixUnionTests.index(seed: 5, count: 300)
        let plan = try Self.plan(of: index)
        let first = try #require(plan.first).terms.lowerBound
        let worker = try IndexFileWriter.PrefixUnionWorker(plan: plan, documentCount: index.documentCount, batchTerms: 2)
        for term in 0..<index.termCount {
            var postings = try index.encodedPostings(at: term)
            // The document count says more documents than the list holds.
            if term == first { postings = ArraySlice([UInt8(120), 1, 1, 1, 1]) }
            worker.add(term: term, postings: postings)
        }
        let error = try #require(throws: IndexFileError.self) { _ = try worker.finish() }
        #expect(error.description.contains("term \(first) is malformed"), "\(error)")
    }
}
