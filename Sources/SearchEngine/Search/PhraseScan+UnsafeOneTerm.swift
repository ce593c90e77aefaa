extension PhraseScan {
    /// A phrase of one exact term without `^` (`title: python`), scanned straight from the term's
    /// postings bytes (`reader`: its whole bytes, ``PostingCodec``) in one pass over its documents
    /// stream and its positions stream together: the documents where the term occurs in an allowed
    /// column, and at each
    ///
    ///     f = Σ over its positions p in allowed columns, in order, of weight[column(p)]
    ///
    /// the frequency ``scan(_:columns:mustStartColumn:weights:)`` gives for the same list read whole,
    /// bit for bit (the same additions in the same order). A document's positions are read up to the
    /// first step into a column after the last allowed one (``ByteReader/position(after:columnAtMost:)``),
    /// so a title filter reads most documents' positions at one byte; a malformed step ends the
    /// document's positions early, as the scan of a decoded list does.
    ///
    /// The list's documents stream is checked as ``PostingCodec/decodeDocuments(_:count:documentCount:positionBytes:withEnds:)``
    /// checks it (ordinals rise within 1...documentCount, each count is > 0 and at most its byte
    /// length, the lengths add up to the positions stream exactly): a list that breaks one throws,
    /// as decoding it would.
    ///
    /// Unsafe storage as in the scan of a decoded list: the two results are written through the buffers
    /// of arrays allocated at the list's length, then cut to the documents found. Reading the list
    /// whole first (its documents, position counts and ends as three arrays, its positions copied out
    /// of the file) was two fifths of `title: python` (perf, pyvideo).
    static func scanOneTerm(_ reader: ByteReader, documentCount: Int, allowed: [Bool], weights: [Double])
        throws(PostingCodec.Malformed) -> Result {
        guard let lastColumn = allowed.lastIndex(of: true) else { return Result() }
        let lastStart = Position(lastColumn) << 32 | 0xFFFF_FFFF, columnCount = allowed.count
        var found = 0, failed = false
        var frequencies: [Double] = []
        let documents: [Int32]
        do throws(ByteReader.Overrun) {
            let (count, documentsStream, positions) = try PostingCodec.streams(reader, documentCount: documentCount)
            let positionBytes = positions.end - positions.offset
            guard documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max) else { throw ByteReader.Overrun() }
            var cursor = documentsStream
            var document = 0, consumed = 0, read = 0
            documents = [Int32](unsafeUninitializedCapacity: count) { documents, documentsCount in
                frequencies = [Double](unsafeUninitializedCapacity: count) { frequencies, frequenciesCount in
                    while read < count {
                        guard let (next, occurrences, length) = PostingCodec.nextDocument(&cursor, after: document, documentCount: documentCount),
                              length <= positionBytes - consumed else { break }
                        let start = positions.offset + consumed
                        document = next
                        consumed &+= length
                        read += 1
                        // A first step of one byte into a column past the last allowed (most documents
                        // of a common word under a title filter) ends the document before a reader is
                        // made: its positions are at least one byte (a count is at most its length).
                        let first = positions.base[start]
                        if first & 0x81 == 1 && Int(first >> 1) > lastColumn { continue }
                        var steps = ByteReader(positions.base, from: start, to: positions.end)
                        var frequency = 0.0, matched = false, last: Position = 0
                        for _ in 0..<occurrences {
                            guard let position = try? steps.position(after: last, columnAtMost: Position(lastColumn)),
                                  position <= lastStart else { break }
                            last = position
                            let column = Positions.column(position)
                            guard column >= 0, column < columnCount, allowed[column] else { continue }
                            frequency += weights[column]
                            matched = true
                        }
                        guard matched else { continue }
                        documents[found] = Int32(truncatingIfNeeded: document)
                        frequencies[found] = frequency
                        found += 1
                    }
                    failed = read < count || !cursor.isAtEnd || consumed != positionBytes
                    frequenciesCount = found
                }
                documentsCount = found
            }
        } catch {
            throw PostingCodec.Malformed()
        }
        if failed { throw PostingCodec.Malformed() }
        return Result(documents: documents, frequencies: frequencies)
    }
}
