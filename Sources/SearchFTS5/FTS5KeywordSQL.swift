import SearchEngine

/// Keyword filters as SQL beside FTS5's `MATCH`: each condition is
/// `AND rowid IN (SELECT doc FROM keywords WHERE field = ? AND value IN (?, ...))`, or with
/// `value >= ? AND value <= ?` for a range. SQLite compares TEXT with the BINARY collation (memcmp of
/// UTF-8), the engine's byte order. Filters select rows only; bm25's N, avgdl and document
/// frequencies are the whole table's whatever the WHERE clause says.
struct FTS5KeywordSQL {
    let filters: [KeywordCondition]

    /// Checks filter and facet fields against the index's keyword fields, with the engine's message.
    init(filters: [KeywordCondition], facets: [FacetRequest], fields: [String]) throws(SearchError) {
        for filter in filters where !fields.contains(filter.field) {
            throw .unknownKeywordField(filter.field, known: fields)
        }
        for facet in facets where !fields.contains(facet.field) {
            throw .unknownKeywordField(facet.field, known: fields, counting: true)
        }
        self.filters = filters
    }

    var isEmpty: Bool { filters.isEmpty }

    /// The conditions on `rowid`, each starting with " AND ". Pass `+rowid`: the unary plus keeps
    /// SQLite from handing the rowid list to FTS5, which would run the whole MATCH once per listed rowid
    /// (0.88 s instead of 7 ms for `python` in the 2015-2017 talks of pyvideo, measured).
    func conditionSQL(rowid: String) -> String {
        filters.map { filter in
            let test = switch filter.test {
            case .anyOf(let values): "value IN (" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
            case .between(let lower, let upper):
                ([lower.map { _ in "value >= ?" }, upper.map { _ in "value <= ?" }].compactMap { $0 } + ["1"]).joined(separator: " AND ")
            }
            return " AND \(rowid) IN (SELECT doc FROM keywords WHERE field = ? AND \(test))"
        }.joined()
    }

    /// Binds the filters' parameters in `conditionSQL` order from parameter `first`; returns the next index.
    @discardableResult
    func bindFilters(_ statement: SQLiteStatement, from first: Int32) throws(SQLiteError) -> Int32 {
        var index = first
        for filter in filters {
            try statement.bind(index, filter.field)
            index += 1
            let values: [String] = switch filter.test {
            case .anyOf(let values): values
            case .between(let lower, let upper): [lower, upper].compactMap { $0 }
            }
            for value in values {
                try statement.bind(index, value)
                index += 1
            }
        }
        return index
    }
}
