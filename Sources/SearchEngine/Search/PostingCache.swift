/// The postings one query reads, looked up once: a prefix term expands to many terms and is merged
/// once per query, however many leaves and document-frequency counts use it.
///
/// A list is read without positions when every user so far needs only documents and counts; a later
/// request for positions reads it again with them (and that list then serves both). Positions are
/// read encoded, decoded per document by the leaves that need them.
final class PostingCache {
    let index: InvertedIndex
    private var exact: [[UInt8]: PostingList] = [:]
    private var prefixes: [[UInt8]: PostingList] = [:]

    init(index: InvertedIndex) { self.index = index }

    /// `term`'s postings with at least `detail` (positions, decoded or encoded, serve a request for counts).
    func postings(for term: QueryTerm, detail: PostingList.Detail = .encoded) throws(IndexFileError) -> PostingList {
        if term.isPrefix {
            if let known = prefixes[term.bytes], known.hasPositions || detail == .counts { return known }
            let merged = try index.postings(forPrefix: term.bytes, detail: detail)
            prefixes[term.bytes] = merged
            return merged
        }
        if let known = exact[term.bytes], known.hasPositions || detail == .counts { return known }
        let list = try index.postings(for: term.bytes, detail: detail) ?? PostingList()
        exact[term.bytes] = list
        return list
    }
}
