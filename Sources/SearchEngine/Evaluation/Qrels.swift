/// Relevance judgments in TREC qrels format: `QUERYID ITERATION DOCID RELEVANCE` per line.
///
/// A document is relevant when its grade is 1 or more (trec_eval's convention); the grade is also the
/// gain for nDCG. Judged queries are those with at least one line.
public struct Qrels: Sendable {
    /// grades[query][document]
    public var grades: [String: [String: Int]]

    public init(grades: [String: [String: Int]]) { self.grades = grades }

    public var queryIDs: [String] { grades.keys.sorted(by: Self.naturalOrder) }

    /// Parses qrels text; errors name `file:line`.
    public static func parse(_ text: String, file: String) throws(EvaluationError) -> Qrels {
        var grades: [String: [String: Int]] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 4, let grade = Int(fields[3]) else {
                throw EvaluationError("\(file):\(index + 1): expected QUERYID ITERATION DOCID RELEVANCE, got \"\(line)\"")
            }
            let query = String(fields[0]), document = String(fields[2])
            if grades[query]?[document] != nil {
                throw EvaluationError("\(file):\(index + 1): duplicate judgment for query \(query), document \(document)")
            }
            grades[query, default: [:]][document] = grade
        }
        return Qrels(grades: grades)
    }

    /// Numeric ids in numeric order, others after them in text order.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a < b
        }
    }
}

/// A problem with an evaluation input.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
