extension MappedIndexFile {
    /// Term `index`'s postings (``PostingList/Detail/encoded``) cut to `candidates` (ascending): the
    /// documents of its list that are candidates, with their counts and their positions' bytes, read
    /// from the blocks of the list (``TermBlocks``, section 14) that hold some candidate, each up to
    /// its last candidate; nil when the list has no blocks. A phrase matched from a short list
    /// and this one needs no other document of it ("the price": 14 documents against the's 15,000).
    ///
    /// The blocks give where each starts in the documents stream; where its positions start is the
    /// sum of the position lengths before it, which one decoding of the stream adds up on the list's
    /// first use (``blockPositionOffsets(_:positions:term:)``), kept with the file.
    ///
    /// With `detail` `.counts` (an AND's terms) the positions are neither read, verified nor located.
    func postings(at index: Int, restrictedTo candidates: [Int32], detail: PostingList.Detail = .encoded) throws(IndexFileError) -> PostingList? {
        guard let blocked = try blockedList(at: index) else { return nil }
        let withPositions = detail != .counts
        let range = withPositions ? try postingRange(at: index) : try documentsRange(at: index)
        let malformed = IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
        guard let (count, _, positions) = try? PostingCodec.streams(ByteReader(bytes, from: range.lowerBound, to: range.upperBound),
                                                                    documentCount: meta.documentCount) else { throw malformed }
        let positionBytes = positions.end - positions.offset
        let offsets = withPositions ? try blockPositionOffsets(blocked, positions: positionBytes, term: index) : nil
        let blocks = blocked.blocks, size = blocked.blockSize
        var list = PostingList()
        list.detail = withPositions ? .encoded : .counts
        list.positionStarts = [0]
        var candidate = 0, total: Int32 = 0
        for block in 0..<blocks.count {
            let last = block + 1 < blocks.count ? blocks.ordinalsBefore[block + 1] : Int32(meta.documentCount)
            // The block holds ordinals in (ordinalsBefore[block], last].
            while candidate < candidates.count && candidates[candidate] <= blocks.ordinalsBefore[block] { candidate += 1 }
            guard candidate < candidates.count else { break }
            guard candidates[candidate] <= last else { continue }
            var cursor = blocked.cursor(ofBlock: block).reader
            var ordinal = Int(blocks.ordinalsBefore[block])
            // Where the block's positions end and start (no bound when they are not read).
            let end = offsets.map { block + 1 < blocks.count ? $0[block + 1] : positionBytes } ?? Int.max
            var consumed = offsets?[block] ?? 0
            // The block's documents up to its last candidate, the candidates among them kept; `wanted`
            // is the next candidate's ordinal (above every ordinal once they run out).
            var wanted = Int(candidates[candidate])
            for _ in 0..<(block + 1 < blocks.count ? size : count - size * (blocks.count - 1)) {
                guard wanted <= Int(last) else { break }
                let occurrences: Int, length: Int
                if let (delta, small, bytes) = cursor.threeSingleByteVarints() {
                    // One byte each (most documents): the checks of nextDocument, the ordinal's bound
                    // by the block's last ordinal.
                    guard delta > 0, small > 0, small <= bytes, ordinal + delta <= Int(last) else { throw malformed }
                    ordinal += delta
                    (occurrences, length) = (small, bytes)
                } else {
                    guard let (next, many, bytes) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: meta.documentCount) else {
                        throw malformed
                    }
                    ordinal = next
                    (occurrences, length) = (many, bytes)
                }
                guard length <= end - consumed else { throw malformed }
                while wanted < ordinal {
                    candidate += 1
                    wanted = candidate < candidates.count ? Int(candidates[candidate]) : Int.max
                }
                if wanted == ordinal {
                    total += Int32(occurrences)
                    list.documents.append(Int32(ordinal))
                    list.positionStarts.append(total)
                    if withPositions {
                        let start = positions.offset + consumed
                        list.positionStream += UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])
                        list.positionEnds.append(Int32(list.positionStream.count))
                    }
                    candidate += 1
                    wanted = candidate < candidates.count ? Int(candidates[candidate]) : Int.max
                }
                consumed += length
            }
        }
        return list
    }

    /// Per block of `list` (term `term`'s), where its first document's positions start in the
    /// term's positions stream of `positions` bytes: the position ends of the documents stream decoded
    /// whole on first use (``PostingCodec/decodeDocuments(_:count:documentCount:positionBytes:withEnds:)``,
    /// whose checks include that the lengths fill the stream exactly), at each block's first document.
    private func blockPositionOffsets(_ list: BlockedList, positions: Int, term: Int) throws(IndexFileError) -> [Int] {
        try blockPositionCache.get(term) { () throws(IndexFileError) -> [Int] in
            guard let decoded = try? PostingCodec.decodeDocuments(list.documents, count: list.count, documentCount: meta.documentCount,
                                                                  positionBytes: positions, withEnds: true) else {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(term) is malformed")
            }
            return stride(from: 0, to: list.count, by: list.blockSize).map { $0 == 0 ? 0 : Int(decoded.ends[$0 - 1]) }
        }
    }
}
