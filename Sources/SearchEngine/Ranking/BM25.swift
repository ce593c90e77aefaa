import Foundation

/// Which formula scores the hits. Matching (which documents, which occurrences count) is the same
/// for all; only the score differs.
public enum ScoringVariant: String, Hashable, Sendable, CaseIterable {
    /// FTS5's `bm25()`, reproduced to the last bit (``FTS5BM25``). The only one SQLite can check.
    case fts5
    /// Robertson's BM25F with per-column length normalisation and Lucene's IDF (``BM25F``).
    case bm25f
    /// RM3 pseudo-relevance feedback (``RM3``) over FTS5's bm25: the query's phrases plus terms of the
    /// best first-pass documents, re-ranked as a weighted bag of words.
    case rm3
}

/// FTS5's `bm25()` (`fts5Bm25Function` in fts5_aux.c), in SQLite's order of floating-point operations:
///
///     avgdl = Double(totalTokens) / Double(N)
///     idf_i = log((Double(N - n_i) + 0.5) / (Double(n_i) + 0.5)); if idf_i <= 0 { idf_i = 1e-6 }
///     tf_i  = Σ weight[column] over phrase i's counted instances, in (column, offset) order
///     score = Σ_i idf_i * ((tf_i * (k1 + 1)) / (tf_i + k1 * ((1 - b) + (b * D) / avgdl)))
///     bm25  = -1.0 * score                      (more negative is better)
///
/// with k1 = 1.2 and b = 0.75, N the number of documents, n_i the documents matching phrase i on its own
/// (its column filter included, NEAR ignored) and D the document's token count over all columns.
/// The IDF floor 1e-6 applies whenever a phrase is in half the documents or more.
public struct FTS5BM25: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75

    public let averageDocumentLength: Double
    /// Per phrase, in query order.
    public let inverseDocumentFrequencies: [Double]

    public init(documentCount: Int, totalTokens: Int, phraseDocumentFrequencies: [Int]) {
        averageDocumentLength = Double(totalTokens) / Double(documentCount)
        inverseDocumentFrequencies = phraseDocumentFrequencies.map { Self.idf(documentCount: documentCount, documentFrequency: $0) }
    }

    public static func idf(documentCount: Int, documentFrequency: Int) -> Double {
        let idf = log((Double(documentCount - documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
        return idf <= 0.0 ? 1e-6 : idf
    }

    /// FTS5's bm25 value (negative; more negative is better) of a document of length `documentLength`
    /// whose phrases have the term frequencies `frequencies` (query order).
    ///
    /// FTS5 computes `k1 * ((1 - b) + (b * D) / avgdl)` inside its loop over phrases; it is the same
    /// value every time, so computing it once gives the same bits.
    @inline(__always)
    public func bm25(frequencies: [Double], documentLength: Int) -> Double {
        let length = Double(documentLength)
        let k = Self.k1 * ((1.0 - Self.b) + (Self.b * length) / averageDocumentLength)
        var score = 0.0
        for index in frequencies.indices {
            let frequency = frequencies[index]
            score += inverseDocumentFrequencies[index] * ((frequency * (Self.k1 + 1.0)) / (frequency + k))
        }
        return -1.0 * score
    }

    /// The bm25 of a weighted bag of phrases: each phrase's term multiplied by its weight (RM3).
    public func bm25(frequencies: [Double], documentLength: Int, phraseWeights: [Double]) -> Double {
        let length = Double(documentLength)
        var score = 0.0
        for index in frequencies.indices {
            let frequency = frequencies[index]
            let k = Self.k1 * ((1.0 - Self.b) + (Self.b * length) / averageDocumentLength)
            score += phraseWeights[index] * inverseDocumentFrequencies[index] * ((frequency * (Self.k1 + 1.0)) / (frequency + k))
        }
        return -1.0 * score
    }
}
