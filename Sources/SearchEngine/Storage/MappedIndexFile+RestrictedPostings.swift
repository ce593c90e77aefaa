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
        guard let kept = groups.groups.cut(documents, documentCount: meta.documentCount, positionBytes: positionBytes,
                                           candidates: candidates) else { throw malformed }
        var list = PostingList()
        list.detail = withPositions ? .encoded : .counts
        list.documents = kept.map(\.ordinal)
        var total: Int32 = 0
        list.positionStarts = [Int32](unsafeUninitializedCapacity: kept.count + 1) { starts, written in
            starts[0] = 0
            for (slot, document) in kept.enumerated() {
                total += document.occurrences
                starts[slot + 1] = total
            }
            written = kept.count + 1
        }
        if withPositions {
            // The kept documents' position bytes, one after another (lengths sum to at most the
            // positions stream's, which the groups checked).
            let streamBytes = kept.reduce(0) { $0 + Int($1.positionLength) }
            var ends: [Int32] = []
            ends.reserveCapacity(kept.count)
            list.positionStream = [UInt8](unsafeUninitializedCapacity: streamBytes) { stream, written in
                var at = 0
                for document in kept {
                    let start = positions.offset + Int(document.positionStart), length = Int(document.positionLength)
                    UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: stream[at..<(at + length)]))
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
                    at += length
                    ends.append(Int32(at))
                }
                written = at
            }
            list.positionEnds = ends
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
