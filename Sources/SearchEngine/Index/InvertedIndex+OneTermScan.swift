extension InvertedIndex {
    /// ``PhraseScan/scanOneTerm(_:documentCount:allowed:weights:)`` over exactly `term`'s postings
    /// as stored (verified against the block checksums when they come from a file): an empty result
    /// when the term is absent, nil for a segmented index (whose lists are read and combined whole).
    ///
    /// A file with the lists of every allowed column (``ColumnLists``: a filter on the title or the
    /// speakers) answers from them (``PhraseScan/scanColumnLists(_:columns:weights:)``), the same
    /// result read from about a byte per document where the term is in those columns.
    func scanOneTerm(_ term: [UInt8], allowed: [Bool], weights: [Double]) throws(IndexFileError) -> PhraseScan.Result? {
        func scan(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> PhraseScan.Result? {
            try? PhraseScan.scanOneTerm(ByteReader(bytes, from: range.lowerBound, to: range.upperBound), documentCount: documentCount,
                                        allowed: allowed, weights: weights)
        }
        switch storage {
        case .memory(let box):
            guard let index = box.value.termIndex(term) else { return PhraseScan.Result() }
            let range = box.value.postingOffsets[index]..<box.value.postingOffsets[index + 1]
            guard let result = box.value.postingBytes.withUnsafeBytes({ scan($0, range) }) else {
                throw IndexFileError(file: "in-memory index", section: "postings", reason: "term \(index) is malformed")
            }
            return result
        case .file(let file):
            guard let index = try file.termIndex(term) else { return PhraseScan.Result() }
            if let listed = try Self.scanColumnLists(file, term: index, allowed: allowed, weights: weights) { return listed }
            guard let result = scan(file.bytes, try file.postingRange(at: index)) else {
                throw IndexFileError(file: file.path, section: IndexFileFormat.Section.postings.name, reason: "term \(index) is malformed")
            }
            return result
        case .segments:
            return nil
        }
    }

    /// Term `index`'s scan from its column lists, nil when the file has none for one of the allowed
    /// columns (or when every column is allowed: no filter).
    private static func scanColumnLists(_ file: MappedIndexFile, term index: Int, allowed: [Bool], weights: [Double])
        throws(IndexFileError) -> PhraseScan.Result? {
        let columns = allowed.indices.filter { allowed[$0] }
        guard !columns.isEmpty, columns.count < allowed.count else { return nil }
        var lists: [PostingList] = []
        for column in columns {
            guard let list = try file.columnList(ofTerm: index, column: column) else { return nil }
            lists.append(list)
        }
        return PhraseScan.scanColumnLists(lists, columns: columns, weights: weights)
    }
}
