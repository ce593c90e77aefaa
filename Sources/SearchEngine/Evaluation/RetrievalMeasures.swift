import Foundation

/// The standard measures of one query's ranking, computed as trec_eval computes them.
///
/// With the run ranked by score descending, ties by document id descending, R the number of judged
/// documents with grade >= 1 and rel(i) whether the document at rank i is relevant:
///
///     P@10       = |relevant in the top 10| / 10
///     recall@100 = |relevant in the top 100| / R
///     AP (MAP)   = Σ_{i <= 1000, rel(i)} precision@i / R                     (map_cut.1000)
///     nDCG@10    = DCG@10 / IDCG@10, DCG@k = Σ_{i <= k} grade(i) / log2(i + 1),
///                  IDCG from all judged grades >= 1 sorted descending            (ndcg_cut.10)
///
/// A query with R = 0 scores 0 on every measure.
public struct RetrievalMeasures: Hashable, Sendable, Codable {
    public var ndcgAt10: Double
    public var averagePrecision: Double
    public var precisionAt10: Double
    public var recallAt100: Double

    public static let names = ["nDCG@10", "MAP", "P@10", "R@100"]

    public var values: [Double] { [ndcgAt10, averagePrecision, precisionAt10, recallAt100] }

    public static let zero = RetrievalMeasures(ndcgAt10: 0, averagePrecision: 0, precisionAt10: 0, recallAt100: 0)

    public static func evaluate(ranking: [String], grades: [String: Int]) -> RetrievalMeasures {
        let relevantCount = grades.values.filter { $0 >= 1 }.count
        guard relevantCount > 0 else { return .zero }
        var found = 0
        var precisionSum = 0.0
        var dcg = 0.0
        var inTop10 = 0, inTop100 = 0
        for (index, document) in ranking.prefix(1000).enumerated() {
            let grade = grades[document] ?? 0
            guard grade >= 1 else { continue }
            found += 1
            precisionSum += Double(found) / Double(index + 1)
            if index < 10 {
                inTop10 += 1
                dcg += Double(grade) / log2(Double(index + 2))
            }
            if index < 100 { inTop100 += 1 }
        }
        let ideal = grades.values.filter { $0 >= 1 }.sorted(by: >).prefix(10)
        var idcg = 0.0
        for (index, grade) in ideal.enumerated() { idcg += Double(grade) / log2(Double(index + 2)) }
        return RetrievalMeasures(
            ndcgAt10: idcg > 0 ? dcg / idcg : 0,
            averagePrecision: precisionSum / Double(relevantCount),
            precisionAt10: Double(inTop10) / 10,
            recallAt100: Double(inTop100) / Double(relevantCount))
    }
}

/// A run evaluated against qrels: per judged query, and the mean over all judged queries (a judged
/// query the run does not answer counts as 0, as trec_eval -c and ir_measures do).
public struct RunEvaluation: Sendable {
    public var perQuery: [(query: String, measures: RetrievalMeasures)]
    public var mean: RetrievalMeasures

    public init(run: TrecRun, qrels: Qrels) {
        let results = qrels.queryIDs.map { query in
            (query: query, measures: RetrievalMeasures.evaluate(ranking: run.ranked(query).map(\.document), grades: qrels.grades[query] ?? [:]))
        }
        perQuery = results
        let count = Double(max(results.count, 1))
        func average(_ value: (RetrievalMeasures) -> Double) -> Double { results.reduce(0) { $0 + value($1.measures) } / count }
        mean = RetrievalMeasures(ndcgAt10: average(\.ndcgAt10), averagePrecision: average(\.averagePrecision),
                                 precisionAt10: average(\.precisionAt10), recallAt100: average(\.recallAt100))
    }
}
