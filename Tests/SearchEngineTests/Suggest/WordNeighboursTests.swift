import TalkCatalog
import Testing
@testable import SearchEngine

@Suite struct WordNeighboursTests {
    /// Optimal string alignment distance, the textbook full table.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }

    static func dictionary(_ words: [String]) -> WordDictionary {
        var dictionary = WordDictionary()
        for word in Set(words).map({ Array($0.utf8) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            dictionary.append(word, frequency: 1)
        }
        return dictionary
    }

    /// The walk finds exactly the words the full table says are close, over random words from a small
    /// alphabet (many shared prefixes, many near misses).
    @Test func findsExactlyTheWordsWithinTheDistance() {
        var random = SeededRandom(seed: 2026)
        let alphabet = Array("abcde".utf8)
        let words = (0..<3000).map { _ in String(decoding: (0..<Int.random(in: 0...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self) }
        let dictionary = Self.dictionary(words)
        for _ in 0..<150 {
            let query = (0..<Int.random(in: 0...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            for maximum in 0...2 {
                let found = WordNeighbours.find(query, maximum: maximum, in: dictionary).neighbours
                let expected = (0..<dictionary.count).compactMap { index -> WordNeighbours.Neighbour? in
                    let distance = Self.distance(Array(dictionary.word(at: index)), query)
                    return distance <= maximum ? WordNeighbours.Neighbour(index: index, distance: distance) : nil
                }
                #expect(found == expected, "\(String(decoding: query, as: UTF8.self)) k=\(maximum)")
            }
        }
    }

    @Test func swapsInsertionsAndDeletionsCostOne() {
        let dictionary = Self.dictionary(["adversarial", "python", "django", "robust"])
        let names = { (query: String) in
            WordNeighbours.find(Array(query.utf8), maximum: 1, in: dictionary).neighbours.map { String(decoding: dictionary.word(at: $0.index), as: UTF8.self) }
        }
        #expect(names("pyhton") == ["python"])
        #expect(names("adversrial") == ["adversarial"])
        #expect(names("djangoo") == ["django"])
        #expect(names("djnago") == ["django"], "a swap of two neighbours is one edit")
        #expect(names("jdangoo").isEmpty, "a swap and an insertion are two")
    }

    /// 26 x 26 two-letter prefixes with ten words each: a prefix two edits away is left after one word.
    @Test func theWalkSkipsPrefixesThatCannotMatch() {
        var words: [String] = []
        for first in UInt8(97)...UInt8(122) {
            for second in UInt8(97)...UInt8(122) {
                for tail in UInt8(48)...UInt8(57) {
                    let bytes: [UInt8] = [first, second, 120, 120, 120, tail]
                    words.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        let dictionary = Self.dictionary(words)
        let (found, visited) = WordNeighbours.find(Array("qqxxx0".utf8), maximum: 1, in: dictionary)
        // One substitution in either of the first two letters (25 + 25), or in the last byte (9), or none.
        #expect(found.count == 60)
        #expect(visited < dictionary.count / 2, "visited \(visited) of \(dictionary.count)")
    }
}
