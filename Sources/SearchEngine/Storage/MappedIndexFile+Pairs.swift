extension MappedIndexFile {
    /// The pairs section (docs/FORMAT.md, section 11), verified whole and decoded on first use, then
    /// kept: the common terms and the pair keys, with offsets into the pair postings section.
    func commonPairs() throws(IndexFileError) -> CommonPairs {
        try pairCache.get(decodePairs)
    }

    /// The common terms at the head of the pairs section (section 11: `varint commonCount, varint
    /// pairCount`, then the terms' deltas), verified and decoded on first use without the pairs
    /// after them, and kept: whether two words can have a pair list needs only these, so a phrase
    /// with a word that is not common reads no more of the section. (pyvideo: the pairs decoded whole
    /// were 9.1M instructions of a process's first `"a life"`, where "life" is not common.)
    func commonTerms() throws(IndexFileError) -> [Int32] {
        try commonTermCache.get(decodeCommonTerms)
    }

    private func decodeCommonTerms() throws(IndexFileError) -> [Int32] {
        let info = sections[.pairs]!
        let malformed = IndexFileError(file: path, section: Section.pairs.name, reason: "truncated or out of range")
        // Two counts of at most 10 bytes each; then, for a sound section, each term's delta is below
        // 2^31 (the terms ascend below the term count), so at most 5 bytes.
        let head = min(info.length, 20)
        try verify(.pairs, range: 0..<head)
        var reader = ByteReader(bytes, from: info.offset, to: info.offset + head)
        guard let commonCount = try? reader.int(), (try? reader.int()) != nil, commonCount <= info.length else { throw malformed }
        let end = min(info.length, reader.offset - info.offset + 5 * commonCount)
        try verify(.pairs, range: 0..<end)
        reader = ByteReader(bytes, from: reader.offset, to: info.offset + end)
        var terms: [Int32] = []
        terms.reserveCapacity(commonCount)
        var term = 0
        for index in 0..<commonCount {
            guard let delta = try? reader.int(), index == 0 || delta > 0, delta < meta.termCount - term else { throw malformed }
            term += delta
            terms.append(Int32(term))
        }
        return terms
    }

    private func decodePairs() throws(IndexFileError) -> CommonPairs {
        let info = sections[.pairs]!, postings = sections[.pairPostings]!
        var reader = try wholeSection(.pairs)
        var pairs = CommonPairs()
        do throws(ByteReader.Overrun) {
            let commonCount = try reader.int(), pairCount = try reader.int()
            // A common term takes at least one byte, a pair three.
            guard commonCount <= info.length, pairCount <= info.length / 3 else { throw ByteReader.Overrun() }
            pairs.commonTerms.reserveCapacity(commonCount)
            var term = 0
            for _ in 0..<commonCount {
                term += try reader.int()
                guard term <= Int(Int32.max) else { throw ByteReader.Overrun() }
                pairs.commonTerms.append(Int32(term))
            }
            pairs.keys.reserveCapacity(pairCount)
            pairs.postingOffsets.reserveCapacity(pairCount + 1)
            var first = 0, offset = 0
            for _ in 0..<pairCount {
                first += try reader.int()
                let second = try reader.int()
                offset += try reader.int()
                guard first < commonCount, second < commonCount, offset <= postings.length else { throw ByteReader.Overrun() }
                pairs.keys.append(CommonPairs.key(Int(pairs.commonTerms[first]), Int(pairs.commonTerms[second])))
                pairs.postingOffsets.append(offset)
            }
            guard reader.isAtEnd else { throw ByteReader.Overrun() }
        } catch {
            throw IndexFileError(file: path, section: Section.pairs.name, reason: "truncated or out of range")
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
