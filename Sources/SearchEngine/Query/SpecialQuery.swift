/// FTS5's "special queries": a MATCH string whose first byte is `*`.
///
/// SQLite answers `*reads` and `*id` (any case) with internal counters, a test hook, not a search
/// (3.40 returns a row with rowid 0 or "no such cursor: N"); any other word after `*` is the error
/// `unknown special query: WORD`. TalkSearch rejects all of them, in both backends, so `*reads` and
/// `*id` are refused with ``hookMessage(_:)`` instead of being passed to SQLite.
public enum SpecialQuery {
    /// Throws for any query starting with `*`; returns for every other query.
    public static func check(_ query: String) throws(SearchError) {
        let bytes = Array(query.utf8.prefix { $0 != 0 })
        guard bytes.first == UInt8(ascii: "*") else { return }
        let rest = bytes.dropFirst().drop { $0 == 0x20 }
        let word = String(decoding: rest.prefix { $0 != 0x20 }, as: UTF8.self)
        if ["reads", "id"].contains(word.lowercased()) {
            throw .invalidQuery(message: hookMessage(word), position: 0)
        }
        throw .invalidQuery(message: "unknown special query: \(word)", position: 0)
    }

    public static func hookMessage(_ word: String) -> String {
        "special query *\(word) is an FTS5 test hook, not a search; TalkSearch does not run it"
    }

    /// Whether `query` is one of the hooks SQLite would run (`*reads`, `*id`).
    public static func isHook(_ query: String) -> Bool {
        do throws(SearchError) {
            try check(query)
            return false
        } catch {
            return error.description.hasPrefix("special query")
        }
    }
}
