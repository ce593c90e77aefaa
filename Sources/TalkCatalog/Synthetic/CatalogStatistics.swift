/// The statistics of a real catalog that ``SyntheticCatalog`` reproduces.
///
/// * Words: per column (title, description) and language (talks without one form their own group), the
///   frequency of every whitespace-separated word as written (case and attached punctuation kept, so the
///   tokenizer sees the same tokens), and its Heaps' law. A Spanish talk gets Spanish words.
/// * Shapes: for every real talk, its title and description lengths in words, speaker count, tag count,
///   duration, event, date and language, drawn together so their correlations are kept.
/// * Speakers: the frequency of each speaker name (talks per speaker), of first names and of last names
///   (the last space splits them), and the Heaps' law of speaker slots.
/// * Tags: the frequency of each tag.
public struct CatalogStatistics: Sendable {
    /// One real talk's measurements.
    public struct Shape: Sendable {
        public var titleWords: Int32
        public var descriptionWords: Int32
        public var speakers: Int16
        public var tags: Int16
        public var duration: Double?
        public var event: String
        public var recorded: String?
        public var language: String?
    }

    /// Items with their frequencies, ready to draw from.
    public struct Distribution: Sendable {
        public var items: [String]
        public var sampler: AliasSampler?
        /// How many items were counted (with repetition).
        public var total: Int
        public var growth: HeapsLaw

        init(counting sequence: [Substring]) {
            var counts: [Substring: Int] = [:]
            var distinctAtHalf = 0
            for (position, item) in sequence.enumerated() {
                if position == sequence.count / 2 { distinctAtHalf = counts.count }
                counts[item, default: 0] += 1
            }
            // Sorted so that the same catalog always gives the same model (dictionary order is random).
            let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            items = sorted.map { String($0.key) }
            sampler = sorted.isEmpty ? nil : AliasSampler(weights: sorted.map { Double($0.value) })
            total = sequence.count
            growth = HeapsLaw(count: sequence.count, distinct: counts.count, distinctAtHalf: distinctAtHalf)
        }

        public func draw<G: RandomNumberGenerator>(using generator: inout G) -> String? {
            sampler.map { items[$0.sample(using: &generator)] }
        }
    }

    public var shapes: [Shape]
    /// Word frequencies by language code ("" for talks without one).
    public var titleWords: [String: Distribution]
    public var descriptionWords: [String: Distribution]
    public var speakers: Distribution
    public var firstNames: Distribution
    public var lastNames: Distribution
    public var tags: Distribution

    public init(talks: [Talk]) {
        precondition(!talks.isEmpty, "CatalogStatistics needs at least one talk")
        var title: [String: [Substring]] = [:], description: [String: [Substring]] = [:], speakerNames: [Substring] = []
        var first: [Substring] = [], last: [Substring] = [], tagNames: [Substring] = []
        shapes = []
        shapes.reserveCapacity(talks.count)
        for talk in talks {
            let titleWords = Self.words(talk.title), descriptionWords = Self.words(talk.description)
            title[talk.language ?? "", default: []] += titleWords
            description[talk.language ?? "", default: []] += descriptionWords
            for speaker in talk.speakers {
                speakerNames.append(Substring(speaker))
                let parts = Self.splitName(speaker)
                if let given = parts.first { first.append(given) }
                last.append(parts.last)
            }
            tagNames += talk.tags.map { Substring($0) }
            shapes.append(Shape(titleWords: Int32(titleWords.count), descriptionWords: Int32(descriptionWords.count),
                                speakers: Int16(clamping: talk.speakers.count), tags: Int16(clamping: talk.tags.count),
                                duration: talk.duration, event: talk.event, recorded: talk.recorded, language: talk.language))
        }
        titleWords = title.mapValues { Distribution(counting: $0) }
        descriptionWords = description.mapValues { Distribution(counting: $0) }
        speakers = Distribution(counting: speakerNames)
        firstNames = Distribution(counting: first)
        lastNames = Distribution(counting: last)
        tags = Distribution(counting: tagNames)
    }

    /// Whitespace-separated words as written.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    }

    /// "Ada King Lovelace" -> ("Ada King", "Lovelace"); a single word is a last name alone.
    static func splitName(_ name: String) -> (first: Substring?, last: Substring) {
        guard let space = name.lastIndex(of: " ") else { return (nil, Substring(name)) }
        return (name[..<space], name[name.index(after: space)...])
    }
}
