extension PostingCodec {
    /// Decodes a term's positions stream (``PostingCodec``) into one array: document i's position
    /// steps are entries `starts[i] ..< starts[i + 1]`, restarting from 0, and must end exactly at byte
    /// `ends[i]` of the stream (both checked: a malformed stream throws, never reads outside `stream`).
    ///
    /// Unsafe storage because this loop is a phrase query's main cost: writing into the array's
    /// uninitialized capacity, with the count known from the documents stream, avoids `append`'s
    /// capacity and uniqueness checks per position (pyvideo phrase queries, `talksearch bench`).
    static func decodePositions(_ stream: ByteReader, starts: [Int32], ends: [Int32]) throws(ByteReader.Overrun) -> [Position] {
        let total = Int(starts[starts.count - 1])
        var failed = false
        let positions = [Position](unsafeUninitializedCapacity: total) { output, initialized in
            var cursor = stream
            let base = cursor.offset
            var slot = 0
            outer: for document in 0..<(starts.count - 1) {
                let end = Int(starts[document + 1])
                var position: Position = 0
                while slot < end {
                    guard let next = try? cursor.position(after: position) else {
                        failed = true
                        break outer
                    }
                    position = next
                    output.initializeElement(at: slot, to: position)
                    slot += 1
                }
                if cursor.offset - base != Int(ends[document]) {
                    failed = true
                    break
                }
            }
            initialized = slot
        }
        if failed { throw ByteReader.Overrun() }
        return positions
    }
}
