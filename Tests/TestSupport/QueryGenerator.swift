import TalkCatalog

/// Random FTS5 queries of every shape, for differential tests against SQLite.
///
/// `valid()` builds queries from the grammar: terms (frequent, rare, prefixes, odd strings such as `""`,
/// `c++`, `poincaré`), phrases, `+` joins, `^`, NEAR groups with and without distances, every kind of
/// column filter (including unknown columns), implicit AND, AND/OR/NOT and parentheses, nested.
/// `soup()` strings together the language's tokens at random, so most are rejected somewhere.
public struct QueryGenerator {
    public var random: SeededRandom
    let common: [String]
    let rare: [String]
    let columns: [String]

    public init(seed: UInt64, common: [String], rare: [String], columns: [String]) {
        random = SeededRandom(seed: seed)
        self.common = common.isEmpty ? ["a"] : common
        self.rare = rare.isEmpty ? self.common : rare
        self.columns = columns
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func term() -> String {
        let k = Double.random(in: 0..<1, using: &random)
        if k < 0.6 { return pick(common) }
        if k < 0.8 { return pick(rare) }
        if k < 0.9 {
            let word = pick(common)
            return String(word.prefix(number(1...max(1, word.count)))) + "*"
        }
        return pick(["\"\"", "\"...\"", "poincaré", "\"a b\"", "c++", "NEAR", "and", "\"deep learning\"", "Straße", "ÉCOLE"])
    }

    mutating func phrase() -> String {
        let k = Double.random(in: 0..<1, using: &random)
        if k < 0.5 { return term() }
        if k < 0.8 {
            let words = (0..<number(2...3)).map { _ in pick(common) }
            return "\"" + words.joined(separator: " ") + "\"" + (chance(0.2) ? "*" : "")
        }
        return (0..<number(2...3)).map { _ in pick(common) }.joined(separator: "+")
    }

    mutating func columnFilter() -> String {
        let k = Double.random(in: 0..<1, using: &random)
        let known = Array(columns.prefix(3))
        if k < 0.5 { return pick(columns) + ":" }
        if k < 0.7 { return "-" + pick(known) + ":" }
        if k < 0.9 { return "{" + Array(known.shuffled(using: &random).prefix(number(1...2))).joined(separator: " ") + "}:" }
        return "-{" + Array(known.shuffled(using: &random).prefix(number(1...3))).joined(separator: " ") + "}:"
    }

    mutating func leaf() -> String {
        let k = Double.random(in: 0..<1, using: &random)
        var text = phrase()
        if k < 0.15 {
            text = "^" + text
        } else if k < 0.3 {
            let inner = (0..<number(1...3)).map { _ in phrase() }.joined(separator: " ")
            text = "NEAR(" + inner + (chance(0.7) ? ", \(number(0...12))" : "") + ")"
        }
        if chance(0.25) { text = columnFilter() + text }
        return text
    }

    public mutating func valid(depth: Int = 0) -> String {
        let k = Double.random(in: 0..<1, using: &random)
        if depth > 3 || k < 0.3 { return (0..<number(1...3)).map { _ in leaf() }.joined(separator: " ") }
        if k < 0.45 { return "(" + valid(depth: depth + 1) + ")" }
        if k < 0.55 { return columnFilter() + "(" + valid(depth: depth + 1) + ")" }
        let op = pick(["AND", "OR", "NOT", "OR", "AND"])
        return valid(depth: depth + 1) + " " + op + " " + valid(depth: depth + 1)
    }

    public mutating func soup() -> String {
        let tokens = ["a", "deep", "\"x y\"", "(", ")", "{", "}", ":", ",", "+", "*", "-", "^", "AND", "OR", "NOT", "NEAR",
                      "NEAR(", "title", " ", ".", "\"", "learn*", "2", "speakers", "\"\"", "near", "#"]
        return (0..<number(1...8)).map { _ in pick(tokens) + (chance(0.5) ? " " : "") }.joined()
    }
}
