import Foundation
import SearchEngine
import SearchFTS5
import TalkCatalog
import Testing
import TestSupport

/// Keyword filters, facets and pages against SQLite with the same filters written in SQL beside
/// `MATCH`, over the pyvideo catalog: totals, hits, bm25 bits and facet counts must all agree.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage), .serialized)
struct FilterDifferentialTests {
    /// The most frequent value of a keyword field, and the next ones.
    static func frequent(_ field: Int, _ count: Int) throws -> [String] {
        var counts: [String: Int] = [:]
        for document in try Fixtures.pyvideoDocuments.get() {
            for value in Set(document.keywords[field]) { counts[value, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }

    static func filterSets() throws -> [[KeywordCondition]] {
        let events = try frequent(0, 3), speakers = try frequent(3, 2), tags = try frequent(4, 2)
        return [
            [KeywordCondition(field: "event", test: .anyOf(events))],
            [KeywordCondition(field: "year", test: .between(lower: "2015", upper: "2017"))],
            [KeywordCondition(field: "year", test: .between(lower: "2019", upper: nil)),
             KeywordCondition(field: "language", test: .anyOf(["eng"]))],
            [KeywordCondition(field: "language", test: .anyOf(["spa", "por"]))],
            [KeywordCondition(field: "speaker", test: .anyOf(speakers))],
            [KeywordCondition(field: "tag", test: .anyOf(tags)), KeywordCondition(field: "year", test: .between(lower: nil, upper: "2018"))],
            [KeywordCondition(field: "event", test: .anyOf(["no such event"]))],
        ]
    }

    @Test func publicQueriesWithFilters() throws {
        let pair = try Fixtures.pyvideo("porter")
        let reference = try pair.fts5()
        let queries = try Fixtures.publicQueries()
        for filters in try Self.filterSets() {
            var options = SearchOptions(limit: 10)
            options.filters = filters
            for (id, query) in queries {
                if let difference = pair.difference(query, options: options, reference: reference) {
                    Issue.record("\(id) \(query) filters \(filters): \(difference)")
                }
            }
        }
    }

    /// Facets on every field, with and without a filter, and the second page of hits, on every fourth
    /// public query.
    @Test func facetsAndPages() throws {
        let pair = try Fixtures.pyvideo("porter")
        let reference = try pair.fts5()
        let queries = try Fixtures.publicQueries().enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        for filters in [[], try Self.filterSets()[2]] {
            var options = SearchOptions(limit: 10)
            options.offset = 10
            options.filters = filters
            options.facets = Talk.keywordFields.map { FacetRequest(field: $0, limit: 5) }
            var faceted = 0
            for (id, query) in queries {
                if let difference = pair.difference(query, options: options, reference: reference) {
                    Issue.record("\(id) \(query) filters \(filters): \(difference)")
                }
                if let results = try? pair.engine.search(query, options: options), results.facets.contains(where: { !$0.counts.isEmpty }) {
                    faceted += 1
                }
            }
            #expect(faceted > 50, "most queries should have facet values to compare")
        }
    }

    @Test func unknownFieldsAreTheSameErrorInBoth() throws {
        let pair = try Fixtures.pyvideo("porter")
        let reference = try pair.fts5()
        var options = SearchOptions(limit: 10)
        options.filters = [KeywordCondition(field: "venue", test: .anyOf(["x"]))]
        #expect(pair.difference("python", options: options, reference: reference) == nil)
        #expect(throws: SearchError.invalidFilter("no keyword field \"venue\" (the index has: event, year, language, speaker, tag)")) {
            try pair.engine.search("python", options: options)
        }
        options.filters = []
        options.facets = [FacetRequest(field: "venue")]
        #expect(pair.difference("python", options: options, reference: reference) == nil)
    }
}
