import Testing
import SearchEngine
@testable import TalkSearchCLI

/// Batches close at their memory estimate, on a multiple of ``InvertedIndex/batchAlignment`` documents.
@Suite struct DocumentBatchesTests {
    @Test func batchesCloseOnAMultipleOfTheAlignmentOnceFull() {
        let document = IndexedDocument(id: "d", columns: ["a title", "", "some words of a description"])
        let each = BuildMemory.estimate(document)
        // Full after 10 documents: the batch still waits for the 64th.
        var batches = DocumentBatches(limit: 10 * each)
        var sizes: [Int] = []
        for _ in 0..<200 {
            if let batch = batches.add(document) { sizes.append(batch.count) }
        }
        if let rest = batches.rest() { sizes.append(rest.count) }
        #expect(sizes == [64, 64, 64, 8])
        // Full after 100 documents: closed at 128.
        var larger = DocumentBatches(limit: 100 * each)
        sizes = []
        for _ in 0..<300 {
            if let batch = larger.add(document) { sizes.append(batch.count) }
        }
        #expect(sizes == [128, 128])
        #expect(larger.rest()?.count == 44)
    }
}
