extension TokenizerConfiguration {
    /// Reads FTS5 `tokenize=` arguments (already split and unquoted), e.g.
    /// `["porter", "unicode61", "remove_diacritics", "0"]`, with FTS5's rules: `porter` wraps the tokenizer
    /// named next (default unicode61); unicode61 takes option/value pairs (`remove_diacritics` 0|1|2,
    /// `categories`, `tokenchars`, `separators`; names case-insensitive) and its `remove_diacritics`
    /// defaults to 1. Other tokenizers (ascii, trigram) are not TalkSearch's.
    public init(fts5Arguments arguments: [String]) throws(TokenizerError) {
        var rest = arguments[...]
        var porter = false
        if rest.first?.lowercased() == "porter" {
            porter = true
            rest = rest.dropFirst()
        }
        let base = rest.first?.lowercased() ?? "unicode61"
        guard base == "unicode61" else { throw TokenizerError("unsupported tokenizer \"\(base)\"") }
        rest = rest.dropFirst()
        guard rest.count % 2 == 0 else { throw TokenizerError("unicode61 options come in name/value pairs") }
        self.init(porter: porter, removeDiacritics: 1)
        var options = Array(rest)
        while !options.isEmpty {
            let name = options.removeFirst().lowercased(), value = options.removeFirst()
            switch name {
            case "remove_diacritics":
                guard ["0", "1", "2"].contains(value) else { throw TokenizerError("remove_diacritics must be 0, 1 or 2") }
                removeDiacritics = Int(value)!
            case "categories": categories = value
            case "tokenchars": tokenChars += value
            case "separators": separators += value
            default: throw TokenizerError("unknown unicode61 option \"\(name)\"")
            }
        }
        _ = try Unicode61Tokenizer(self)
    }
}
