/// The tokenizer settings of an index, shared by both backends so they always analyse text alike.
///
/// Mirrors FTS5's `tokenize=` argument: `[porter] unicode61 [remove_diacritics N] [categories '...']
/// [tokenchars '...'] [separators '...']`.
public struct TokenizerConfiguration: Hashable, Sendable, Codable {
    /// Wraps unicode61 with the Porter stemmer.
    public var porter: Bool
    /// 0, 1 or 2 (see FTS5's unicode61).
    public var removeDiacritics: Int
    /// Unicode general categories whose code points are token characters; nil is FTS5's `L* N* Co`.
    public var categories: String?
    /// Characters that are token characters whatever their category.
    public var tokenChars: String
    /// Characters that are separators whatever their category.
    public var separators: String

    public init(porter: Bool = false, removeDiacritics: Int = 2, categories: String? = nil,
                tokenChars: String = "", separators: String = "") {
        self.porter = porter
        self.removeDiacritics = removeDiacritics
        self.categories = categories
        self.tokenChars = tokenChars
        self.separators = separators
    }

    /// TalkSearch's default: `unicode61 remove_diacritics 2`.
    public static let unicode61 = TokenizerConfiguration()
    /// `porter unicode61 remove_diacritics 2`.
    public static let porter = TokenizerConfiguration(porter: true)

    /// The named presets the CLI offers.
    public static func named(_ name: String) -> TokenizerConfiguration? {
        switch name {
        case "unicode61": .unicode61
        case "porter": .porter
        default: nil
        }
    }

    /// A short name: `porter` or `unicode61`, with non-default options appended.
    public var name: String {
        var text = porter ? "porter" : "unicode61"
        if removeDiacritics != 2 { text += " remove_diacritics \(removeDiacritics)" }
        if let categories { text += " categories '\(categories)'" }
        if !tokenChars.isEmpty { text += " tokenchars '\(tokenChars)'" }
        if !separators.isEmpty { text += " separators '\(separators)'" }
        return text
    }

    /// The arguments of FTS5's `tokenize=` option, each a bareword or a single-quoted string.
    public var fts5Arguments: [String] {
        func quoted(_ text: String) -> String { "'" + text.replacingAll("'", with: "''") + "'" }
        var arguments = porter ? ["porter"] : []
        arguments += ["unicode61", "remove_diacritics", String(removeDiacritics)]
        if let categories { arguments += ["categories", quoted(categories)] }
        if !tokenChars.isEmpty { arguments += ["tokenchars", quoted(tokenChars)] }
        if !separators.isEmpty { arguments += ["separators", quoted(separators)] }
        return arguments
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
