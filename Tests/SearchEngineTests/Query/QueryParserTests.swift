import Testing
@testable import SearchEngine

@Suite struct QueryParserTests {
    let schema = ColumnSchema(names: ["title", "speakers", "description"])
    let analyzer = try! Analyzer(.unicode61)

    func parse(_ query: String) throws(SearchError) -> ParsedQuery {
        try QueryParser.parse(query, schema: schema, analyzer: analyzer)
    }

    func phraseTexts(_ query: String) throws -> [String] { try parse(query).phrases.map(\.text) }

    @Test func precedenceIsOrAndNotImplicitAnd() throws {
        let parsed = try parse("a b OR c NOT d")
        guard case .or(let children) = parsed.root, children.count == 2,
              case .and(let left) = children[0], left.count == 2,
              case .not = children[1] else {
            Issue.record("unexpected tree \(parsed.root)")
            return
        }
        #expect(try phraseTexts("a b OR c NOT d") == ["\"a\"", "\"b\"", "\"c\"", "\"d\""])
    }

    @Test func orAndAndChainsAreFlattened() throws {
        guard case .or(let children) = try parse("a OR b OR c").root else { Issue.record("not an OR"); return }
        #expect(children.count == 3)
        guard case .and(let terms) = try parse("a b AND c").root else { Issue.record("not an AND"); return }
        #expect(terms.count == 3)
    }

    @Test func phrasesPrefixesCaretsAndJoins() throws {
        #expect(try phraseTexts("\"deep lea\"* learn * ^Poincaré deep+learning \"c++\"") ==
                ["\"deep lea*\"", "\"learn*\"", "^\"poincare\"", "\"deep learning\"", "\"c\""])
    }

    @Test func nearGroupsCarryTheirDistance() throws {
        guard case .leaf(let group) = try parse("NEAR(a \"b c\", 3)").root else { Issue.record("not a leaf"); return }
        #expect(group.distance == 3 && group.phrases == [0, 1])
        guard case .leaf(let fallback) = try parse("NEAR(a b)").root else { Issue.record("not a leaf"); return }
        #expect(fallback.distance == 10)
    }

    @Test func columnFiltersNestByIntersection() throws {
        guard case .leaf(let minus) = try parse("-{title}:x").root else { Issue.record("not a leaf"); return }
        #expect(minus.columns == [1, 2])
        guard case .leaf(let nested) = try parse("{title speakers}:(speakers:x)").root else { Issue.record("not a leaf"); return }
        #expect(nested.columns == [1] && !nested.isEmpty)
        guard case .leaf(let disjoint) = try parse("title:(speakers:x)").root else { Issue.record("not a leaf"); return }
        #expect(disjoint.columns == [] && disjoint.isEmpty)
    }

    @Test func emptyPhrasesLeaveImplicitAndsAndNearGroups() throws {
        #expect(try phraseTexts("quick \"\"") == ["\"quick\""])
        #expect(try phraseTexts("\"\" quick") == ["\"quick\""])
        #expect(try phraseTexts("NEAR(\"\" quick fox)") == ["\"quick\"", "\"fox\""])
        #expect(try phraseTexts("\"\" OR quick") == ["\"\"", "\"quick\""])
    }

    /// Messages are FTS5's; the position is the UTF-8 offset of the offending token.
    @Test(arguments: [
        ("", #"fts5: syntax error near """#, 0),
        ("deep OR", #"fts5: syntax error near """#, 7),
        ("NOT deep", #"fts5: syntax error near "NOT""#, 0),
        ("deep (learning OR python)", #"fts5: syntax error near "OR""#, 15),
        ("deep (learning)", #"fts5: syntax error near "deep""#, 0),
        ("(deep) (learning)", #"fts5: syntax error near "(""#, 7),
        ("a . b", #"fts5: syntax error near ".""#, 2),
        ("\"open", "unterminated string", 0),
        ("nosuch:deep", "no such column: nosuch", 0),
        ("e-mail", "no such column: mail", 2),
        ("-mail .", #"fts5: syntax error near ".""#, 6),
        ("{title nosuch}:x", "no such column: nosuch", 7),
        ("near(a b)", #"fts5: syntax error near "near""#, 0),
        ("NEAR(a b, x)", #"expected integer, got "x""#, 10),
        ("NEAR(a b, -1)", #"fts5: syntax error near "-""#, 10),
        ("NEAR()", #"fts5: syntax error near ")""#, 5),
        ("deep**", #"fts5: syntax error near "*""#, 5),
        ("c++", #"fts5: syntax error near "+""#, 2),
        ("*deep", "unknown special query: deep", 0),
    ])
    func rejections(query: String, message: String, position: Int) {
        #expect(throws: SearchError.invalidQuery(message: message, position: position)) { try parse(query) }
    }

    @Test func theQueryEndsAtANulByte() throws {
        #expect(try phraseTexts("deep\u{0}OR") == ["\"deep\""])
    }
}
