import Foundation

/// `application/x-www-form-urlencoded` query strings: `key=value` pairs split on `&`, `+` for a space,
/// `%XX` for a byte, in order, repeated keys kept.
enum FormDecoding {
    static func pairs(_ query: String) -> [(key: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
