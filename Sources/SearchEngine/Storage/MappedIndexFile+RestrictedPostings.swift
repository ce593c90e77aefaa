extension MappedIndexFile {
    /// Term `index`'s postings (``PostingList/Detail/encoded``) cut to `candidates` (ascending): the
    /// documents of its list that are candidates, with their counts and their positions' bytes; nil
    /// when the list is too short to have term blocks (section 14). A phrase matched from a short
    /// list and this one needs no other document of it ("the price": 14 documents against the's 15,000).
    ///
    /// The list is read by its ``SkipGroups`` (made by one checked pass over its documents stream on
    /// the list's first cut, kept with the file): per candidate, its group's documents from the
    /// group's first up to it, so a cut decodes at most ``SkipGroups/size`` documents per candidate
    /// and skips the groups that hold none.
    ///
    /// With `detail` `.counts` (an AND's terms) the positions are neither read nor verified.
    func postings(at index: Int, restrictedTo candidates: [Int32], detail: PostingList.Detail = .encoded) throws(IndexFileError) -> PostingList? {
        guard try blockedList(at: index) != nil else { return nil }
        let withPositions = detail != .counts
        let range = withPositions ? try postingRange(at: index) : try documentsRange(at: index)
        let malformed = IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
        guard let (count, documents, positions) = try? PostingCodec.streams(ByteReader(bytes, from: range.lowerBound, to: range.upperBound),
                                                                            documentCount: meta.documentCount) else { throw malformed }
        let groups = try skipGroups(of: index, documents: documents, count: count)
        let positionBytes = groups.positionBytes
        // Without the positions the reader's range ends at the documents stream; with them it must
        // reach as far as the groups say they run.
        guard !withPositions || positions.end - positions.offset == positionBytes else { throw malformed }
        var list = PostingList()
        list.detail = withPositions ? .encoded : .counts
        list.positionStarts = [0]
        let groupCount = groups.groups.count, documentCount = meta.documentCount
        let ordinalsBefore = groups.groups.ordinalsBefore, documentOffsets = groups.groups.documentOffsets
        let positionOffsets = groups.groups.positionOffsets
        let most = min(candidates.count, count)
        list.documents.reserveCapacity(most)
        list.positionStarts.reserveCapacity(most + 1)
        if withPositions { list.positionEnds.reserveCapacity(most) }
        var group = 0, candidate = 0, total: Int32 = 0
        while candidate < candidates.count {
            var wanted = Int(candidates[candidate])
            // The group that holds `wanted` if the list does: the last whose ordinal before is below it.
            while group + 1 < groupCount && Int(ordinalsBefore[group + 1]) < wanted { group += 1 }
            let isLast = group + 1 == groupCount
            // The group holds ordinals in (ordinalsBefore[group], last].
            let last = isLast ? documentCount : Int(ordinalsBefore[group + 1])
            var cursor = ByteReader(documents.base, from: documents.offset + Int(documentOffsets[group]), to: documents.end)
            var ordinal = Int(ordinalsBefore[group])
            var consumed = Int(positionOffsets[group])
            let end = isLast ? positionBytes : Int(positionOffsets[group + 1])
            let size = isLast ? count - SkipGroups.size * group : SkipGroups.size
            for _ in 0..<size {
                guard wanted <= last else { break }
                let occurrences: Int, length: Int
                if let (delta, small, bytes) = cursor.threeSingleByteVarints() {
                    // One byte each (most documents): the checks of nextDocument, the ordinal's bound
                    // by the group's last ordinal.
                    guard delta > 0, small > 0, small <= bytes, ordinal + delta <= last else { throw malformed }
                    ordinal += delta
                    (occurrences, length) = (small, bytes)
                } else {
                    guard let (next, many, bytes) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: last) else {
                        throw malformed
                    }
                    ordinal = next
                    (occurrences, length) = (many, bytes)
                }
                guard length <= end - consumed else { throw malformed }
                // Candidates the list does not hold are passed.
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
            // Every candidate up to the group's last ordinal is settled; past the last group none is held.
            guard !isLast else { break }
            group += 1
        }
        return list
    }

    /// Term `index`'s skip groups over its documents stream `documents` of `count` documents, made
    /// on first use (``SkipGroups/of(_:count:documentCount:positionBytes:)``) and kept with the file,
    /// with the length of its positions stream.
    private func skipGroups(of index: Int, documents: ByteReader, count: Int) throws(IndexFileError) -> (groups: SkipGroups, positionBytes: Int) {
        let made = try skipGroupCache.get(index) { () throws(IndexFileError) -> KeptSkipGroups in
            // The whole list's bytes (the caller may hold only its documents stream).
            let range = try postingRange(at: index)
            guard let (_, _, positions) = try? PostingCodec.streams(ByteReader(bytes, from: range.lowerBound, to: range.upperBound),
                                                                    documentCount: meta.documentCount),
                  let groups = try? SkipGroups.of(documents, count: count, documentCount: meta.documentCount,
                                                  positionBytes: positions.end - positions.offset) else {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) is malformed")
            }
            return KeptSkipGroups(groups: groups, positionBytes: positions.end - positions.offset)
        }
        return (made.groups, made.positionBytes)
    }

    /// A term's skip groups with the length of its positions stream, as kept per term.
    struct KeptSkipGroups: Sendable {
        let groups: SkipGroups
        let positionBytes: Int
    }
}
