import Foundation

/// BM25F (Robertson, Zaragoza & Taylor 2004; "simple BM25F" of Robertson & Zaragoza 2009): column
/// frequencies are length-normalised per column and weighted before one saturation, with Lucene's IDF,
/// which never goes negative:
///
///     B_c      = (1 - b) + b * len(d, c) / avglen_c          (B_c = 1 when avglen_c = 0)
///     tf~(p,d) = Σ_c w_c * tf(p, d, c) / B_c
///     idf(p)   = ln(1 + (N - n(p) + 0.5) / (n(p) + 0.5))
///     score    = Σ_p idf(p) * tf~ * (k1 + 1) / (tf~ + k1)
///
/// with k1 = 1.2, b = 0.75, `w_c` the column weights, tf counting the same occurrences FTS5's bm25 counts
/// (the match walk decides them), and n(p) the documents where phrase p occurs.
public struct BM25F: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75

    public let inverseDocumentFrequencies: [Double]
    public let averageColumnLengths: [Double]
    public let weights: [Double]

    public init(documentCount: Int, columnTotals: [Int], phraseDocumentFrequencies: [Int], weights: [Double]) {
        let count = Double(max(documentCount, 1))
        averageColumnLengths = columnTotals.map { Double($0) / count }
        inverseDocumentFrequencies = phraseDocumentFrequencies.map { Self.idf(documentCount: documentCount, documentFrequency: $0) }
        self.weights = weights
    }

    public static func idf(documentCount: Int, documentFrequency: Int) -> Double {
        log(1.0 + (Double(documentCount - documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }

    /// The score of a document with `counts[phrase][column]` occurrences and these column lengths.
    public func score(counts: [[Int]], columnLengths: [Int]) -> Double {
        var score = 0.0
        for (phrase, columns) in counts.enumerated() {
            var frequency = 0.0
            for (column, count) in columns.enumerated() where count > 0 {
                let average = averageColumnLengths[column]
                let normaliser = average > 0 ? (1.0 - Self.b) + Self.b * Double(columnLengths[column]) / average : 1.0
                frequency += weights[column] * Double(count) / normaliser
            }
            if frequency != 0 {
                score += inverseDocumentFrequencies[phrase] * frequency * (Self.k1 + 1.0) / (frequency + Self.k1)
            }
        }
        return score
    }
}
