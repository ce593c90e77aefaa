/// SQLite's Unicode 6.1 general categories, as read out of the library (see ``Unicode61Tables``).
enum UnicodeCategories {
    /// The category index (1...30, or ``Unicode61Tables/unlisted``) of a code point.
    ///
    /// - Complexity: O(log r) over the r = 3,262 runs of equal category.
    static func category(of codePoint: UInt32) -> UInt8 {
        let starts = Unicode61Tables.categoryRunStarts
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= codePoint { low = middle } else { high = middle - 1 }
        }
        return Unicode61Tables.categoryRunValues[low]
    }

    /// Parses FTS5's `categories` value as SQLite 3.40 does: words separated by spaces or tabs, each read
    /// by its first two characters: `Lu`, `X*` for a whole class, `LC` for Lu Ll Lt. A word whose first
    /// letter is not a class (C L M N P S Z) is accepted and enables nothing; a known class with an
    /// unknown second letter is an error. Unlisted code points (SQLite's category 0) are always enabled.
    static func parseEnabled(_ text: String) throws(TokenizerError) -> [Bool] {
        var enabled = [Bool](repeating: false, count: 32)
        enabled[Int(Unicode61Tables.unlisted)] = true
        let names = Unicode61Tables.categoryNames.map { Array($0.utf8) }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let chars = Array(word.utf8)
            let major = chars[0]
            guard names.contains(where: { $0[0] == major }) else { continue }
            let minor = chars.count > 1 ? chars[1] : 0
            var matched = false
            for (index, name) in names.enumerated() where name[0] == major {
                if minor == UInt8(ascii: "*") || name[1] == minor
                    || (major == UInt8(ascii: "L") && minor == UInt8(ascii: "C") && [UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "t")].contains(name[1])) {
                    enabled[index + 1] = true
                    matched = true
                }
            }
            guard matched else { throw TokenizerError("unknown category \"\(word)\"") }
        }
        return enabled
    }

    /// The category of every code point below U+10000, expanded once from the runs.
    static let basicPlane: [UInt8] = {
        var plane = [UInt8](repeating: 0, count: 0x10000)
        let starts = Unicode61Tables.categoryRunStarts, values = Unicode61Tables.categoryRunValues
        for run in starts.indices where starts[run] < 0x10000 {
            let end = run + 1 < starts.count ? min(Int(starts[run + 1]), 0x10000) : 0x10000
            for codePoint in Int(starts[run])..<end { plane[codePoint] = values[run] }
        }
        return plane
    }()
}
