/// A condition on one keyword field of a document (event, year, language, speaker, tag for talks).
///
/// Keyword values are compared exactly, as UTF-8 bytes (SQLite's BINARY collation). A document with
/// several values in the field passes when any of them does; a document without values never passes.
public struct KeywordCondition: Hashable, Sendable {
    public enum Test: Hashable, Sendable {
        /// One of these values.
        case anyOf([String])
        /// A value v with `lower <= v <= upper` in byte order; a nil end is open. For 4-digit years and
        /// ISO dates byte order is time order.
        case between(lower: String?, upper: String?)
    }

    public var field: String
    public var test: Test

    public init(field: String, test: Test) {
        self.field = field
        self.test = test
    }

    /// Whether `value` passes the test.
    public func accepts(_ value: String) -> Bool {
        switch test {
        case .anyOf(let values):
            return values.contains { $0.utf8.elementsEqual(value.utf8) }
        case .between(let lower, let upper):
            if let lower, value.utf8.lexicographicallyPrecedes(lower.utf8) { return false }
            if let upper, upper.utf8.lexicographicallyPrecedes(value.utf8) { return false }
            return true
        }
    }
}

/// Counts of the values of one keyword field over the matching documents: the `limit` most frequent,
/// by count descending, then value ascending in byte order.
public struct FacetRequest: Hashable, Sendable {
    public var field: String
    public var limit: Int

    public init(field: String, limit: Int = 5) {
        self.field = field
        self.limit = limit
    }
}

/// The answer to a ``FacetRequest``. `distinctValues` counts every value seen among the matches, not
/// only the listed ones. A document counts once per distinct value it has.
public struct Facet: Hashable, Sendable {
    public struct Count: Hashable, Sendable {
        public var value: String
        public var count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    public var field: String
    public var counts: [Count]
    public var distinctValues: Int

    public init(field: String, counts: [Count], distinctValues: Int) {
        self.field = field
        self.counts = counts
        self.distinctValues = distinctValues
    }

    /// The `limit` first counts of `counts` in facet order (count descending, value ascending as bytes).
    public static func top(_ counts: [Count], limit: Int) -> [Count] {
        Array(counts.sorted { a, b in
            a.count != b.count ? a.count > b.count : a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }.prefix(max(0, limit)))
    }
}
