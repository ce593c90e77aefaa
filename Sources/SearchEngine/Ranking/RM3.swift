/// RM3 pseudo-relevance feedback (Abdul-Jaleel et al., 2004; as in Anserini): take the best
/// `feedbackDocuments` of a first ranking, estimate a relevance model over their terms, and re-rank
/// with the query's terms plus the model's best `feedbackTerms`:
///
///     P(t|R)  = Σ_{d in feedback} w_d · c(t, d) / |d|,    w_d = score(d) / Σ score      (RM1)
///     w(t)    = λ · c(t, q) / |q| + (1 - λ) · P(t|R) / Σ_{t' in top terms} P(t'|R)     (RM3, λ = originalWeight)
///
/// with c(t, d) counted over all columns, |d| the document's token count, and the final ranking the
/// weighted bm25 of each term (FTS5's formula, phrase contributions multiplied by w(t)). Candidate
/// expansion terms found in half the documents or more are passed over: FTS5's IDF floors them at
/// 1e-6, so they could only widen the match set, never rank.
public struct RM3: Hashable, Sendable {
    public var feedbackDocuments = 10
    public var feedbackTerms = 10
    public var originalWeight = 0.5

    public init(feedbackDocuments: Int = 10, feedbackTerms: Int = 10, originalWeight: Double = 0.5) {
        self.feedbackDocuments = feedbackDocuments
        self.feedbackTerms = feedbackTerms
        self.originalWeight = originalWeight
    }

    /// The expanded, weighted query: query terms (analysed, repeats counted) and feedback documents
    /// with their first-pass scores and texts.
    public func expand(queryTerms: [[UInt8]], feedback: [(score: Double, texts: [String])], analyzer: Analyzer,
                       isTooCommon: ([UInt8]) -> Bool = { _ in false }) -> [(term: [UInt8], weight: Double)] {
        var model: [[UInt8]: Double] = [:]
        let total = feedback.reduce(0) { $0 + max($1.score, 0) }
        for document in feedback where total > 0 {
            var counts: [[UInt8]: Int] = [:]
            var length = 0
            for text in document.texts {
                analyzer.analyze(text) { term, _, _ in
                    counts[Array(term), default: 0] += 1
                    length += 1
                }
            }
            guard length > 0 else { continue }
            let weight = max(document.score, 0) / total
            for (term, count) in counts { model[term, default: 0] += weight * Double(count) / Double(length) }
        }
        let top = model.filter { !isTooCommon($0.key) }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key.lexicographicallyPrecedes($1.key)) }
            .prefix(feedbackTerms)
        let topMass = top.reduce(0) { $0 + $1.value }
        var weights: [[UInt8]: Double] = [:]
        for term in queryTerms { weights[term, default: 0] += originalWeight / Double(max(queryTerms.count, 1)) }
        for (term, value) in top where topMass > 0 { weights[term, default: 0] += (1 - originalWeight) * value / topMass }
        return weights.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key, $0.value) }
    }
}
