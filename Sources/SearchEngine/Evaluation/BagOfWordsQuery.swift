/// Natural-language text as an FTS5 query: an OR of its words, each quoted, the usual bag-of-words
/// retrieval of test collections. `what is "lift"?` becomes `"what" OR "is" OR """lift""?"`; the
/// tokenizer then reads each quoted word as it reads documents, and a word with no token characters
/// is an empty phrase, which an OR ignores.
public enum BagOfWordsQuery {
    public static func make(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " OR ")
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        for character in self {
            if String(character) == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
