extension PostingCodec {
    /// The next document of a documents stream after ordinal `previous`: its ordinal, its occurrence
    /// count and the byte length of its positions, with the checks every reader of the stream makes
    /// (the ordinal rises and stays within 1...`documentCount`, the count is > 0 and at most the
    /// length); nil when the bytes run out or break one. The bound on the lengths' sum is the caller's.
    @inline(__always)
    static func nextDocument(_ reader: inout ByteReader, after previous: Int, documentCount: Int)
        -> (ordinal: Int, occurrences: Int, positionLength: Int)? {
        guard let (delta, occurrences, positionLength) = reader.threeSingleByteVarints() ?? reader.threeVarints(),
              delta > 0, delta <= documentCount - previous, occurrences > 0, occurrences <= positionLength else { return nil }
        return (previous &+ delta, occurrences, positionLength)
    }

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
        // Ordinals are Int32s, and every count and length below is bounded by these two: the loop's
        // conversions and sums need no checks of their own (a count sum is at most the bytes consumed,
        // as each count is at most its length).
        guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max) else { throw ByteReader.Overrun() }
        var failed = false
        documents.withUnsafeMutableBufferPointer { documents in
            starts.withUnsafeMutableBufferPointer { starts in
                ends.withUnsafeMutableBufferPointer { ends in
                    var reader = cursor
                    var document = 0, total: Int32 = 0, consumed = 0
                    for slot in 0..<count {
                        guard let (next, positionCount, positionLength) = nextDocument(&reader, after: document, documentCount: documentCount),
                              positionLength <= positionBytes - consumed
                        else {
                            failed = true
                            return
                        }
                        document = next
                        documents[slot] = Int32(truncatingIfNeeded: document)
                        total &+= Int32(truncatingIfNeeded: positionCount)
                        starts[slot + 1] = total
                        consumed &+= positionLength
                        if withEnds { ends[slot] = Int32(truncatingIfNeeded: consumed) }
                    }
                    if !reader.isAtEnd || consumed != positionBytes { failed = true }
                }
            }
        }
        if failed { throw ByteReader.Overrun() }
        return DecodedDocuments(documents: documents, starts: starts, ends: ends)
    }
}

extension PostingCodec {
    /// Adds each document's occurrence count in the postings of `reader` (one term's whole bytes) to
    /// `counts[ordinal]`, reading only the documents stream, with ``decodeDocuments(_:count:documentCount:positionBytes:withEnds:)``'s
    /// checks; `counts` has `documentCount + 1` slots.
    ///
    /// A prefix that expands to many terms (`ins*`: hundreds) is their union: adding every term's
    /// counts into one array over the ordinals needs no list per term (their arrays, their
    /// reference counting and a merge were half of such a query, `talksearch bench`).
    /// Returns how many of the documents had no count before (so that the union's size is known
    /// without another pass over the ordinals).
    @discardableResult
    static func addCounts(_ reader: ByteReader, documentCount: Int, into counts: UnsafeMutableBufferPointer<Int32>) throws(Malformed) -> Int {
        precondition(counts.count > documentCount)
        do throws(ByteReader.Overrun) {
            let (count, documents, positions) = try streams(reader, documentCount: documentCount)
            var cursor = documents
            let positionBytes = positions.end - positions.offset
            // As in decodeDocuments: with these two within Int32, so is every count and sum below.
            guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max) else { throw ByteReader.Overrun() }
            var document = 0, consumed = 0, added = 0
            for _ in 0..<count {
                guard let (next, positionCount, positionLength) = nextDocument(&cursor, after: document, documentCount: documentCount),
                      positionLength <= positionBytes - consumed else { throw ByteReader.Overrun() }
                document = next
                consumed &+= positionLength
                let before = counts[document]
                let (sum, overflow) = before.addingReportingOverflow(Int32(truncatingIfNeeded: positionCount))
                guard !overflow else { throw ByteReader.Overrun() }
                if before == 0 { added &+= 1 }
                counts[document] = sum
            }
            guard cursor.isAtEnd, consumed == positionBytes else { throw ByteReader.Overrun() }
            return added
        } catch {
            throw Malformed()
        }
    }
}
