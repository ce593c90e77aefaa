/// An endless-looking catalog drawn from a real one's ``CatalogStatistics``, deterministic for a seed.
///
/// Talk number i (0-based) is built from a real talk's ``CatalogStatistics/Shape`` drawn uniformly:
/// * its title and description have the shape's lengths; each word is drawn from the column's word
///   frequencies in the shape's language, except that once the column has produced more words than the real catalog, a word is a
///   new one with the probability of the column's Heaps' law (K·β·t^(β-1)), so the vocabulary keeps
///   growing as a real catalog's would. A new word is a real word's letters plus a unique letter suffix.
/// * speakers: while fewer speaker slots than the real catalog's are filled, names are drawn from the real
///   speaker frequencies; after that a slot is a new person (a real first name with a real last name)
///   with the Heaps probability of speaker slots, and otherwise repeats the speaker of a uniformly drawn
///   earlier slot (Simon's model: speakers with many talks keep getting more).
/// * event, date and language are the shape's; after each full pass over the real catalog's size the
///   event is a new copy ("EuroPython 2019 (2)"), so events keep their sizes as the catalog grows.
/// * tags are drawn from the real tag frequencies; duration is the shape's; no URL.
/// Ids are `synthetic-SEED/NNNNNNN`.
public struct SyntheticCatalog: Sequence, IteratorProtocol {
    public let statistics: CatalogStatistics
    public let count: Int
    public let seed: UInt64

    private var generator: SeededRandom
    private var produced = 0
    /// Words produced so far per language, for the Heaps' law of each column.
    private var titleWordsProduced: [String: Int] = [:]
    private var descriptionWordsProduced: [String: Int] = [:]
    private var newWords = 0
    private var speakerSlots: [String] = []
    private let idWidth: Int

    public init(statistics: CatalogStatistics, count: Int, seed: UInt64) {
        self.statistics = statistics
        self.count = count
        self.seed = seed
        generator = SeededRandom(seed: seed)
        idWidth = Swift.max(7, String(count).count)
    }

    public mutating func next() -> Talk? {
        guard produced < count else { return nil }
        defer { produced += 1 }
        let shape = statistics.shapes[Int.random(in: 0..<statistics.shapes.count, using: &generator)]
        let language = shape.language ?? ""
        var wordsSoFar = titleWordsProduced[language, default: 0]
        let title = statistics.titleWords[language].map { text(words: Int(shape.titleWords), from: $0, produced: &wordsSoFar) } ?? ""
        titleWordsProduced[language] = wordsSoFar
        wordsSoFar = descriptionWordsProduced[language, default: 0]
        let description = statistics.descriptionWords[language].map {
            text(words: Int(shape.descriptionWords), from: $0, produced: &wordsSoFar)
        } ?? ""
        descriptionWordsProduced[language] = wordsSoFar
        let speakers = (0..<Int(shape.speakers)).map { _ in nextSpeaker() }
        let tags = (0..<Int(shape.tags)).compactMap { _ in statistics.tags.draw(using: &generator) }
        let pass = produced / statistics.shapes.count
        let number = String(produced + 1)
        let id = "synthetic-\(seed)/" + String(repeating: "0", count: Swift.max(0, idWidth - number.count)) + number
        return Talk(id: id, title: title.isEmpty ? "Talk \(number)" : title, speakers: speakers,
                    description: description, event: pass == 0 ? shape.event : "\(shape.event) (\(pass + 1))",
                    recorded: shape.recorded, language: shape.language, tags: tags, duration: shape.duration)
    }

    private mutating func text(words: Int, from distribution: CatalogStatistics.Distribution, produced: inout Int) -> String {
        var result = ""
        for _ in 0..<words {
            produced += 1
            let word: String
            if produced > distribution.total,
               Double.random(in: 0..<1, using: &generator) < distribution.growth.newItemProbability(at: produced) {
                word = newWord(from: distribution)
            } else if let drawn = distribution.draw(using: &generator) {
                word = drawn
            } else {
                continue
            }
            if !result.isEmpty { result += " " }
            result += word
        }
        return result
    }

    /// A word no real catalog has: a drawn word's letters and digits, then a unique suffix in a–z.
    private mutating func newWord(from distribution: CatalogStatistics.Distribution) -> String {
        newWords += 1
        var base = String((distribution.draw(using: &generator) ?? "").filter { $0.isLetter || $0.isNumber }.prefix(12))
        if base.isEmpty { base = "w" }
        var suffix = "", value = newWords
        while value > 0 {
            suffix.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(value % 26))))
            value /= 26
        }
        return base + suffix
    }

    private mutating func nextSpeaker() -> String {
        let slot = speakerSlots.count + 1
        let name: String
        if slot <= statistics.speakers.total {
            name = statistics.speakers.draw(using: &generator) ?? "Speaker \(slot)"
        } else if Double.random(in: 0..<1, using: &generator) < statistics.speakers.growth.newItemProbability(at: slot) {
            let last = statistics.lastNames.draw(using: &generator) ?? "Speaker"
            name = statistics.firstNames.draw(using: &generator).map { "\($0) \(last)" } ?? last
        } else {
            name = speakerSlots[Int.random(in: 0..<speakerSlots.count, using: &generator)]
        }
        speakerSlots.append(name)
        return name
    }
}
