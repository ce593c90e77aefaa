/// The encoding of one term's postings, shared by the index file's postings section and the in-memory
/// index (docs/FORMAT.md):
///
///     term-postings := varint doc-count, document{doc-count}
///     document      := varint ordinal-delta, varint position-count, varint position-delta{position-count}
///
/// Ordinal deltas are from the previous document of the list (the first from 0) and are > 0; position
/// deltas are from the previous position in the same document (the first from 0), positions being
/// ``Position`` values (column << 32 | offset).
enum PostingCodec {
    struct Malformed: Error {}

    /// Decodes one term's postings from `reader`, checking that ordinals stay within 1...documentCount.
    static func decode(_ reader: inout ByteReader, documentCount: Int) throws(Malformed) -> PostingList {
        // Local arrays (not the list's fields) and a local copy of the reader: the loop then keeps
        // them in registers, with no write-back through `inout` per byte.
        var cursor = reader
        var documents: [Int32] = []
        var starts: [Int32] = [0]
        var positions: [Position] = []
        do throws(ByteReader.Overrun) {
            let count = try cursor.int()
            guard count <= documentCount else { throw ByteReader.Overrun() }
            documents.reserveCapacity(count)
            starts.reserveCapacity(count + 1)
            // Every position takes at least one byte: the bytes left bound the positions to come.
            positions.reserveCapacity(cursor.end - cursor.offset)
            var document: Int32 = 0
            for _ in 0..<count {
                let delta = try cursor.int()
                guard delta > 0, Int(document) + delta <= documentCount else { throw ByteReader.Overrun() }
                document += Int32(delta)
                let positionCount = try cursor.int()
                guard positionCount > 0, positionCount <= cursor.end - cursor.offset else { throw ByteReader.Overrun() }
                var position: Position = 0
                documents.append(document)
                for _ in 0..<positionCount {
                    position &+= Position(bitPattern: try cursor.varint())
                    positions.append(position)
                }
                starts.append(Int32(positions.count))
            }
        } catch {
            throw Malformed()
        }
        reader = cursor
        var list = PostingList()
        list.documents = documents
        list.positionStarts = starts
        list.positions = positions
        return list
    }

    /// Decodes the postings stored in `bytes[range]`.
    static func decode(_ bytes: [UInt8], range: Range<Int>, documentCount: Int) throws(Malformed) -> PostingList {
        let result = bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer, from: range.lowerBound, to: range.upperBound)
            return Result { () throws(Malformed) in try decode(&reader, documentCount: documentCount) }
        }
        return try result.get()
    }

    /// The number of documents in the postings at `bytes[range]` (the leading varint), without decoding them.
    static func documentCount(_ bytes: [UInt8], range: Range<Int>) -> Int {
        bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer, from: range.lowerBound, to: range.upperBound)
            return (try? reader.int()) ?? 0
        }
    }
}
