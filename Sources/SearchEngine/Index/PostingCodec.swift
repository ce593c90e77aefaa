/// The encoding of one term's postings, shared by the index file's postings section and the in-memory
/// index (docs/FORMAT.md, since format 6):
///
///     term-postings := varint doc-count, varint documents-length, documents, positions
///     documents     := document{doc-count}                       (documents-length bytes)
///     document      := varint ordinal-delta, varint position-count, varint position-length
///     positions     := step{Σ position-count}                     (the rest of the term's bytes)
///     step          := varint (offset-delta << 1)                      to a later offset of the same column
///                    | varint (column-delta << 1 | 1), varint offset   to a later column
///
/// Ordinal deltas are from the previous document of the list (the first from 0) and are > 0. Document
/// i's positions are the next `position-count(i)` steps of `positions`, taking `position-length(i)`
/// bytes; each step is from the previous position in the same document (the first from position 0,
/// column 0 offset 0), positions being ``Position`` values (column << 32 | offset). A step to another
/// column names the column by its distance and the offset in full: a document's first position in the
/// description (column 2) takes two or three bytes, where its plain delta (2 << 32 | offset) took five.
///
/// The documents come first and apart from the positions so that a reader that needs only documents and
/// term frequencies (a term's bm25 without column weights or filters, a prefix's union, an AND's
/// candidates) reads about three bytes per document and never touches the positions; the lengths let
/// it skip them exactly and check that the two streams agree.
enum PostingCodec {
    struct Malformed: Error {}

    /// Decodes one term's postings from `reader` to `detail`, checking that ordinals stay within
    /// 1...documentCount and that the documents' position lengths account for every byte of the
    /// positions; `.positions` also checks that each document's deltas end where its length says.
    /// (`.encoded` leaves that to the per-document decoder, which never reads outside the term's bytes;
    /// `talksearch check` decodes every list fully.)
    static func decode(_ reader: inout ByteReader, documentCount: Int, detail: PostingList.Detail = .positions) throws(Malformed) -> PostingList {
        let withPositions = detail != .counts
        var documents: [Int32] = []
        var starts: [Int32] = [0]
        var positions: [Position] = []
        var stream: [UInt8] = []
        var positionEnds: [Int32] = []
        do throws(ByteReader.Overrun) {
            let (count, cursor, positionCursor) = try streams(reader, documentCount: documentCount)
            let positionBytes = positionCursor.end - positionCursor.offset
            let decoded = try decodeDocuments(cursor, count: count, documentCount: documentCount, positionBytes: positionBytes,
                                              withEnds: withPositions)
            documents = decoded.documents
            starts = decoded.starts
            let ends = decoded.ends
            switch detail {
            case .positions: positions = try decodePositions(positionCursor, starts: starts, ends: ends)
            case .encoded: stream = Array(UnsafeRawBufferPointer(rebasing: positionCursor.base[positionCursor.offset..<positionCursor.end]))
            case .counts: break
            }
            positionEnds = detail == .encoded ? ends : []
            reader.offset = positionCursor.end
        } catch {
            throw Malformed()
        }
        var list = PostingList()
        list.documents = documents
        list.positionStarts = starts
        list.positions = positions
        list.positionStream = stream
        list.positionEnds = positionEnds
        list.detail = detail
        return list
    }

    /// The header of one term's postings in `reader` (its whole bytes): the document count (at most
    /// `documentCount`) and readers over the documents stream and the positions stream, which
    /// together run to the end of the term's bytes.
    static func streams(_ reader: ByteReader, documentCount: Int) throws(ByteReader.Overrun) -> (count: Int, documents: ByteReader, positions: ByteReader) {
        var header = reader
        let count = try header.int()
        let documentsLength = try header.int()
        guard count <= documentCount, documentsLength <= header.end - header.offset else { throw ByteReader.Overrun() }
        let documents = ByteReader(header.base, from: header.offset, to: header.offset + documentsLength)
        return (count, documents, ByteReader(header.base, from: documents.end, to: header.end))
    }

    /// Decodes the postings stored in `bytes[range]`.
    static func decode(_ bytes: [UInt8], range: Range<Int>, documentCount: Int, detail: PostingList.Detail = .positions) throws(Malformed) -> PostingList {
        let result = bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer, from: range.lowerBound, to: range.upperBound)
            return Result { () throws(Malformed) in try decode(&reader, documentCount: documentCount, detail: detail) }
        }
        return try result.get()
    }

    /// Appends the step from `previous` to `position` (a later position of the same document; the
    /// first from 0) to a positions stream.
    @inline(__always)
    static func appendStep(from previous: Position, to position: Position, into bytes: inout [UInt8]) {
        let column = Positions.column(position), previousColumn = Positions.column(previous)
        if column == previousColumn {
            bytes.appendVarint(UInt64(Positions.offset(position) - Positions.offset(previous)) << 1)
        } else {
            bytes.appendVarint(UInt64(column - previousColumn) << 1 | 1)
            bytes.appendVarint(UInt64(Positions.offset(position)))
        }
    }

    /// The number of documents in the postings at `bytes[range]` (the leading varint), without decoding them.
    static func documentCount(_ bytes: [UInt8], range: Range<Int>) -> Int {
        bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer, from: range.lowerBound, to: range.upperBound)
            return (try? reader.int()) ?? 0
        }
    }
}
