/// The Porter stemmer exactly as FTS5's `porter` tokenizer applies it (M. F. Porter, 1980, in the
/// form of Porter's reference C code: Step 2 has `bli -> ble` and `logi -> log`).
///
/// It works on bytes: vowels are `a e i o u`, and `y` when the letter before it is a consonant; every
/// other byte (digits, bytes of non-ASCII UTF-8) is a consonant. Tokens shorter than 3 or longer than
/// 64 bytes are returned unchanged. Each step looks only at the suffix rules listed for the
/// second-to-last byte, in their order; the first suffix that matches is the only one tried, and a
/// suffix matches only when the word is strictly longer than it.
public struct PorterStemmer: Sendable {
    public static let maximumTokenLength = 64

    public init() {}

    /// Stems `word` in place.
    public func stem(_ word: inout [UInt8]) {
        guard word.count >= 3, word.count <= Self.maximumTokenLength else { return }
        Self.step1a(&word)
        if Self.step1b(&word) {
            if !Self.step1b2(&word) {
                let last = word[word.count - 1]
                if !Self.isVowel(last, yIsVowel: false), last != b("l"), last != b("s"), last != b("z"),
                   word.count >= 2, last == word[word.count - 2] {
                    word.removeLast()
                } else if Self.measureEquals1(word[...]), Self.endsCVC(word[...]) {
                    word.append(b("e"))
                }
            }
        }
        // Step 1c.
        if word[word.count - 1] == b("y"), Self.containsVowel(word.dropLast()) {
            word[word.count - 1] = b("i")
        }
        Self.apply(Self.step2Rules, to: &word)
        Self.apply(Self.step3Rules, to: &word)
        Self.apply(Self.step4Rules, to: &word)
        // Step 5a.
        if word[word.count - 1] == b("e") {
            let stem = word.dropLast()
            if Self.measureGreaterThan1(stem) || (Self.measureEquals1(stem) && !Self.endsCVC(stem)) {
                word.removeLast()
            }
        }
        // Step 5b.
        if word.count > 1, word[word.count - 1] == b("l"), word[word.count - 2] == b("l"),
           Self.measureGreaterThan1(word.dropLast()) {
            word.removeLast()
        }
    }

    /// The stem of `word` (a convenience for tests and tools).
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Conditions

    private static func isVowel(_ byte: UInt8, yIsVowel: Bool) -> Bool {
        byte == b("a") || byte == b("e") || byte == b("i") || byte == b("o") || byte == b("u") || (yIsVowel && byte == b("y"))
    }

    /// Scans one vowel run then one consonant: returns the index just past that consonant, or 0.
    private static func gobbleVowelConsonant(_ stem: ArraySlice<UInt8>, previousIsConsonant: Bool) -> Int {
        var isConsonant = previousIsConsonant
        var index = stem.startIndex
        while index < stem.endIndex {
            isConsonant = !isVowel(stem[index], yIsVowel: isConsonant)
            if !isConsonant { break }
            index += 1
        }
        index += 1
        while index < stem.endIndex {
            isConsonant = !isVowel(stem[index], yIsVowel: isConsonant)
            if isConsonant { return index + 1 - stem.startIndex }
            index += 1
        }
        return 0
    }

    static func measureGreaterThan0(_ stem: ArraySlice<UInt8>) -> Bool {
        gobbleVowelConsonant(stem, previousIsConsonant: false) != 0
    }

    static func measureGreaterThan1(_ stem: ArraySlice<UInt8>) -> Bool {
        let first = gobbleVowelConsonant(stem, previousIsConsonant: false)
        return first != 0 && gobbleVowelConsonant(stem.dropFirst(first), previousIsConsonant: true) != 0
    }

    static func measureEquals1(_ stem: ArraySlice<UInt8>) -> Bool {
        let first = gobbleVowelConsonant(stem, previousIsConsonant: false)
        return first != 0 && gobbleVowelConsonant(stem.dropFirst(first), previousIsConsonant: true) == 0
    }

    /// `*o`: the stem ends consonant-vowel-consonant, the last consonant not w, x or y.
    static func endsCVC(_ stem: ArraySlice<UInt8>) -> Bool {
        guard let last = stem.last, last != b("w"), last != b("x"), last != b("y") else { return false }
        var mask = 0
        var isConsonant = false
        for byte in stem {
            isConsonant = !isVowel(byte, yIsVowel: isConsonant)
            mask = (mask << 1) + (isConsonant ? 1 : 0)
        }
        return mask & 0x7 == 0x5
    }

    /// `*v*`. (FTS5 treats `y` as a vowel anywhere but at the first byte here.)
    static func containsVowel(_ stem: ArraySlice<UInt8>) -> Bool {
        for (offset, byte) in stem.enumerated() where isVowel(byte, yIsVowel: offset > 0) {
            return true
        }
        return false
    }

    // MARK: Steps

    private static func step1a(_ word: inout [UInt8]) {
        let n = word.count
        guard word[n - 1] == b("s") else { return }
        if word[n - 2] == b("e") {
            if (n > 4 && word[n - 4] == b("s") && word[n - 3] == b("s")) || (n > 3 && word[n - 3] == b("i")) {
                word.removeLast(2)
            } else {
                word.removeLast()
            }
        } else if word[n - 2] != b("s") {
            word.removeLast()
        }
    }

    /// Removes `eed -> ee` (m>0), `ed` or `ing` (*v*); true when `ed`/`ing` was removed.
    private static func step1b(_ word: inout [UInt8]) -> Bool {
        if hasSuffix(word, "eed") {
            if measureGreaterThan0(word.dropLast(3)) { word.removeLast() }
            return false
        }
        if hasSuffix(word, "ed") {
            if containsVowel(word.dropLast(2)) { word.removeLast(2); return true }
            return false
        }
        if hasSuffix(word, "ing"), containsVowel(word.dropLast(3)) {
            word.removeLast(3)
            return true
        }
        return false
    }

    private static func step1b2(_ word: inout [UInt8]) -> Bool {
        for suffix: StaticString in ["at", "bl", "iz"] where hasSuffix(word, suffix) {
            word.append(b("e"))
            return true
        }
        return false
    }

    private enum Condition { case m0, m1, m1AndSOrT }

    private struct Rule {
        var suffix: [UInt8]
        var replacement: [UInt8]
        var condition: Condition
        init(_ suffix: String, _ replacement: String, _ condition: Condition) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    /// Rules grouped by the suffix's second-to-last byte, each group in FTS5's order.
    private static let step2Rules = table([
        b("a"): [Rule("ational", "ate", .m0), Rule("tional", "tion", .m0)],
        b("c"): [Rule("enci", "ence", .m0), Rule("anci", "ance", .m0)],
        b("e"): [Rule("izer", "ize", .m0)],
        b("g"): [Rule("logi", "log", .m0)],
        b("l"): [Rule("bli", "ble", .m0), Rule("alli", "al", .m0), Rule("entli", "ent", .m0), Rule("eli", "e", .m0),
                 Rule("ousli", "ous", .m0)],
        b("o"): [Rule("ization", "ize", .m0), Rule("ation", "ate", .m0), Rule("ator", "ate", .m0)],
        b("s"): [Rule("alism", "al", .m0), Rule("iveness", "ive", .m0), Rule("fulness", "ful", .m0),
                 Rule("ousness", "ous", .m0)],
        b("t"): [Rule("aliti", "al", .m0), Rule("iviti", "ive", .m0), Rule("biliti", "ble", .m0)],
    ])

    private static let step3Rules = table([
        b("a"): [Rule("ical", "ic", .m0)],
        b("s"): [Rule("ness", "", .m0)],
        b("t"): [Rule("icate", "ic", .m0), Rule("iciti", "ic", .m0)],
        b("u"): [Rule("ful", "", .m0)],
        b("v"): [Rule("ative", "", .m0)],
        b("z"): [Rule("alize", "al", .m0)],
    ])

    private static let step4Rules = table([
        b("a"): [Rule("al", "", .m1)],
        b("c"): [Rule("ance", "", .m1), Rule("ence", "", .m1)],
        b("e"): [Rule("er", "", .m1)],
        b("i"): [Rule("ic", "", .m1)],
        b("l"): [Rule("able", "", .m1), Rule("ible", "", .m1)],
        b("n"): [Rule("ant", "", .m1), Rule("ement", "", .m1), Rule("ment", "", .m1), Rule("ent", "", .m1)],
        b("o"): [Rule("ion", "", .m1AndSOrT), Rule("ou", "", .m1)],
        b("s"): [Rule("ism", "", .m1)],
        b("t"): [Rule("ate", "", .m1), Rule("iti", "", .m1)],
        b("u"): [Rule("ous", "", .m1)],
        b("v"): [Rule("ive", "", .m1)],
        b("z"): [Rule("ize", "", .m1)],
    ])

    /// Rule groups indexed by the byte they are keyed on (256 entries, empty where none).
    private static func table(_ groups: [UInt8: [Rule]]) -> [[Rule]] {
        (0...255).map { groups[UInt8($0)] ?? [] }
    }

    private static func apply(_ rules: [[Rule]], to word: inout [UInt8]) {
        guard word.count >= 2 else { return }
        let group = rules[Int(word[word.count - 2])]
        for rule in group where word.count > rule.suffix.count && word.suffix(rule.suffix.count).elementsEqual(rule.suffix) {
            let stem = word.dropLast(rule.suffix.count)
            let holds = switch rule.condition {
            case .m0: measureGreaterThan0(stem)
            case .m1: measureGreaterThan1(stem)
            case .m1AndSOrT: (stem.last == b("s") || stem.last == b("t")) && measureGreaterThan1(stem)
            }
            if holds {
                word.removeLast(rule.suffix.count)
                word.append(contentsOf: rule.replacement)
            }
            return
        }
    }

    private static func hasSuffix(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count > count else { return false }
        return suffix.withUTF8Buffer { word.suffix(count).elementsEqual($0) }
    }
}

@inline(__always)
private func b(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
