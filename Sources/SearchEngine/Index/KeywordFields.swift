/// The keyword fields of every document: exact values for filters and facets, never tokenized or
/// ranked (event, year, language, speaker, tag for talks).
///
/// Per field: its distinct values in byte order, and for document ordinal d its value ids
/// `valueIDs[starts[d - 1] ..< starts[d]]` (ascending, distinct). Invariants: `starts.count == N + 1`,
/// `starts[0] == 0`, non-decreasing, `starts[N] == valueIDs.count`; every id < `values.count`.
public struct KeywordFields: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var values: [String]
        var starts: [UInt32]
        var valueIDs: [UInt32]

        /// The value ids of document `ordinal`.
        @inline(__always)
        func ids(of ordinal: Int32) -> ArraySlice<UInt32> {
            valueIDs[Int(starts[Int(ordinal) - 1])..<Int(starts[Int(ordinal)])]
        }

        /// The values of document `ordinal`.
        public func values(of ordinal: Int32) -> [String] { ids(of: ordinal).map { values[Int($0)] } }
    }

    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// No fields, for `documentCount` documents.
    static let none = KeywordFields(fields: [])

    public var names: [String] { fields.map(\.name) }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Builds the fields from each document's values (`documents[i][f]` = the values of field f of
    /// ordinal i + 1; missing trailing fields are empty). Duplicate values of a document count once.
    /// Values are told apart by their UTF-8 bytes, as SQLite does: Swift's `String` equality would merge
    /// the NFC and NFD spellings of a name ("José"), which are two values to FTS5.
    static func build(names: [String], documents: [[[String]]]) -> KeywordFields {
        KeywordFields(fields: names.indices.map { field in
            // Values numbered as first seen (hashing their bytes in place), then renumbered in byte order.
            var seen = ByteStrings()
            var starts: [UInt32] = [0], ids: [UInt32] = []
            for document in documents {
                if field < document.count {
                    for value in document[field] {
                        var value = value
                        ids.append(UInt32(value.withUTF8 { seen.intern($0).id }))
                    }
                }
                starts.append(UInt32(ids.count))
            }
            let (values, rank) = Self.inByteOrder(seen)
            var valueIDs: [UInt32] = []
            valueIDs.reserveCapacity(ids.count)
            var documentStarts: [UInt32] = [0]
            documentStarts.reserveCapacity(starts.count)
            for document in 1..<starts.count {
                let first = valueIDs.count
                valueIDs += ids[Int(starts[document - 1])..<Int(starts[document])].lazy.map { rank[Int($0)] }
                if valueIDs.count - first > 1 {
                    valueIDs[first...].sort()
                    var kept = first + 1
                    for index in first + 1..<valueIDs.count where valueIDs[index] != valueIDs[kept - 1] {
                        valueIDs[kept] = valueIDs[index]
                        kept += 1
                    }
                    valueIDs.removeLast(valueIDs.count - kept)
                }
                documentStarts.append(UInt32(valueIDs.count))
            }
            return Field(name: names[field], values: values, starts: documentStarts, valueIDs: valueIDs)
        })
    }

    /// The strings of `seen` in byte order, and the place of each id among them.
    private static func inByteOrder(_ seen: ByteStrings) -> (values: [String], rank: [UInt32]) {
        var values: [String] = [], rank = [UInt32](repeating: 0, count: seen.count)
        ByteStrings.union([seen]) { value, holders in
            rank[holders[0].id] = UInt32(values.count)
            values.append(String(decoding: value, as: UTF8.self))
        }
        return (values, rank)
    }
}

extension KeywordFields {
    /// The fields of several indexes (segments) over their concatenated ordinals, the documents that
    /// `isDropped(segment, local ordinal)` with no values. Every part must have the same field names.
    static func concatenate(_ parts: [KeywordFields], isDropped: (Int, Int32) -> Bool) -> KeywordFields {
        guard let first = parts.first else { return .none }
        return KeywordFields(fields: first.fields.indices.map { field in
            // Each part's values numbered in one table (the same bytes, one id), then ranked.
            var seen = ByteStrings()
            let seenIDs: [[Int]] = parts.map { part in
                field < part.fields.count ? part.fields[field].values.map { value in
                    var value = value
                    return value.withUTF8 { seen.intern($0).id }
                } : []
            }
            let (values, rank) = Self.inByteOrder(seen)
            var starts: [UInt32] = [0], ids: [UInt32] = []
            for (slot, part) in parts.enumerated() {
                guard field < part.fields.count else { continue }
                let source = part.fields[field]
                let remap = seenIDs[slot].map { rank[$0] }
                for local in 1..<Int32(source.starts.count) {
                    if !isDropped(slot, local) { ids += source.ids(of: local).map { remap[Int($0)] }.sorted() }
                    starts.append(UInt32(ids.count))
                }
            }
            return Field(name: first.fields[field].name, values: values, starts: starts, valueIDs: ids)
        })
    }
}

/// Filters and facets evaluated over keyword fields.
struct KeywordEvaluator {
    /// Per condition: the field, and which of its value ids pass.
    private let tests: [(field: KeywordFields.Field, passes: [Bool])]

    /// Compiles `conditions` against `fields`; an unknown field is an error naming the known ones.
    init(conditions: [KeywordCondition], fields: KeywordFields) throws(SearchError) {
        var tests: [(KeywordFields.Field, [Bool])] = []
        for condition in conditions {
            guard let field = fields.field(named: condition.field) else {
                throw .unknownKeywordField(condition.field, known: fields.names)
            }
            tests.append((field, field.values.map(condition.accepts)))
        }
        self.tests = tests
    }

    var isEmpty: Bool { tests.isEmpty }

    /// Whether document `ordinal` passes every condition.
    func passes(_ ordinal: Int32) -> Bool {
        tests.allSatisfy { test in test.field.ids(of: ordinal).contains { test.passes[Int($0)] } }
    }

    /// The facets of `requests` over `ordinals` (fields unknown to `fields` are left out).
    static func facets(_ requests: [FacetRequest], ordinals: [Int32], fields: KeywordFields) -> [Facet] {
        var facets: [Facet] = []
        for request in requests {
            guard let field = fields.field(named: request.field) else { continue }
            var counts = [Int](repeating: 0, count: field.values.count)
            for ordinal in ordinals {
                for id in field.ids(of: ordinal) { counts[Int(id)] += 1 }
            }
            let seen = counts.indices.filter { counts[$0] > 0 }.map { Facet.Count(value: field.values[$0], count: counts[$0]) }
            facets.append(Facet(field: request.field, counts: Facet.top(seen, limit: request.limit), distinctValues: seen.count))
        }
        return facets
    }
}
