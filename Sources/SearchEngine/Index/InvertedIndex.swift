/// An immutable inverted index over documents with named columns, made by ``IndexBuilder``.
///
/// It holds what FTS5 keeps: the term dictionary (exact and prefix lookup over terms in byte order),
/// per term the documents with per-column positions, per document the token count of every column,
/// and the collection totals N (documents) and the token count of all columns of all documents.
public struct InvertedIndex: Sendable {
    public let schema: ColumnSchema
    public let tokenizer: TokenizerConfiguration
    /// External ids, by ordinal - 1.
    public let documentIDs: [String]
    /// Stored records, by ordinal - 1.
    public let storedRecords: [String?]
    /// The original column texts, `columnTexts[(ordinal - 1) * columns + column]` (for highlighting).
    let columnTexts: [String]
    /// Token counts, `columnSizes[(ordinal - 1) * columns + column]`.
    let columnSizes: [Int32]
    /// Terms in byte order; `postings[i]` belongs to `terms[i]`.
    let terms: [[UInt8]]
    let termIDs: [[UInt8]: Int]
    let postings: [PostingList]
    /// Σ of every column size of every document.
    public let totalTokens: Int

    /// N, the number of documents.
    public var documentCount: Int { documentIDs.count }
    public var termCount: Int { terms.count }

    /// The token count of the whole document (all columns), FTS5's D.
    @inline(__always)
    public func documentLength(_ ordinal: Int32) -> Int {
        let base = Int(ordinal - 1) * schema.count
        var total = 0
        for column in 0..<schema.count { total += Int(columnSizes[base + column]) }
        return total
    }

    /// The original text of one column of a document.
    public func text(_ ordinal: Int32, column: Int) -> String {
        columnTexts[Int(ordinal - 1) * schema.count + column]
    }

    public func columnSize(_ ordinal: Int32, column: Int) -> Int {
        Int(columnSizes[Int(ordinal - 1) * schema.count + column])
    }

    /// The postings of exactly `term`.
    public func postings(for term: [UInt8]) -> PostingList? {
        termIDs[term].map { postings[$0] }
    }

    /// Every term that starts with `prefix` (bytes), in byte order.
    ///
    /// - Complexity: O(log T + k) for k matching terms.
    public func terms(withPrefix prefix: [UInt8]) -> Range<Int> {
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < terms.count, terms[end].starts(with: prefix) { end += 1 }
        return low..<end
    }

    /// The merged postings of every term with `prefix` (a prefix query).
    public func postings(forPrefix prefix: [UInt8]) -> PostingList {
        PostingList.union(terms(withPrefix: prefix).map { postings[$0] })
    }

    /// The term at dictionary index `index` and its document frequency (for vocabulary checks).
    public func term(at index: Int) -> (term: [UInt8], documentFrequency: Int) {
        (terms[index], postings[index].count)
    }
}
