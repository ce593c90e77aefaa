extension PostingCodec {
    /// One term's postings in one segment, to be joined with the next segments' (``concatenate(_:into:)``):
    /// its encoded bytes (the whole `term-postings`), the number of ordinals before the segment (added
    /// to each of its ordinals) and the segment's document count (the bound its ordinals are checked
    /// against).
    struct Part {
        var bytes: ArraySlice<UInt8>
        var shift: Int
        var documentCount: Int
    }

    /// Appends the postings of `parts` (in ordinal order, each part's ordinals shifted past the one
    /// before) to `out` as one term's postings, byte for byte what encoding the joined list gives:
    ///
    ///     doc-count        = Σ doc-count(i)
    ///     documents        = per part: varint (its first ordinal + shift(i) - the previous part's last
    ///                        shifted ordinal, 0 before the first), then its other documents as they are
    ///     documents-length = the length of that
    ///     positions        = every part's positions stream, in order
    ///
    /// Only a part's first document is re-encoded; its last ordinal is found by reading its documents
    /// (each checked as every reader checks it). Throws ``Malformed`` when a part's bytes do not parse
    /// or a part is empty.
    static func concatenate(_ parts: [Part], into out: inout [UInt8]) throws(Malformed) {
        /// Where a part's streams lie in its bytes, and its first and last shifted ordinals.
        struct Layout {
            var count: Int
            var rest: Range<Int>
            var positions: Range<Int>
            var first: Int
            var last: Int
        }
        var layouts: [Layout] = []
        layouts.reserveCapacity(parts.count)
        var total = 0
        for part in parts {
            let layout: Layout? = part.bytes.withUnsafeBytes { bytes in
                do throws(ByteReader.Overrun) {
                    let (count, documents, positions) = try streams(ByteReader(bytes, from: 0, to: bytes.count),
                                                                    documentCount: part.documentCount)
                    var cursor = documents
                    var delta = documents
                    _ = try delta.varint()
                    var previous = 0, first = 0, lengths = 0
                    for slot in 0..<count {
                        guard let next = nextDocument(&cursor, after: previous, documentCount: part.documentCount) else { return nil }
                        if slot == 0 { first = next.ordinal }
                        previous = next.ordinal
                        lengths += next.positionLength
                    }
                    guard count > 0, cursor.offset == cursor.end, lengths == positions.end - positions.offset else { return nil }
                    return Layout(count: count, rest: delta.offset..<documents.end, positions: positions.offset..<positions.end,
                                  first: first + part.shift, last: previous + part.shift)
                } catch {
                    return nil
                }
            }
            guard let layout else { throw Malformed() }
            layouts.append(layout)
            total += layout.count
        }
        var documentsLength = 0
        var last = 0
        for layout in layouts {
            documentsLength += varintSize(UInt64(layout.first - last)) + layout.rest.count
            last = layout.last
        }
        out.appendVarint(UInt64(total))
        out.appendVarint(UInt64(documentsLength))
        last = 0
        for (part, layout) in zip(parts, layouts) {
            out.appendVarint(UInt64(layout.first - last))
            let start = part.bytes.startIndex
            out += part.bytes[(start + layout.rest.lowerBound)..<(start + layout.rest.upperBound)]
            last = layout.last
        }
        for (part, layout) in zip(parts, layouts) {
            let start = part.bytes.startIndex
            out += part.bytes[(start + layout.positions.lowerBound)..<(start + layout.positions.upperBound)]
        }
    }
}
