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
    /// allocated once at their known size, uninitialized, and filled through pointers, instead of three
    /// `append`s (each a capacity and uniqueness check) per document. (Zero-filling them first was 7% of
    /// the instructions of "python programs" on pyvideo, callgrind.) Every slot is written before the
    /// arrays are returned; on a failure they are cut to what was written, then dropped.
    static func decodeDocuments(_ cursor: ByteReader, count: Int, documentCount: Int, positionBytes: Int,
                                withEnds: Bool) throws(ByteReader.Overrun) -> DecodedDocuments {
        // Ordinals are Int32s, and every count and length below is bounded by these two: the loop's
        // conversions and sums need no checks of their own (a count sum is at most the bytes consumed,
        // as each count is at most its length).
        guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max) else { throw ByteReader.Overrun() }
        var written = 0, failed = false
        var starts: [Int32] = [], ends: [Int32] = []
        let documents = [Int32](unsafeUninitializedCapacity: count) { documents, documentsCount in
            starts = [Int32](unsafeUninitializedCapacity: count + 1) { starts, startsCount in
                ends = [Int32](unsafeUninitializedCapacity: withEnds ? count : 0) { ends, endsCount in
                    var reader = cursor
                    let filled = withEnds
                        ? fill(&reader, count: count, documentCount: documentCount, positionBytes: positionBytes,
                               documents: documents.baseAddress, starts: starts.baseAddress!, ends: ends.baseAddress, withEnds: true)
                        : fill(&reader, count: count, documentCount: documentCount, positionBytes: positionBytes,
                               documents: documents.baseAddress, starts: starts.baseAddress!, ends: nil, withEnds: false)
                    written = filled.written
                    failed = written < count || !reader.isAtEnd || filled.consumed != positionBytes || filled.document > documentCount
                    endsCount = withEnds ? written : 0
                }
                startsCount = written + 1
            }
            documentsCount = written
        }
        if failed { throw ByteReader.Overrun() }
        return DecodedDocuments(documents: documents, starts: starts, ends: ends)
    }

    /// ``decodeDocuments(_:count:documentCount:positionBytes:withEnds:)``'s loop: fills `documents`,
    /// `starts` (from `starts[0] = 0`) and, with `withEnds`, `ends`, until `count` documents are
    /// written or one breaks a check; returns how many were written, the last ordinal and the position
    /// bytes they take (the caller checks those against the bounds that only rise).
    ///
    /// A function of its own, with its state in locals: inlined into the decoder, the ordinal and
    /// the bytes consumed lived on the stack (the decoder's other values held the registers), each
    /// document a load and a store of both, 35 instructions a document (`description: "a life"` on
    /// pyvideo spent 40% of its time here).
    @inline(__always)
    private static func fill(_ reader: inout ByteReader, count: Int, documentCount: Int, positionBytes: Int,
                             documents: UnsafeMutablePointer<Int32>?, starts: UnsafeMutablePointer<Int32>,
                             ends: UnsafeMutablePointer<Int32>?, withEnds: Bool) -> (written: Int, document: Int, consumed: Int) {
        starts[0] = 0
        guard count > 0, let documents,
              let base = reader.base.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (0, 0, 0) }
        var written = 0, document = 0, total: Int32 = 0, consumed = 0
        var offset = reader.offset
        let end = reader.end
        while written < count {
            // Runs of documents whose three values are below 128 (most of them): the ordinal's and
            // the lengths' bounds hold for every document once they hold for the last (both only
            // rise), checked by the caller.
            while written < count, end &- offset >= 3 {
                let first = base[offset], second = base[offset &+ 1], third = base[offset &+ 2]
                guard (first | second | third) < 0x80 else { break }
                guard first > 0, second &- 1 < third else { return (written, document, consumed) }
                offset &+= 3
                document &+= Int(first)
                documents[written] = Int32(truncatingIfNeeded: document)
                total &+= Int32(truncatingIfNeeded: second)
                starts[written &+ 1] = total
                consumed &+= Int(third)
                if withEnds { ends.unsafelyUnwrapped[written] = Int32(truncatingIfNeeded: consumed) }
                written &+= 1
            }
            guard written < count else { break }
            guard let (next, occurrences, length, after) = longDocument(reader, at: offset, previous: document,
                                                                        documentCount: documentCount),
                  length <= positionBytes &- consumed else { break }
            offset = after
            document = next
            documents[written] = Int32(truncatingIfNeeded: document)
            total &+= Int32(truncatingIfNeeded: occurrences)
            starts[written &+ 1] = total
            consumed &+= length
            if withEnds { ends.unsafelyUnwrapped[written] = Int32(truncatingIfNeeded: consumed) }
            written &+= 1
        }
        reader.offset = offset
        return (written, document, consumed)
    }

    /// One document read by ``nextDocument(_:after:documentCount:)`` at `offset` (a value of 128 or
    /// more, or the stream's last bytes), and the offset after it; out of line, so that the loop of
    /// ``fill`` keeps its state in registers.
    @inline(never)
    private static func longDocument(_ reader: ByteReader, at offset: Int, previous: Int, documentCount: Int)
        -> (ordinal: Int, occurrences: Int, positionLength: Int, after: Int)? {
        var reader = reader
        reader.offset = offset
        guard let (next, occurrences, length) = nextDocument(&reader, after: previous, documentCount: documentCount) else { return nil }
        return (next, occurrences, length, reader.offset)
    }
}

extension PostingCodec {
    /// Calls `body(ordinal, count)` for each document of the postings of `reader` (one term's whole
    /// bytes) in order, reading only the documents stream, with ``decodeDocuments(_:count:documentCount:positionBytes:withEnds:)``'s
    /// checks (the count is > 0 and at most its byte length, so within `Int32`). Inlined into each
    /// caller, so its loop is the caller's own.
    @inline(__always)
    static func forEachCount(_ reader: ByteReader, documentCount: Int,
                             _ body: (Int, Int32) throws(ByteReader.Overrun) -> Void) throws(Malformed) {
        do throws(ByteReader.Overrun) {
            let (count, documents, positions) = try streams(reader, documentCount: documentCount)
            var cursor = documents
            let positionBytes = positions.end - positions.offset
            // As in decodeDocuments: with these two within Int32, so is every count and sum below.
            guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max) else { throw ByteReader.Overrun() }
            var document = 0, consumed = 0
            for _ in 0..<count {
                guard let (next, positionCount, positionLength) = nextDocument(&cursor, after: document, documentCount: documentCount),
                      positionLength <= positionBytes - consumed else { throw ByteReader.Overrun() }
                document = next
                consumed &+= positionLength
                try body(document, Int32(truncatingIfNeeded: positionCount))
            }
            guard cursor.isAtEnd, consumed == positionBytes else { throw ByteReader.Overrun() }
        } catch {
            throw Malformed()
        }
    }

    /// Adds each document's occurrence count in the postings of `reader` (one term's whole bytes) to
    /// `counts[ordinal]` (``forEachCount(_:documentCount:_:)``); `counts` has `documentCount + 1` slots.
    ///
    /// A prefix that expands to many terms (`ins*`: hundreds) is their union: adding every term's
    /// counts into one array over the ordinals needs no list per term (their arrays, their
    /// reference counting and a merge were half of such a query, `talksearch bench`).
    /// Returns how many of the documents had no count before (so that the union's size is known
    /// without another pass over the ordinals).
    @discardableResult
    static func addCounts(_ reader: ByteReader, documentCount: Int, into counts: UnsafeMutableBufferPointer<Int32>) throws(Malformed) -> Int {
        precondition(counts.count > documentCount)
        var added = 0
        try forEachCount(reader, documentCount: documentCount) { document, occurrences throws(ByteReader.Overrun) in
            let before = counts[document]
            let (sum, overflow) = before.addingReportingOverflow(occurrences)
            guard !overflow else { throw ByteReader.Overrun() }
            if before == 0 { added &+= 1 }
            counts[document] = sum
        }
        return added
    }

    /// Appends one key per document of the postings of `reader` (one term's whole bytes) to `keys`:
    /// ordinal << 32 | occurrence count (``forEachCount(_:documentCount:_:)``), for a union by
    /// sorting (``PostingList/summing(sortedKeys:)``).
    static func appendCountKeys(_ reader: ByteReader, documentCount: Int, to keys: inout [UInt64]) throws(Malformed) {
        try forEachCount(reader, documentCount: documentCount) { document, occurrences in
            keys.append(UInt64(document) << 32 | UInt64(UInt32(bitPattern: occurrences)))
        }
    }
}
