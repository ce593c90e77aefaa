extension InvertedIndex {
    // These read one index's own dictionary and postings (the file writer and segment merges use them);
    // a segmented index has none of its own.

    /// The byte length of the term at dictionary index `index`.
    func termLength(at index: Int) throws(IndexFileError) -> Int {
        switch storage {
        case .memory(let box): box.value.termOffsets[index + 1] - box.value.termOffsets[index]
        case .file(let file): try file.term(at: index).count
        case .segments: preconditionFailure("segments have no single term dictionary")
        }
    }

    /// The bytes of the term at dictionary index `index`.
    func termBytes(at index: Int) throws(IndexFileError) -> [UInt8] {
        switch storage {
        case .memory(let box): Array(box.value.term(at: index))
        case .file(let file): Array(try file.term(at: index))
        case .segments: preconditionFailure("segments have no single term dictionary")
        }
    }

    /// Term `index`'s postings in the file encoding (``PostingCodec``), as stored; verified against the
    /// block checksums when they come from a file.
    func encodedPostings(at index: Int) throws(IndexFileError) -> ArraySlice<UInt8> {
        switch storage {
        case .memory(let box):
            return box.value.postingBytes[box.value.postingOffsets[index]..<box.value.postingOffsets[index + 1]]
        case .file(let file):
            return try file.encodedPostings(at: index)[...]
        case .segments:
            preconditionFailure("segments have no single postings section")
        }
    }

    /// The document count of term `index`'s list, its leading varint (nothing decoded).
    func documentFrequency(at index: Int) throws(IndexFileError) -> Int {
        switch storage {
        case .memory(let box): box.value.listLength(at: index)
        case .file(let file): try file.documentFrequency(at: index)
        case .segments: preconditionFailure("segments have no single postings section")
        }
    }

    /// Lets the kernel take back the resident pages of a file-backed index's mapping (they are read
    /// again from the page cache when touched): a merge reads each segment once, front to back, and
    /// would otherwise keep every page it read resident. Nothing for an index in memory.
    func releaseMappedPages() {
        switch storage {
        case .memory: break
        case .file(let file): file.file.releasePages()
        case .segments(let set): for segment in set.segments { segment.releaseMappedPages() }
        }
    }
}

extension InvertedIndex {
    /// The number of documents containing exactly `term` (0 when absent), read from the leading count
    /// of its postings without decoding them.
    public func documentFrequency<Term: Collection<UInt8>>(ofTerm term: Term) throws(IndexFileError) -> Int {
        switch storage {
        case .memory(let box):
            guard let index = box.value.termIndex(term) else { return 0 }
            return box.value.listLength(at: index)
        case .file(let file):
            guard let index = try file.termIndex(Array(term)) else { return 0 }
            return try file.documentFrequency(at: index)
        case .segments:
            return try postings(for: Array(term))?.count ?? 0
        }
    }
}
