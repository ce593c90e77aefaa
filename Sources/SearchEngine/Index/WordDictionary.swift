/// The words of an index before stemming (the tokenizer's output: case-folded, diacritics removed as
/// configured), each with the number of documents that contain it: what "did you mean" and completion
/// offer users. Without Porter stemming the words are the index terms.
///
/// Layout: word i is `bytes[offsets[i] ..< offsets[i + 1]]`, words strictly increasing in byte order;
/// `frequencies[i]` >= 1 is its document frequency. Stored as the index file's words section.
public struct WordDictionary: Sendable, Hashable {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    var frequencies: [UInt32] = []

    public init() {}

    public var count: Int { frequencies.count }

    public func word(at index: Int) -> ArraySlice<UInt8> { bytes[offsets[index]..<offsets[index + 1]] }

    public func frequency(at index: Int) -> Int { Int(frequencies[index]) }

    mutating func append<Word: Collection<UInt8>>(_ word: Word, frequency: Int) {
        bytes += word
        offsets.append(bytes.count)
        frequencies.append(UInt32(clamping: frequency))
    }

    /// The first index whose word is not below `key`.
    public func lowerBound<Key: Collection<UInt8>>(_ key: Key) -> Int {
        partitionPoint(0..<count) { word(at: $0).lexicographicallyPrecedes(key) }
    }

    /// The indices of the words that start with `prefix` (two binary searches).
    public func range<Prefix: Collection<UInt8>>(withPrefix prefix: Prefix) -> Range<Int> {
        let start = lowerBound(prefix)
        return start..<partitionPoint(start..<count) { word(at: $0).starts(with: prefix) }
    }

    /// The document frequency of exactly `word` (0 when absent).
    public func frequency<Word: Collection<UInt8>>(of word: Word) -> Int {
        let index = lowerBound(word)
        return index < count && self.word(at: index).elementsEqual(word) ? frequency(at: index) : 0
    }

    /// Checks the layout invariants; nil when sound, else what is wrong.
    func problem() -> String? {
        guard offsets.count == frequencies.count + 1, offsets.first == 0, offsets.last == bytes.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return "word offsets out of order or range" }
        for index in 1..<max(count, 1) where !word(at: index - 1).lexicographicallyPrecedes(word(at: index)) {
            return "words out of order at \(index)"
        }
        return frequencies.contains(0) ? "a word with no documents" : nil
    }
}

extension WordDictionary {
    /// The union of several dictionaries, the frequencies of a word in several summed.
    static func merged(_ parts: [WordDictionary]) -> WordDictionary {
        if parts.count == 1 { return parts[0] }
        var merged = WordDictionary()
        var cursors = [Int](repeating: 0, count: parts.count)
        while true {
            var smallest: ArraySlice<UInt8>?
            for (slot, part) in parts.enumerated() where cursors[slot] < part.count {
                let word = part.word(at: cursors[slot])
                if smallest == nil || word.lexicographicallyPrecedes(smallest!) { smallest = word }
            }
            guard let word = smallest else { return merged }
            var frequency = 0
            for (slot, part) in parts.enumerated() where cursors[slot] < part.count && part.word(at: cursors[slot]) == word {
                frequency += part.frequency(at: cursors[slot])
                cursors[slot] += 1
            }
            merged.append(word, frequency: frequency)
        }
    }
}
