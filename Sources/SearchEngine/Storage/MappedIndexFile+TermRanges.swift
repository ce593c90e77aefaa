extension MappedIndexFile {
    /// The postings of the terms at dictionary indices `range`, verified in one pass: the dictionary
    /// orders the postings section, so a range of terms (a prefix's) is one stretch of it, and its
    /// offsets one stretch of the offsets table. Term i's postings are `ranges[i - range.lowerBound]`,
    /// from the start of the file, each checked to lie inside the stretch.
    ///
    /// For the prefix union that reads thousands of lists (`ins*` at 200,000 talks): verifying each
    /// list's offsets, header and documents apart was a fifth of the query (perf).
    func postingRanges(of range: Range<Int>) throws(IndexFileError) -> [Range<Int>] {
        guard !range.isEmpty else { return [] }
        try verify(.postingOffsets, range: range.lowerBound * 8..<(range.upperBound + 1) * 8)
        let postings = sections[.postings]!
        let first = u64(.postingOffsets, at: range.lowerBound), last = u64(.postingOffsets, at: range.upperBound)
        guard first >= 0, first <= last, last <= postings.length else {
            throw IndexFileError(file: path, section: Section.postings.name, reason: "terms \(range) point out of bounds")
        }
        try verify(.postings, range: first..<last)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(range.count)
        var start = first
        for index in range {
            let end = u64(.postingOffsets, at: index + 1)
            guard start <= end, end <= last else {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(index) points out of bounds")
            }
            ranges.append((postings.offset + start)..<(postings.offset + end))
            start = end
        }
        return ranges
    }

    /// The sum of the list lengths of the terms at `range` (their leading counts).
    func listLengths(of range: Range<Int>) throws(IndexFileError) -> Int {
        var total = 0
        for (slot, bounds) in try postingRanges(of: range).enumerated() {
            var reader = ByteReader(bytes, from: bounds.lowerBound, to: bounds.upperBound)
            guard let length = try? reader.int() else {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(range.lowerBound + slot) is malformed")
            }
            total += length
        }
        return total
    }

    /// Adds the occurrence counts of every term at `range` to `counts[ordinal]`
    /// (``PostingCodec/addCounts(_:documentCount:into:)``): how many documents had no count before.
    func addCounts(of range: Range<Int>, into counts: UnsafeMutableBufferPointer<Int32>) throws(IndexFileError) -> Int {
        var added = 0
        for (slot, bounds) in try postingRanges(of: range).enumerated() {
            do throws(PostingCodec.Malformed) {
                added += try PostingCodec.addCounts(ByteReader(bytes, from: bounds.lowerBound, to: bounds.upperBound),
                                                    documentCount: meta.documentCount, into: counts)
            } catch {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(range.lowerBound + slot) is malformed")
            }
        }
        return added
    }

    /// Appends a key ordinal << 32 | count for each document of every term at `range` to `keys`
    /// (``PostingCodec/appendCountKeys(_:documentCount:to:)``).
    func appendCountKeys(of range: Range<Int>, to keys: inout [UInt64]) throws(IndexFileError) {
        for (slot, bounds) in try postingRanges(of: range).enumerated() {
            do throws(PostingCodec.Malformed) {
                try PostingCodec.appendCountKeys(ByteReader(bytes, from: bounds.lowerBound, to: bounds.upperBound),
                                                 documentCount: meta.documentCount, to: &keys)
            } catch {
                throw IndexFileError(file: path, section: Section.postings.name, reason: "term \(range.lowerBound + slot) is malformed")
            }
        }
    }
}
