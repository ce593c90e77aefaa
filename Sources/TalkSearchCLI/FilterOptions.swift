import ArgumentParser
import Foundation
import SearchEngine
import TalkCatalog

/// Keyword filters and facets; shared by `search` and `compare`. Filters choose which matches are
/// returned and never change scores (FTS5's statistics stay the whole catalog's).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only talks of this event, as written (repeatable: any of them).", valueName: "name"))
    var event: [String] = []

    @Option(help: ArgumentHelp("Only talks recorded in this year or range: 2019, 2018..2020, 2018.. or ..2020.", valueName: "years"))
    var year: YearRange?

    @Option(help: ArgumentHelp("Only talks in this language, an ISO 639-3 code such as eng (repeatable).", valueName: "code"))
    var language: [String] = []

    @Option(help: ArgumentHelp("Only talks by this speaker, name as written (repeatable).", valueName: "name"))
    var speaker: [String] = []

    @Option(help: ArgumentHelp("Only talks with this tag (repeatable).", valueName: "tag"))
    var tag: [String] = []

    @Option(help: ArgumentHelp("Count the values of these fields over the matches: any of \(Talk.keywordFields.joined(separator: ",")).", valueName: "fields"))
    var facets: FacetFields?

    @Option(help: "Values shown per facet.")
    var facetLimit: Int = 5

    func validate() throws {
        if facetLimit < 1 { throw ValidationError("--facet-limit must be at least 1") }
    }

    /// The filters, in field order.
    var conditions: [KeywordCondition] {
        Self.conditions(anyOf: ["event": event, "language": language, "speaker": speaker, "tag": tag], year: year)
    }

    /// The filters for the given values (each field: any of its values) and year range, in the order of
    /// ``Talk/keywordFields``; shared by the command line and the web API.
    static func conditions(anyOf values: [String: [String]], year: YearRange?) -> [KeywordCondition] {
        Talk.keywordFields.compactMap { field in
            if field == "year" { return year.map { KeywordCondition(field: field, test: $0.test) } }
            guard let chosen = values[field], !chosen.isEmpty else { return nil }
            return KeywordCondition(field: field, test: .anyOf(chosen))
        }
    }

    var facetRequests: [FacetRequest] {
        (facets?.fields ?? []).map { FacetRequest(field: $0, limit: facetLimit) }
    }

    /// Adds the filters and facets to `options`.
    func apply(to options: inout SearchOptions) {
        options.filters = conditions
        options.facets = facetRequests
    }
}

/// `2019`, `2018..2020`, `2018..`, `..2020`: four-digit years, inclusive.
struct YearRange: ExpressibleByArgument {
    var lower: String?
    var upper: String?

    init?(argument: String) {
        func year(_ text: Substring) -> String?? {
            if text.isEmpty { return .some(nil) }
            guard text.count == 4, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
            return .some(String(text))
        }
        if let dots = argument.range(of: "..") {
            guard let lower = year(argument[..<dots.lowerBound]), let upper = year(argument[dots.upperBound...]),
                  lower != nil || upper != nil else { return nil }
            if let lower, let upper, upper < lower { return nil }
            self.lower = lower
            self.upper = upper
        } else {
            guard let single = year(argument[...]), let single else { return nil }
            lower = single
            upper = single
        }
    }

    var test: KeywordCondition.Test {
        lower != nil && lower == upper ? .anyOf([lower!]) : .between(lower: lower, upper: upper)
    }
}

/// A comma-separated list of keyword field names.
struct FacetFields: ExpressibleByArgument {
    var fields: [String]

    init?(argument: String) {
        let fields = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !fields.isEmpty, fields.allSatisfy({ Talk.keywordFields.contains($0) }) else { return nil }
        self.fields = fields
    }
}
