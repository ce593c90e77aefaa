import Foundation
import Testing
import TestSupport
@testable import SearchEngine

@Suite struct Unicode61TokenizerTests {
    func tokens(_ text: String, _ configuration: TokenizerConfiguration = TokenizerConfiguration(removeDiacritics: 1)) throws -> [String] {
        try Analyzer(configuration).tokens(text).map(\.term)
    }

    @Test func foldsCaseRemovesDiacriticsAndSplitsOnPunctuation() throws {
        #expect(try tokens("Poincaré, Schölkopf & Straße") == ["poincare", "scholkopf", "straße"])
        #expect(try tokens("don't e-mail snake_case C++ 3.14") == ["don", "t", "e", "mail", "snake", "case", "c", "3", "14"])
        #expect(try tokens("ΣΊΣΥΦΟΣ σίσυφος") == ["σίσυφοσ", "σίσυφοσ"])
        #expect(try tokens("日本語のテキスト") == ["日本語のテキスト"])
        #expect(try tokens("thumbs👍up 🙂smile") == ["thumbs", "up", "🙂smile"])
    }

    @Test func tokensCarryPositionsAndByteRanges() throws {
        let result = try Analyzer(.unicode61).tokens("  Poincaré: e\u{301}cole!")
        #expect(result == [
            Token(term: "poincare", position: 0, byteRange: 2..<11),
            Token(term: "ecole", position: 1, byteRange: 13..<20),
        ])
    }

    @Test func removeDiacriticsLevels() throws {
        #expect(try tokens("ễ", TokenizerConfiguration(removeDiacritics: 0)) == ["ễ"])
        #expect(try tokens("ễ", TokenizerConfiguration(removeDiacritics: 1)) == ["ễ"])
        #expect(try tokens("ễ", TokenizerConfiguration(removeDiacritics: 2)) == ["e"])
    }

    @Test(arguments: [["unicode61", "remove_diacritics", "3"], ["unicode61", "bogus", "1"], ["unicode61", "tokenchars"],
                      ["unicode61", "categories", "Lx"], ["unicode61", "categories", "L"], ["porter", "nosuchtokenizer"]])
    func invalidArgumentsAreRefused(arguments: [String]) {
        #expect(throws: TokenizerError.self) { try TokenizerConfiguration(fts5Arguments: arguments) }
    }

    /// SQLite reads a category by its first two letters and ignores words of an unknown class.
    @Test func categoryWordsAreReadAsSQLiteReadsThem() throws {
        #expect(try TokenizerConfiguration(fts5Arguments: ["unicode61", "categories", "Xx"]).categories == "Xx")
        #expect(try tokens("x", TokenizerConfiguration(categories: "Xx")) == [])
        #expect(try tokens("ab 12", TokenizerConfiguration(categories: "Lux Ll")) == ["ab"])
    }

    /// Every vector of `tokenizer-vectors.jsonl` for unicode61 and porter (over unicode61), bytes and all.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func sharedTokenizerVectors() throws {
        var checked = 0
        for vector in try JSONFixtures.lines(SharedData.vectors("tokenizer-vectors.jsonl")) {
            let arguments = try #require(vector["tokenizer"] as? [String])
            let input = try #require(vector["input"] as? String)
            let isOurs = arguments.first == "unicode61" || (arguments.first == "porter" && (arguments.count == 1 || arguments[1] == "unicode61" || arguments[1] == "nosuchtokenizer"))
            guard isOurs else { continue }
            checked += 1
            guard let expected = vector["tokens"] as? [[Any]] else {
                #expect(throws: TokenizerError.self, "\(arguments)") { try TokenizerConfiguration(fts5Arguments: arguments) }
                continue
            }
            let analyzer = try Analyzer(TokenizerConfiguration(fts5Arguments: arguments))
            let actual = analyzer.tokens(input).map { "\($0.term) \($0.byteRange.lowerBound) \($0.byteRange.upperBound)" }
            let wanted = expected.map { "\($0[0]) \($0[1]) \($0[2])" }
            #expect(actual == wanted, "\(arguments) \(input.debugDescription)")
        }
        #expect(checked >= 370)
    }

    /// The generated tables agree with the independently extracted `unicode61-tables.json`.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func generatedTablesMatchTheSharedExtraction() throws {
        let tables = try #require(try JSONFixtures.object(SharedData.vectors("unicode61-tables.json")) as? [String: Any])
        #expect((tables["diacritic_continuation_codepoints"] as? [Int])?.map(UInt32.init) == Unicode61Tables.diacriticContinuation)
        for (key, pairs) in [("fold_remove_diacritics_0", Unicode61Tables.fold0), ("fold_remove_diacritics_1", Unicode61Tables.fold1),
                             ("fold_remove_diacritics_2", Unicode61Tables.fold2)] {
            let shared = try #require(tables[key] as? [[Int]])
            let ours = Dictionary(uniqueKeysWithValues: pairs.map { (Int($0.0), Int($0.1)) })
            for pair in shared where pair[0] != pair[1] && !(0xD800...0xDFFF).contains(pair[0]) {
                #expect(ours[pair[0]] == pair[1], "\(key) U+\(String(pair[0], radix: 16))")
            }
        }
        let ranges = try #require(tables["category_ranges"] as? [[Any]])
        for range in ranges {
            let first = range[0] as? Int ?? 0, last = range[1] as? Int ?? 0, name = range[2] as? String ?? ""
            for codePoint in [first, last] where !(0xD800...0xDFFF).contains(codePoint) {
                let index = Int(UnicodeCategories.category(of: UInt32(codePoint)))
                #expect(index >= 1 && index <= 30 && Unicode61Tables.categoryNames[index - 1] == name, "U+\(String(codePoint, radix: 16))")
            }
        }
    }
}
