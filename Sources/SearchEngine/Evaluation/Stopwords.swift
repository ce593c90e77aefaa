/// Stopword lists for bag-of-words queries. Matching is on the analysed term, so a list applies to
/// whatever the tokenizer makes of the word (`The` and `the` alike).
public enum Stopwords {
    /// Lucene's English stop set (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`), 33 words.
    public static let english: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ]
}

extension BagOfWordsQuery {
    /// Like ``make(_:)``, leaving out words whose analysed form is a stopword (before stemming, so
    /// `this` is caught even when porter would make it `thi`).
    public static func make(_ text: String, removing stopwords: Set<String>) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).filter { word in
            let letters = word.lowercased().filter { $0.isLetter || $0.isNumber }
            return !stopwords.contains(letters)
        }
        return make(words.joined(separator: " "))
    }
}
