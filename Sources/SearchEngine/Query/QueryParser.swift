/// Parses FTS5 MATCH syntax into a ``ParsedQuery``, accepting and rejecting exactly what SQLite 3.40's
/// FTS5 does, with the same messages.
///
/// Grammar (precedence OR < AND < NOT < implicit AND, all left-associative):
///
///     query    := expr END
///     expr     := expr (OR | AND | NOT) expr | "(" expr ")" | colset ":" "(" expr ")" | exprlist
///     exprlist := cnearset+                                    (implicit AND)
///     cnearset := [colset ":"] nearset
///     nearset  := phrase | "^" phrase | STRING "(" phrase+ ["," STRING] ")"    (STRING must be NEAR)
///     phrase   := STRING ["*"] ("+" STRING ["*"])*
///     colset   := ["-"] STRING | ["-"] "{" STRING+ "}"
///
/// FTS5's parser is a Lemon LALR(1) automaton that stops at the first error, and checks a construct
/// (a column name, the NEAR keyword, the NEAR distance) when it reduces it, which happens once the
/// token after the construct has been read, whether or not that token fits. This parser reads one
/// token ahead and makes each check at that same moment, so that the first error is the same one.
public struct QueryParser {
    public static let defaultNearDistance = 10
    /// FTS5_MAX_TOKEN_SIZE: longer query and document tokens are cut to this many bytes.
    public static let maximumTokenBytes = 32768
    /// SQLITE_FTS5_MAX_EXPR_DEPTH.
    public static let maximumDepth = 256
    /// Nesting of parentheses beyond which the parser reports a stack overflow (Lemon's default stack of
    /// 100 entries; FTS5 overflows at a slightly different depth, see docs).
    static let maximumNesting = 96

    private var lexer: QueryLexer
    private var lookahead: QueryToken?
    private let schema: ColumnSchema
    private let analyzer: Analyzer
    private var phrasesByID: [QueryPhrase] = []
    /// FTS5's phrase array (`pParse->apPhrase`) as phrase ids, in query order.
    private var phraseOrder: [Int] = []
    private var nesting = 0

    /// A node under construction: leaves refer to phrases by id until the phrase order is final.
    private indirect enum Node {
        case leaf(NearGroup)
        case and([Node])
        case or([Node])
        case not(Node, Node)

        var height: Int {
            switch self {
            case .leaf: 0
            case .and(let children), .or(let children): 1 + children.map(\.height).max()!
            case .not(let left, let right): 1 + max(left.height, right.height)
            }
        }
    }

    public static func parse(_ query: String, schema: ColumnSchema, analyzer: Analyzer) throws(SearchError) -> ParsedQuery {
        var parser = QueryParser(lexer: QueryLexer(query), schema: schema, analyzer: analyzer)
        try parser.checkSpecialQuery()
        let root = try parser.parseExpression(minimumPrecedence: 0)
        let end = try parser.take()
        guard end.kind == .end else { throw parser.syntaxError(at: end) }
        return parser.finish(root)
    }

    private init(lexer: QueryLexer, schema: ColumnSchema, analyzer: Analyzer) {
        self.lexer = lexer
        self.schema = schema
        self.analyzer = analyzer
    }

    // MARK: Tokens

    private mutating func peek() throws(SearchError) -> QueryToken {
        if let lookahead { return lookahead }
        let token = try lexer.next()
        lookahead = token
        return token
    }

    private mutating func take() throws(SearchError) -> QueryToken {
        let token = try peek()
        lookahead = nil
        return token
    }

    private func syntaxError(at token: QueryToken) -> SearchError {
        .invalidQuery(message: "fts5: syntax error near \"\(token.kind == .end ? "" : lexer.text(token))\"", position: token.range.lowerBound)
    }

    private mutating func expect(_ kind: QueryTokenKind) throws(SearchError) -> QueryToken {
        let token = try take()
        guard token.kind == kind else { throw syntaxError(at: token) }
        return token
    }

    /// A query starting with `*` is one of FTS5's special queries, never a search.
    private func checkSpecialQuery() throws(SearchError) {
        try SpecialQuery.check(String(decoding: lexer.bytes, as: UTF8.self))
    }

    // MARK: Expressions

    private static func precedence(_ kind: QueryTokenKind) -> Int? {
        switch kind {
        case .or: 1
        case .and: 2
        case .not: 3
        default: nil
        }
    }

    private mutating func parseExpression(minimumPrecedence: Int) throws(SearchError) -> Node {
        var left = try parsePrimary()
        while let precedence = Self.precedence(try peek().kind), precedence >= minimumPrecedence {
            let operatorToken = try take()
            let right = try parseExpression(minimumPrecedence: precedence + 1)
            left = try combine(operatorToken.kind, left, right, at: operatorToken)
        }
        return left
    }

    private mutating func combine(_ kind: QueryTokenKind, _ left: Node, _ right: Node, at token: QueryToken) throws(SearchError) -> Node {
        let node: Node
        switch kind {
        case .and:
            node = .and(Self.flatten(left, asAnd: true) + Self.flatten(right, asAnd: true))
        case .or:
            node = .or(Self.flatten(left, asAnd: false) + Self.flatten(right, asAnd: false))
        default:
            node = .not(left, right)
        }
        if node.height > Self.maximumDepth {
            throw .invalidQuery(message: "fts5 expression tree is too large (maximum depth \(Self.maximumDepth))", position: token.range.lowerBound)
        }
        return node
    }

    private static func flatten(_ node: Node, asAnd: Bool) -> [Node] {
        switch node {
        case .and(let children) where asAnd: children
        case .or(let children) where !asAnd: children
        default: [node]
        }
    }

    private mutating func parsePrimary() throws(SearchError) -> Node {
        let token = try peek()
        switch token.kind {
        case .leftParen:
            _ = try take()
            nesting += 1
            if nesting > Self.maximumNesting { throw .invalidQuery(message: "fts5: parser stack overflow", position: token.range.lowerBound) }
            let inner = try parseExpression(minimumPrecedence: 0)
            _ = try expect(.rightParen)
            nesting -= 1
            return inner
        case .string, .minus, .leftBrace, .caret:
            return try parseExpressionList()
        default:
            throw syntaxError(at: try take())
        }
    }

    /// `exprlist`, or `colset ":" "(" expr ")"` when a column filter is followed by a parenthesis.
    private mutating func parseExpressionList() throws(SearchError) -> Node {
        var list: Node
        switch try parseCnearset(allowParenthesizedExpression: true) {
        case .expression(let node): return node
        case .leaf(let leaf): list = .leaf(leaf)
        }
        while [.string, .minus, .leftBrace, .caret].contains(try peek().kind) {
            guard case .leaf(let right) = try parseCnearset(allowParenthesizedExpression: false) else { break }
            list = implicitAnd(list, right)
        }
        return list
    }

    private enum Cnearset {
        case leaf(NearGroup)
        case expression(Node)
    }

    private mutating func parseCnearset(allowParenthesizedExpression: Bool) throws(SearchError) -> Cnearset {
        let first = try take()
        var columns: [Int]
        switch first.kind {
        case .string:
            let next = try peek()
            if next.kind != .colon { return .leaf(try parseNearset(startingWith: first, caret: false)) }
            columns = try resolveColumns([first])
        case .minus:
            let next = try take()
            switch next.kind {
            case .string:
                _ = try peek()
                columns = invert(try resolveColumns([next]))
            case .leftBrace:
                columns = invert(try parseColumnList())
            default:
                throw syntaxError(at: next)
            }
        case .leftBrace:
            columns = try parseColumnList()
        case .caret:
            let phraseStart = try take()
            guard phraseStart.kind == .string else { throw syntaxError(at: phraseStart) }
            return .leaf(try parseNearset(startingWith: phraseStart, caret: true))
        default:
            throw syntaxError(at: first)
        }
        _ = try expect(.colon)
        let next = try take()
        switch next.kind {
        case .leftParen where allowParenthesizedExpression:
            nesting += 1
            if nesting > Self.maximumNesting { throw .invalidQuery(message: "fts5: parser stack overflow", position: next.range.lowerBound) }
            var inner = try parseExpression(minimumPrecedence: 0)
            _ = try expect(.rightParen)
            nesting -= 1
            Self.applyColumns(columns, to: &inner)
            return .expression(inner)
        case .string:
            var leaf = try parseNearset(startingWith: next, caret: false)
            Self.applyColumns(columns, to: &leaf)
            return .leaf(leaf)
        case .caret:
            let phraseStart = try take()
            guard phraseStart.kind == .string else { throw syntaxError(at: phraseStart) }
            var leaf = try parseNearset(startingWith: phraseStart, caret: true)
            Self.applyColumns(columns, to: &leaf)
            return .leaf(leaf)
        default:
            throw syntaxError(at: next)
        }
    }

    /// `{ a b ... }` after its `{`; each name is checked once the token after it has been read.
    private mutating func parseColumnList() throws(SearchError) -> [Int] {
        var columns: [Int] = []
        let first = try take()
        guard first.kind == .string else { throw syntaxError(at: first) }
        var pending = first
        while true {
            let next = try peek()
            columns = Self.union(columns, try resolveColumns([pending]))
            _ = try take()
            switch next.kind {
            case .string: pending = next
            case .rightBrace: return columns
            default: throw syntaxError(at: next)
            }
        }
    }

    private func resolveColumns(_ names: [QueryToken]) throws(SearchError) -> [Int] {
        var columns: [Int] = []
        for token in names {
            let name = Self.dequote(lexer.bytes[token.range])
            guard let column = schema.index(of: name) else {
                throw .invalidQuery(message: "no such column: \(name)", position: token.range.lowerBound)
            }
            columns = Self.union(columns, [column])
        }
        return columns
    }

    private func invert(_ columns: [Int]) -> [Int] {
        (0..<schema.count).filter { !columns.contains($0) }
    }

    private static func union(_ a: [Int], _ b: [Int]) -> [Int] { Array(Set(a).union(b)).sorted() }

    /// Column filters nest by intersection; a leaf whose filters exclude each other never matches.
    private static func applyColumns(_ columns: [Int], to node: inout Node) {
        switch node {
        case .leaf(var leaf):
            applyColumns(columns, to: &leaf)
            node = .leaf(leaf)
        case .and(var children):
            for index in children.indices { applyColumns(columns, to: &children[index]) }
            node = .and(children)
        case .or(var children):
            for index in children.indices { applyColumns(columns, to: &children[index]) }
            node = .or(children)
        case .not(var left, var right):
            applyColumns(columns, to: &left)
            applyColumns(columns, to: &right)
            node = .not(left, right)
        }
    }

    private static func applyColumns(_ columns: [Int], to leaf: inout NearGroup) {
        if let existing = leaf.columns {
            let merged = existing.filter(columns.contains)
            leaf.columns = merged
            if merged.isEmpty { leaf.isEmpty = true }
        } else {
            leaf.columns = columns
        }
    }

    // MARK: Phrases and NEAR

    /// A nearset whose first STRING has been taken: a NEAR group when `(` follows, else a phrase.
    private mutating func parseNearset(startingWith first: QueryToken, caret: Bool) throws(SearchError) -> NearGroup {
        if !caret, try peek().kind == .leftParen {
            _ = try take()
            var ids: [Int] = []
            repeat {
                let start = try take()
                guard start.kind == .string else { throw syntaxError(at: start) }
                let id = try parsePhrase(startingWith: start, caret: false)
                addToNearGroup(&ids, id)
            } while try peek().kind == .string
            var distanceToken: QueryToken?
            if try peek().kind == .comma {
                _ = try take()
                let value = try take()
                guard value.kind == .string else { throw syntaxError(at: value) }
                distanceToken = value
            }
            _ = try expect(.rightParen)
            _ = try peek()
            guard lexer.bytes[first.range].elementsEqual("NEAR".utf8) else { throw syntaxError(at: first) }
            var distance = Self.defaultNearDistance
            if let distanceToken {
                var value: Int32 = 0
                for byte in lexer.bytes[distanceToken.range] {
                    guard byte >= 0x30, byte <= 0x39 else {
                        throw .invalidQuery(message: "expected integer, got \"\(lexer.text(distanceToken))\"", position: distanceToken.range.lowerBound)
                    }
                    value = value &* 10 &+ Int32(byte - 0x30)
                }
                distance = Int(value)
            }
            return makeLeaf(ids, distance: distance)
        }
        let id = try parsePhrase(startingWith: first, caret: caret)
        return makeLeaf([id], distance: nil)
    }

    /// FTS5's `sqlite3Fts5ParseNearset`: a phrase with no tokens joining a NEAR group with phrases is
    /// dropped, and one already there is replaced by the next phrase; both leave the phrase list too.
    private mutating func addToNearGroup(_ ids: inout [Int], _ id: Int) {
        guard let last = ids.last else {
            ids.append(id)
            return
        }
        if phrasesByID[id].terms.isEmpty {
            phraseOrder.removeLast()
        } else if phrasesByID[last].terms.isEmpty {
            phraseOrder[phraseOrder.count - 2] = id
            phraseOrder.removeLast()
            ids[ids.count - 1] = id
        } else {
            ids.append(id)
        }
    }

    private func makeLeaf(_ ids: [Int], distance: Int?) -> NearGroup {
        NearGroup(phrases: ids, distance: distance, columns: nil, isEmpty: ids.contains { phrasesByID[$0].terms.isEmpty })
    }

    /// `STRING ["*"] ("+" STRING ["*"])*`, its first STRING taken; registers the phrase and returns its id.
    /// As in FTS5, each segment's `*` is applied to (or cleared from) the last term of the phrase so far.
    private mutating func parsePhrase(startingWith first: QueryToken, caret: Bool) throws(SearchError) -> Int {
        var terms: [QueryTerm] = []
        var segment = first
        while true {
            var isPrefix = false
            if try peek().kind == .star {
                _ = try take()
                isPrefix = true
            }
            terms += analyze(segment)
            if !terms.isEmpty { terms[terms.count - 1].isPrefix = isPrefix }
            guard try peek().kind == .plus else { break }
            _ = try take()
            segment = try take()
            guard segment.kind == .string else { throw syntaxError(at: segment) }
        }
        let id = phrasesByID.count
        phrasesByID.append(QueryPhrase(terms: terms, mustStartColumn: caret && !terms.isEmpty))
        phraseOrder.append(id)
        return id
    }

    private func analyze(_ token: QueryToken) -> [QueryTerm] {
        let text = Self.dequote(lexer.bytes[token.range])
        var terms: [QueryTerm] = []
        analyzer.analyze(text) { bytes, _, _ in
            terms.append(QueryTerm(bytes: Array(bytes.prefix(Self.maximumTokenBytes)), isPrefix: false))
        }
        return terms
    }

    /// A bareword as is; a quoted string without its quotes, `""` read as `"`.
    private static func dequote(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.first == UInt8(ascii: "\"") else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var index = bytes.startIndex + 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\"") {
                    out.append(byte)
                    index += 2
                    continue
                }
                break
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Implicit AND and the phrase list

    /// FTS5's `sqlite3Fts5ParseImplicitAnd`: a leaf that can never match is dropped from an implicit
    /// AND, together with one entry of the phrase list.
    private mutating func implicitAnd(_ left: Node, _ right: NearGroup) -> Node {
        if right.isEmpty {
            phraseOrder.removeLast()
            return left
        }
        var children: [Node]
        if case .and(let existing) = left { children = existing } else { children = [left] }
        if case .leaf(let previous) = children[children.count - 1], previous.isEmpty {
            children[children.count - 1] = .leaf(right)
            phraseOrder.remove(at: phraseOrder.count - 1 - right.phrases.count)
            return children.count == 1 ? children[0] : .and(children)
        }
        return .and(children + [.leaf(right)])
    }

    private func finish(_ root: Node) -> ParsedQuery {
        var index: [Int: Int] = [:]
        for (position, id) in phraseOrder.enumerated() { index[id] = position }
        func convert(_ node: Node) -> QueryExpression {
            switch node {
            case .leaf(var leaf):
                leaf.phrases = leaf.phrases.compactMap { index[$0] }
                return .leaf(leaf)
            case .and(let children): return .and(children.map(convert))
            case .or(let children): return .or(children.map(convert))
            case .not(let left, let right): return .not(convert(left), convert(right))
            }
        }
        return ParsedQuery(root: convert(root), phrases: phraseOrder.map { phrasesByID[$0] })
    }
}
