extension MappedIndexFile {
    /// The pairs section (docs/FORMAT.md, section 11), verified whole and decoded on first use, then
    /// kept: the common terms and the pair keys, with offsets into the pair postings section.
    func commonPairs() throws(IndexFileError) -> CommonPairs {
        try pairCache.get(decodePairs)
    }

    private func decodePairs() throws(IndexFileError) -> CommonPairs {
        let info = sections[.pairs]!, postings = sections[.pairPostings]!
        var reader = try wholeSection(.pairs)
        var pairs = CommonPairs()
        do throws(ByteReader.Overrun) {
            let commonCount = Int(try reader.u64()), pairCount = Int(try reader.u64())
            guard commonCount <= info.length / 4, pairCount <= info.length / 16,
                  16 + commonCount * 4 + pairCount * 8 + (pairCount + 1) * 8 == info.length else { throw ByteReader.Overrun() }
            pairs.commonTerms.reserveCapacity(commonCount)
            for _ in 0..<commonCount { pairs.commonTerms.append(Int32(truncatingIfNeeded: try reader.u32())) }
            pairs.keys.reserveCapacity(pairCount)
            for _ in 0..<pairCount { pairs.keys.append(try reader.u64()) }
            pairs.postingOffsets = []
            pairs.postingOffsets.reserveCapacity(pairCount + 1)
            for _ in 0...pairCount { pairs.postingOffsets.append(Int(truncatingIfNeeded: try reader.u64())) }
        } catch {
            throw IndexFileError(file: path, section: Section.pairs.name, reason: "truncated")
        }
        if let problem = pairs.problem(termCount: meta.termCount, postingsLength: postings.length) {
            throw IndexFileError(file: path, section: Section.pairs.name, reason: problem)
        }
        return pairs
    }

    /// The verified byte range, from the start of the file, of pair `slot`'s postings.
    private func pairPostingRange(at slot: Int) throws(IndexFileError) -> Range<Int> {
        let range = try commonPairs().postingRange(at: slot)
        try verify(.pairPostings, range: range)
        let offset = sections[.pairPostings]!.offset
        return (offset + range.lowerBound)..<(offset + range.upperBound)
    }

    /// Pair `slot`'s postings (its documents and the positions where the pair starts) to `detail`.
    func pairPostings(at slot: Int, detail: PostingList.Detail) throws(IndexFileError) -> PostingList {
        let range = try pairPostingRange(at: slot)
        var reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        do throws(PostingCodec.Malformed) {
            return try PostingCodec.decode(&reader, documentCount: meta.documentCount, detail: detail)
        } catch {
            throw IndexFileError(file: path, section: Section.pairPostings.name, reason: "pair \(slot) is malformed")
        }
    }

    func encodedPairPostings(at slot: Int) throws(IndexFileError) -> [UInt8] {
        Array(bytes[try pairPostingRange(at: slot)])
    }
}
