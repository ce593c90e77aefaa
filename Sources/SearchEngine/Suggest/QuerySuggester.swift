/// "Did you mean": corrections for the words of a query that match few or no documents, taken from the
/// index's own words (``WordDictionary``) and weighted by how many documents contain them.
///
/// A bare word of the query (not quoted, not a column name, not `NEAR`, not a prefix) is a candidate
/// when it is one token and its index term is in at most `rareFrequency` documents. Its neighbours
/// within 1 edit (words of 3-5 bytes) or 2 edits (6 bytes or more) are ranked by distance, then
/// document frequency (more first), then bytes; the best one is offered when its own term is in more
/// than 10 times as many documents as the word's term.
public struct QuerySuggester: Sendable {
    public struct Correction: Hashable, Sendable {
        /// The UTF-8 byte range of the word in the query.
        public var range: Range<Int>
        public var original: String
        public var replacement: String
        /// Documents containing the replacement's index term.
        public var documentFrequency: Int
    }

    public static let rareFrequency = 5

    let index: InvertedIndex
    let analyzer: Analyzer

    public init(index: InvertedIndex) throws(TokenizerError) {
        self.index = index
        analyzer = try Analyzer(index.tokenizer)
    }

    /// The largest number of edits tried for a word of `length` bytes.
    public static func maximumDistance(forLength length: Int) -> Int {
        length < 3 ? 0 : length < 6 ? 1 : 2
    }

    /// The corrections for `query`, in query order (empty when every word is common enough).
    public func corrections(_ query: String) throws(IndexFileError) -> [Correction] {
        var lexer = QueryLexer(query)
        var tokens: [QueryToken] = []
        while let token = try? lexer.next(), token.kind != .end { tokens.append(token) }
        var corrections: [Correction] = []
        for (position, token) in tokens.enumerated() where token.kind == .string && lexer.bytes[token.range.lowerBound] != UInt8(ascii: "\"") {
            let next = position + 1 < tokens.count ? tokens[position + 1].kind : .end
            guard next != .colon, next != .star, next != .leftParen else { continue }
            let text = lexer.text(token)
            let found = analyzer.words(text), terms = analyzer.terms(text)
            guard found.count == 1, terms.count == 1 else { continue }
            let frequency = try index.documentFrequency(ofTerm: terms[0])
            guard frequency <= Self.rareFrequency else { continue }
            let maximum = Self.maximumDistance(forLength: found[0].count)
            guard maximum > 0 else { continue }
            let words = try index.words()  // read only when some word is rare
            let neighbours = WordNeighbours.find(found[0], maximum: maximum, in: words).neighbours
                .filter { !words.word(at: $0.index).elementsEqual(found[0]) }
                .sorted { a, b in
                    if a.distance != b.distance { return a.distance < b.distance }
                    if words.frequency(at: a.index) != words.frequency(at: b.index) { return words.frequency(at: a.index) > words.frequency(at: b.index) }
                    return words.word(at: a.index).lexicographicallyPrecedes(words.word(at: b.index))
                }
            for neighbour in neighbours.prefix(5) {
                let replacement = String(decoding: words.word(at: neighbour.index), as: UTF8.self)
                guard let term = analyzer.terms(replacement).first else { continue }
                let replacementFrequency = try index.documentFrequency(ofTerm: term)
                if replacementFrequency > 10 * frequency {
                    corrections.append(Correction(range: token.range, original: text, replacement: replacement,
                                                  documentFrequency: replacementFrequency))
                    break
                }
            }
        }
        return corrections
    }

    /// `query` with each corrected word widened to `(word OR correction)`, so the talks that match the
    /// word as typed are kept and those with the correction are added. FTS5 rejects a parenthesized group
    /// joined by an implicit AND (`deep (a OR b)` is a syntax error), so the AND beside a group is written
    /// out; where the grammar has no room for a group (inside `NEAR(...)`, after `^` or a column filter,
    /// joined by `+`) the correction replaces the word instead.
    public static func expand(_ corrections: [Correction], in query: String) -> String {
        var lexer = QueryLexer(query)
        var tokens: [QueryToken] = []
        while let token = try? lexer.next(), token.kind != .end { tokens.append(token) }
        let bytes = lexer.bytes
        // Which tokens sit inside NEAR( ... ).
        var insideNear = Set<Int>()
        var position = 0
        while position < tokens.count {
            if tokens[position].kind == .string, bytes[tokens[position].range].elementsEqual("NEAR".utf8),
               position + 1 < tokens.count, tokens[position + 1].kind == .leftParen {
                var end = position + 2
                while end < tokens.count, tokens[end].kind != .rightParen { insideNear.insert(end); end += 1 }
                position = end
            }
            position += 1
        }
        func startsItem(_ kind: QueryTokenKind) -> Bool { [.string, .leftParen, .caret, .leftBrace, .minus].contains(kind) }
        func endsItem(_ kind: QueryTokenKind) -> Bool { [.string, .rightParen, .star].contains(kind) }
        var edits: [(range: Range<Int>, text: String)] = []
        for correction in corrections {
            guard let index = tokens.firstIndex(where: { $0.range == correction.range }) else { continue }
            let previous = index > 0 ? tokens[index - 1].kind : nil
            let next = index + 1 < tokens.count ? tokens[index + 1].kind : nil
            let groupFits = !insideNear.contains(index) && previous != .caret && previous != .colon && previous != .plus && next != .plus
            guard groupFits else {
                edits.append((correction.range, correction.replacement))
                continue
            }
            var text = "(\(correction.original) OR \(correction.replacement))"
            if let previous, endsItem(previous) { text = "AND " + text }
            if let next, startsItem(next) { text += " AND" }
            edits.append((correction.range, text))
        }
        var result = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `query` with every correction applied.
    public static func apply(_ corrections: [Correction], to query: String) -> String {
        var bytes = Array(query.utf8)
        for correction in corrections.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(correction.range, with: Array(correction.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Completions of the last word of `partial`: the index's words that start with it, most documents
    /// first (then bytes), as `partial` with its last word completed. A `partial` that ends in a space or
    /// separator has no last word to complete.
    public func complete(_ partial: String, limit: Int) throws(IndexFileError) -> [(text: String, documents: Int)] {
        guard let lastScalar = partial.unicodeScalars.last, !lastScalar.properties.isWhitespace else { return [] }
        let words = try index.words()
        // The last bareword run of the query is the word being typed.
        let bytes = Array(partial.utf8)
        var start = bytes.count
        while start > 0, QueryLexer.isBareword(bytes[start - 1]) { start -= 1 }
        guard start < bytes.count else { return [] }
        let typed = String(decoding: bytes[start...], as: UTF8.self)
        let normalised = analyzer.words(typed)
        guard normalised.count == 1 else { return [] }
        let range = words.range(withPrefix: normalised[0])
        let best = range.sorted { a, b in
            words.frequency(at: a) != words.frequency(at: b) ? words.frequency(at: a) > words.frequency(at: b)
                : words.word(at: a).lexicographicallyPrecedes(words.word(at: b))
        }.prefix(max(0, limit))
        let head = String(decoding: bytes[..<start], as: UTF8.self)
        return best.map { (head + String(decoding: words.word(at: $0), as: UTF8.self), words.frequency(at: $0)) }
    }
}
