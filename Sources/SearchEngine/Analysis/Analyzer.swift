/// Text to index terms, as configured by a ``TokenizerConfiguration``: the unicode61 tokenizer,
/// followed by the Porter stemmer when `porter` is set. Both backends use the same configuration, so
/// this is what FTS5 does with `tokenize='[porter] unicode61 ...'`.
public struct Analyzer: Sendable {
    public let configuration: TokenizerConfiguration
    let tokenizer: Unicode61Tokenizer
    let stemmer: PorterStemmer?

    public init(_ configuration: TokenizerConfiguration) throws(TokenizerError) {
        self.configuration = configuration
        tokenizer = try Unicode61Tokenizer(configuration)
        stemmer = configuration.porter ? PorterStemmer() : nil
    }

    /// Calls `body(term, start, end)` for each token of `bytes`; `term` is valid only during the call.
    public func analyze(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
        guard stemmer != nil else {
            tokenizer.tokenize(bytes, body)
            return
        }
        var word: [UInt8] = []
        word.reserveCapacity(80)
        tokenizer.tokenize(bytes) { term, start, end in
            // Words the stemmer leaves alone are passed on without a copy.
            guard term.count >= 3, term.count <= PorterStemmer.maximumTokenLength else {
                body(term, start, end)
                return
            }
            stem(term, into: &word)
            word.withUnsafeBufferPointer { body($0, start, end) }
        }
    }

    /// Calls `body(word)` for each token of `text` as the tokenizer gives it, before stemming
    /// (case-folded, diacritics removed as configured); `word` is valid only during the call.
    /// ``stem(_:into:)`` turns a word into its index term.
    public func forEachWord(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in tokenizer.tokenize(bytes) { word, _, _ in body(word) } }
    }

    /// Sets `term` to the index term of the tokenizer's `word`: its Porter stem when `porter` is set
    /// and the word is 3 to ``PorterStemmer/maximumTokenLength`` bytes long, else the word itself. A
    /// pure function of the word, so a builder may stem each distinct word once.
    public func stem(_ word: UnsafeBufferPointer<UInt8>, into term: inout [UInt8]) {
        term.removeAll(keepingCapacity: true)
        term.append(contentsOf: word)
        stemmer?.stem(&term)
    }

    /// The words of `text` as the tokenizer gives them, before stemming.
    public func words(_ text: String) -> [[UInt8]] {
        var result: [[UInt8]] = []
        forEachWord(text) { word in result.append(Array(word)) }
        return result
    }

    /// The index terms of `text`.
    public func terms(_ text: String) -> [[UInt8]] {
        var result: [[UInt8]] = []
        analyze(text) { term, _, _ in result.append(Array(term)) }
        return result
    }

    /// Calls `body` for each token of `text`.
    public func analyze(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { analyze($0, body) }
    }

    /// The tokens of `text`, with positions and byte ranges.
    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        analyze(text) { term, start, end in
            result.append(Token(term: String(decoding: term, as: UTF8.self), position: result.count, byteRange: start..<end))
        }
        return result
    }
}
