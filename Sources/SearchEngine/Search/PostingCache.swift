/// The postings one query reads, looked up once: a prefix term expands to many terms and is merged
/// once per query, however many leaves and document-frequency counts use it.
final class PostingCache {
    let index: InvertedIndex
    private var exact: [[UInt8]: PostingList] = [:]
    private var prefixes: [[UInt8]: PostingList] = [:]

    init(index: InvertedIndex) { self.index = index }

    func postings(for term: QueryTerm) throws(IndexFileError) -> PostingList {
        if term.isPrefix {
            if let known = prefixes[term.bytes] { return known }
            let merged = try index.postings(forPrefix: term.bytes)
            prefixes[term.bytes] = merged
            return merged
        }
        if let known = exact[term.bytes] { return known }
        let list = try index.postings(for: term.bytes) ?? PostingList()
        exact[term.bytes] = list
        return list
    }
}
