extension InvertedIndex {
    /// ``PhraseScan/scanOneTerm(_:documentCount:allowed:weights:)`` over exactly `term`'s postings
    /// as stored (verified against the block checksums when they come from a file): an empty result
    /// when the term is absent, nil for a segmented index (whose lists are read and combined whole).
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
            guard let result = scan(file.bytes, try file.postingRange(at: index)) else {
                throw IndexFileError(file: file.path, section: IndexFileFormat.Section.postings.name, reason: "term \(index) is malformed")
            }
            return result
        case .segments:
            return nil
        }
    }
}
