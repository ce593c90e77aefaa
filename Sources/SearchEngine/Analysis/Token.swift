/// One token of a text: its folded (and possibly stemmed) bytes, its ordinal position in the text,
/// and the UTF-8 byte range of the original text it came from.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    public var term: String
    /// 0-based ordinal among the text's tokens (the position NEAR and phrases use).
    public var position: Int
    /// UTF-8 byte offsets into the original text, `start..<end`.
    public var byteRange: Range<Int>

    public init(term: String, position: Int, byteRange: Range<Int>) {
        self.term = term
        self.position = position
        self.byteRange = byteRange
    }

    public var description: String { "\(term)@\(position)[\(byteRange.lowerBound),\(byteRange.upperBound))" }
}

/// A tokenizer setting SQLite would refuse (`error in tokenizer constructor`).
public struct TokenizerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
