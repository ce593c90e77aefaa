import Foundation

/// Writes talks as JSONL in TalkSearch's schema, one object per line, keys sorted, so that
/// ``CatalogLoader`` reads back exactly the same talks.
public enum TalkJSONLWriter {
    public static func encode(_ talks: [Talk]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for talk in talks {
            data.append(try encoder.encode(talk))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    public static func write(_ talks: [Talk], to path: String) throws {
        try encode(talks).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
