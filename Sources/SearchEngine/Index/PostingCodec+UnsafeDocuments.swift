extension PostingCodec {
    /// A term's documents stream decoded (``PostingCodec``): each document's ordinal, the prefix sums of
    /// its position counts (`starts`, from 0, one more than the documents) and, with `withEnds`, where
    /// each document's position bytes end in the positions stream (`ends`).
    struct DecodedDocuments {
        var documents: [Int32]
        var starts: [Int32]
        var ends: [Int32]
    }

    /// Decodes `count` documents from `cursor` (which must then be at its end), checking that ordinals
    /// increase within 1...documentCount, that every count is > 0 and at most its byte length, and that
    /// the lengths add up to `positionBytes` exactly.
    ///
    /// Unsafe storage because this loop is a third of a phrase query's time once the phrase itself is
    /// matched leaf by leaf (`talksearch bench`, the public phrase queries): the three arrays are
    /// allocated once at their known size and filled through pointers, instead of three `append`s
    /// (each a capacity and uniqueness check) per document.
    static func decodeDocuments(_ cursor: ByteReader, count: Int, documentCount: Int, positionBytes: Int,
                                withEnds: Bool) throws(ByteReader.Overrun) -> DecodedDocuments {
        var documents = [Int32](repeating: 0, count: count)
        var starts = [Int32](repeating: 0, count: count + 1)
        var ends = [Int32](repeating: 0, count: withEnds ? count : 0)
        var failed = false
        documents.withUnsafeMutableBufferPointer { documents in
            starts.withUnsafeMutableBufferPointer { starts in
                ends.withUnsafeMutableBufferPointer { ends in
                    var reader = cursor
                    var document = 0, total: Int32 = 0, consumed = 0
                    for slot in 0..<count {
                        guard let delta = try? reader.int(), let positionCount = try? reader.int(),
                              let positionLength = try? reader.int(),
                              delta > 0, document + delta <= documentCount,
                              positionCount > 0, positionCount <= positionLength, positionLength <= positionBytes - consumed
                        else {
                            failed = true
                            return
                        }
                        document += delta
                        documents[slot] = Int32(document)
                        total += Int32(positionCount)
                        starts[slot + 1] = total
                        consumed += positionLength
                        if withEnds { ends[slot] = Int32(consumed) }
                    }
                    if !reader.isAtEnd || consumed != positionBytes { failed = true }
                }
            }
        }
        if failed { throw ByteReader.Overrun() }
        return DecodedDocuments(documents: documents, starts: starts, ends: ends)
    }
}
