/// Where every group of ``size`` consecutive documents of one term's list starts, for reading the
/// list at a few of its documents without decoding the others (``MappedIndexFile/postings(at:restrictedTo:detail:)``):
///
///     group g = documents g·size ..< min((g + 1)·size, count) of the list
///     ordinalsBefore[g]  = the ordinal of document g·size − 1 (0 for g = 0)
///     documentOffsets[g] = where document g·size starts in the documents stream
///     positionOffsets[g] = Σ position-length of documents 0 ..< g·size (where its positions start)
///
/// so a document of ordinal o, if the list holds it, is in the last group whose ordinal before is
/// below o, at most `size − 1` documents after the group's first. Made from the documents stream in
/// one checked pass (``PostingCodec``'s rules: ordinals rise within 1...documentCount, every count is
/// at least 1 and at most its byte length, the lengths fill the positions exactly): 12 bytes per group.
struct SkipGroups: Equatable, Sendable {
    /// Documents per group: a cut list decodes on average `(size − 1) / 2` documents it does not keep
    /// per candidate, and keeps 12 / `size` bytes per document of the list.
    static let size = 8

    var ordinalsBefore: [Int32] = []
    var documentOffsets: [Int32] = []
    var positionOffsets: [Int32] = []
    /// The list's length.
    var documents = 0

    var count: Int { ordinalsBefore.count }

    struct Malformed: Error {}

    /// The groups of the `count` documents of `stream` (a term's documents stream, whole), whose
    /// documents' position lengths must add up to `positionBytes`, in an index of `documentCount`
    /// documents.
    static func of(_ stream: ByteReader, count: Int, documentCount: Int, positionBytes: Int) throws(Malformed) -> SkipGroups {
        guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max), stream.end - stream.offset <= Int(Int32.max) else {
            throw Malformed()
        }
        var groups = SkipGroups(documents: count)
        let groupCount = (count + size - 1) / size
        groups.ordinalsBefore.reserveCapacity(groupCount)
        groups.documentOffsets.reserveCapacity(groupCount)
        groups.positionOffsets.reserveCapacity(groupCount)
        var cursor = stream, ordinal = 0, consumed = 0
        for document in 0..<count {
            if document % size == 0 {
                groups.ordinalsBefore.append(Int32(ordinal))
                groups.documentOffsets.append(Int32(cursor.offset - stream.offset))
                groups.positionOffsets.append(Int32(consumed))
            }
            guard let (next, _, length) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: documentCount),
                  length <= positionBytes - consumed else { throw Malformed() }
            ordinal = next
            consumed += length
        }
        guard cursor.isAtEnd, consumed == positionBytes else { throw Malformed() }
        return groups
    }
}
