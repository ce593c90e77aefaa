/// What ``IndexFileWriter`` writes a file from: an index's term dictionary, postings and pairs, and the
/// documents side (statistics, column lengths, ids, stored records, texts, rowids, keyword fields,
/// words) of ``index``.
///
/// An ``InvertedIndex`` in memory or in one file is its own content; segments being merged
/// (``MergedSegments``) bring a dictionary, postings and pairs joined from theirs, and their
/// segmented index for the documents.
protocol IndexFileContent {
    /// The index whose documents and statistics the file holds.
    var index: InvertedIndex { get }
    /// T, the number of terms; term i is the i-th in byte order.
    var termCount: Int { get }
    func termLength(at index: Int) throws(IndexFileError) -> Int
    func termBytes(at index: Int) throws(IndexFileError) -> [UInt8]
    /// Term `index`'s postings in the file encoding (``PostingCodec``).
    func encodedPostings(at index: Int) throws(IndexFileError) -> ArraySlice<UInt8>
    /// The number of documents in term `index`'s list (without decoding it).
    func documentFrequency(at index: Int) throws(IndexFileError) -> Int
    /// The pairs of common terms (``CommonPairs``), over this content's dictionary indices.
    func commonPairs() throws(IndexFileError) -> CommonPairs
    func encodedPairPostings(at slot: Int) throws(IndexFileError) -> ArraySlice<UInt8>
    /// Called after each section is written.
    func sectionWritten()
}

extension InvertedIndex: IndexFileContent {
    var index: InvertedIndex { self }
    func sectionWritten() {}
}
