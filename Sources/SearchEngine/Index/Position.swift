/// A token's place in a document, encoded as FTS5 encodes it: `column << 32 | offset`.
///
/// Ordering positions orders them by column, then by offset, and two positions in different columns are
/// always at least 2^32 apart, so phrase and NEAR arithmetic never crosses a column boundary.
public typealias Position = Int64

public enum Positions {
    @inline(__always) public static func make(column: Int, offset: Int) -> Position { Int64(column) << 32 | Int64(offset) }
    @inline(__always) public static func column(_ position: Position) -> Int { Int(position >> 32) }
    @inline(__always) public static func offset(_ position: Position) -> Int { Int(position & 0xFFFF_FFFF) }
}
