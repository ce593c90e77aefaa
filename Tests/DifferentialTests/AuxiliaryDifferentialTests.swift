import Foundation
import SearchEngine
import SearchFTS5
import Testing
import TestSupport

/// The engine's highlight() and snippet() against SQLite's, row by row.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
struct AuxiliaryDifferentialTests {
    /// `highlight-snippet.jsonl`: the measured calls on their six-row table.
    @Test func sharedVectors() throws {
        let table = try #require(try JSONFixtures.object(SharedData.vectors("highlight-snippet-table.json")) as? [String: Any])
        let rows = try #require(table["rows"] as? [[Any]])
        let documents = rows.map { IndexedDocument(id: "\($0[0])", columns: $0.dropFirst().map { $0 as? String ?? "" }) }
        let engine = try EngineBackend(documents: documents, schema: ColumnSchema(names: ["title", "body"]),
                                       tokenizer: TokenizerConfiguration(removeDiacritics: 1))
        var checked = 0
        for vector in try JSONFixtures.lines(SharedData.vectors("highlight-snippet.jsonl")) {
            let query = try #require(vector["query"] as? String)
            let expression = try #require(vector["expr"] as? String)
            // highlight() of column -1 returned the rowid in 3.40 (a quirk the reference says not to rely on).
            guard let call = AuxiliaryCall(expression), call.isSnippet || call.column >= 0 else { continue }
            let results = try #require(vector["results"] as? [[Any]])
            let instances = try engine.instances(query, ordinals: Set(results.map { Int64($0[0] as? Int ?? 0) }))
            for result in results {
                let ordinal = Int64(result[0] as? Int ?? 0)
                let expected = result[1] as? String
                let actual = try call.evaluate(engine, ordinal: ordinal, instances: try #require(instances[ordinal]))
                #expect(actual == expected, "\(query) \(expression) row \(ordinal)")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    /// Generated queries over the pyvideo catalog: highlight of every column and snippets of several
    /// sizes, on up to 25 matching talks per query.
    @Test func randomQueriesOnPyvideo() throws {
        let pair = try Fixtures.pyvideo("unicode61")
        let connection = try SQLiteConnection(path: pair.databasePath, mode: .readOnly)
        let words = Fixtures.pyvideoWords
        var generator = QueryGenerator(seed: 4242, common: words.common, rare: words.rare, columns: ["title", "speakers", "description"])
        let calls = ["highlight(talks, 0, '[', ']')", "highlight(talks, 2, '<b>', '</b>')", "snippet(talks, -1, '[', ']', '...', 10)",
                     "snippet(talks, 2, '[', ']', '…', 5)", "snippet(talks, 1, '(', ')', '..', 1)", "snippet(talks, -1, '', '', '~', 24)"]
        var compared = 0
        for number in 0..<150 {
            let query = generator.valid()
            let statement = try connection.prepare("SELECT rowid, \(calls.joined(separator: ", ")) FROM talks WHERE talks MATCH ? ORDER BY rowid LIMIT 25")
            try statement.bind(1, query)
            var rows: [(Int64, [String?])] = []
            do {
                while try statement.step() { rows.append((statement.int64(0), (1...calls.count).map { statement.string(Int32($0)) })) }
            } catch { continue }
            let instances = try pair.engine.instances(query, ordinals: Set(rows.map(\.0)))
            for (rowid, expected) in rows {
                let rowInstances = try #require(instances[rowid], "query #\(number) \(query) row \(rowid) not matched by the engine")
                for (index, call) in calls.enumerated() {
                    let actual = try AuxiliaryCall(call)!.evaluate(pair.engine, ordinal: rowid, instances: rowInstances)
                    if actual != expected[index] {
                        Issue.record("seed 4242 query #\(number) \(query.debugDescription) row \(rowid) \(call):\n  fts5:   \(expected[index] ?? "nil")\n  engine: \(actual ?? "nil")")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 1000)
    }
}

/// A `highlight(t, c, o, c)` or `snippet(t, c, o, c, e, n)` call, parsed from its SQL text.
struct AuxiliaryCall {
    var isSnippet: Bool
    var column: Int
    var open: String, close: String, ellipsis: String
    var tokens: Int

    init?(_ expression: String) {
        guard let parenthesis = expression.firstIndex(of: "(") else { return nil }
        let name = expression[..<parenthesis]
        var arguments: [String] = []
        var current = "", inString = false, quoted = false
        var index = expression.index(after: parenthesis)
        while index < expression.endIndex {
            let character = expression[index]
            if inString {
                if character == "'" {
                    let next = expression.index(after: index)
                    if next < expression.endIndex, expression[next] == "'" { current.append("'"); index = next } else { inString = false }
                } else { current.append(character) }
            } else if character == "'" {
                inString = true
                quoted = true
                current = ""
            } else if character == "," || character == ")" {
                let argument = quoted ? current : current.trimmingCharacters(in: .whitespaces)
                arguments.append(!quoted && argument == "NULL" ? "" : argument)
                current = ""
                quoted = false
                if character == ")" { break }
            } else if quoted == false { current.append(character) }
            index = expression.index(after: index)
        }
        guard name == "highlight" || name == "snippet" else { return nil }
        isSnippet = name == "snippet"
        guard arguments.count == (isSnippet ? 6 : 4), let column = Int(arguments[1]) else { return nil }
        self.column = column
        open = arguments[2]
        close = arguments[3]
        ellipsis = isSnippet ? arguments[4] : ""
        tokens = isSnippet ? Int(arguments[5]) ?? 0 : 0
    }

    func evaluate(_ engine: EngineBackend, ordinal: Int64, instances: PhraseInstances) throws -> String? {
        let index = engine.index
        let columns = index.schema.count
        guard column < columns else { return nil }
        let texts = try (0..<columns).map { try index.text(Int32(ordinal), column: $0) }
        let analyzer = try Analyzer(index.tokenizer)
        if isSnippet {
            let sizes = (0..<columns).map { index.columnSize(Int32(ordinal), column: $0) }
            return FTS5Auxiliary.snippet(texts: texts, columnSizes: sizes, column: column, instances: instances, analyzer: analyzer,
                                         open: open, close: close, ellipsis: ellipsis, tokens: tokens)
        }
        return FTS5Auxiliary.highlight(texts[column], column: column, instances: instances, analyzer: analyzer, open: open, close: close)
    }
}
