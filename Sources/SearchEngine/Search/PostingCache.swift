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
    private var pairs: [[[UInt8]]: PostingList?] = [:]
    /// Exact terms looked up in the index's one file, absent ones as nil (``fileTerm(_:)``).
    private var located: [[UInt8]: InvertedIndex.FileTerm?] = [:]

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
        let list: PostingList
        if index.isOneFile {
            list = try fileTerm(term).map { found throws(IndexFileError) in try index.postings(at: found, detail: detail) } ?? PostingList()
        } else {
            list = try index.postings(for: term.bytes, detail: detail) ?? PostingList()
        }
        exact[term.bytes] = list
        return list
    }

    /// Exact `term` in the index's one file, looked up once per query however many lengths, blocks,
    /// lists and cuts of it the query reads (a lookup is a search of the term index and of up to 31
    /// terms of the dictionary); nil for a prefix, an index of another storage or an absent term.
    func fileTerm(_ term: QueryTerm) throws(IndexFileError) -> InvertedIndex.FileTerm? {
        guard !term.isPrefix, index.isOneFile else { return nil }
        if let known = located[term.bytes] { return known }
        let found = try index.fileTerm(term.bytes)
        located[term.bytes] = .some(found)  // kept when nil too
        return found
    }

    /// Exact `term`'s documents stream with its blocks (``InvertedIndex/blockedList(for:)``), when
    /// the index is one file that has them; nil otherwise.
    func blockedList(for term: QueryTerm) throws(IndexFileError) -> BlockedList? {
        guard let found = try fileTerm(term) else { return nil }
        return try index.blockedList(at: found)
    }

    /// Exact `term`'s postings cut to `candidates` (``InvertedIndex/postings(for:restrictedTo:detail:)``),
    /// when the index is one file with blocks for the list; nil otherwise.
    func postings(for term: QueryTerm, restrictedTo candidates: [Int32], detail: PostingList.Detail) throws(IndexFileError) -> PostingList? {
        guard let found = try fileTerm(term) else { return nil }
        return try index.postings(at: found, restrictedTo: candidates, detail: detail)
    }

    /// The pair list of two exact terms, with positions (``InvertedIndex/pairPostings(first:second:detail:)``);
    /// nil when the index has none for them.
    func pairPostings(_ first: QueryTerm, _ second: QueryTerm) throws(IndexFileError) -> PostingList? {
        guard !first.isPrefix, !second.isPrefix else { return nil }
        let key = [first.bytes, second.bytes]
        if let known = pairs[key] { return known }
        let list = try index.pairPostings(first: first.bytes, second: second.bytes, detail: .encoded)
        pairs[key] = .some(list)  // kept when nil too (assigning nil would remove the key)
        return list
    }

    /// The lists a phrase is matched from (``PhraseScan/Part``): the pair list of every two adjacent
    /// terms that have one, and the term list of every term no pair covers.
    func phraseParts(_ phrase: QueryPhrase) throws(IndexFileError) -> [PhraseScan.Part] {
        let terms = phrase.terms
        var parts: [PhraseScan.Part] = []
        var covered = [Bool](repeating: false, count: terms.count)
        for place in terms.indices.dropLast() {
            guard let pair = try pairPostings(terms[place], terms[place + 1]) else { continue }
            parts.append(PhraseScan.Part(list: pair, shift: place))
            covered[place] = true
            covered[place + 1] = true
        }
        let places = terms.indices.filter { !covered[$0] }
        // A word whose list is at least `phraseRatio` times the shortest part's is read only at the
        // shortest's documents: no other document can hold the phrase.
        var lengths: [Int?] = []
        for place in places { lengths.append(try uncachedLength(terms[place])) }
        let known = lengths.compactMap { $0 } + parts.map(\.list.count)
        let shortest = known.min() ?? 0
        // The shortest pair list's documents, or the shortest word's list read whole.
        var candidates = parts.min { $0.list.count < $1.list.count }?.list.documents
        if parts.isEmpty, let first = lengths.firstIndex(where: { $0 == shortest }), shortest > 0 {
            candidates = try postings(for: terms[places[first]], detail: .encoded).documents
        }
        for (slot, place) in places.enumerated() {
            if let length = lengths[slot], let candidates, length >= Self.phraseRatio * max(candidates.count, 1),
               let restricted = try postings(for: terms[place], restrictedTo: candidates, detail: .encoded) {
                parts.append(PhraseScan.Part(list: restricted, shift: place))
                continue
            }
            parts.append(PhraseScan.Part(list: try postings(for: terms[place], detail: .encoded), shift: place))
        }
        return parts
    }

    /// The lists of an AND's exact terms as counts, and each term's document frequency: a term whose
    /// list is at least ``intersectionRatio`` times the shortest's is read only where the shortest has
    /// documents (no other document can match), the others whole.
    func intersectionLists(_ terms: [QueryTerm]) throws(IndexFileError) -> (lists: [PostingList], lengths: [Int]) {
        var lengths: [Int?] = []
        for term in terms { lengths.append(try uncachedLength(term)) }
        let known = lengths.compactMap { $0 }
        guard let shortest = known.min(), shortest > 0, let longest = known.max(), longest >= Self.intersectionRatio * shortest,
              let first = lengths.firstIndex(of: shortest) else {
            var lists: [PostingList] = []
            for term in terms { lists.append(try postings(for: term, detail: .counts)) }
            return (lists, lists.map(\.count))
        }
        let driver = try postings(for: terms[first], detail: .counts)
        var lists: [PostingList] = [], counts: [Int] = []
        for (slot, term) in terms.enumerated() {
            if slot != first, let length = lengths[slot], length >= Self.intersectionRatio * shortest,
               let cut = try postings(for: term, restrictedTo: driver.documents, detail: .counts) {
                lists.append(cut)
                counts.append(length)
                continue
            }
            let list = slot == first ? driver : try postings(for: term, detail: .counts)
            lists.append(list)
            counts.append(list.count)
        }
        return (lists, counts)
    }

    /// The lists of a NEAR group's terms with their positions (encoded), and each term's document
    /// frequency: a term whose list is at least ``phraseRatio`` times the shortest's is read only at
    /// the shortest's documents, as a phrase's word is (a NEAR match needs every term in the
    /// document), the others whole. `NEAR(python volunteer, 5)` on pyvideo reads python's list at
    /// volunteer's 118 documents instead of all 11,115.
    func nearLists(_ terms: [QueryTerm]) throws(IndexFileError) -> (lists: [PostingList], lengths: [Int]) {
        var lengths: [Int?] = []
        for term in terms { lengths.append(try uncachedLength(term)) }
        let known = lengths.compactMap { $0 }
        guard let shortest = known.min(), shortest > 0, let longest = known.max(), longest >= Self.phraseRatio * shortest,
              let first = lengths.firstIndex(of: shortest) else {
            var lists: [PostingList] = []
            for term in terms { lists.append(try postings(for: term, detail: .encoded)) }
            return (lists, lists.map(\.count))
        }
        let driver = try postings(for: terms[first], detail: .encoded)
        var lists: [PostingList] = [], counts: [Int] = []
        for (slot, term) in terms.enumerated() {
            if slot != first, let length = lengths[slot], length >= Self.phraseRatio * shortest,
               let cut = try postings(for: term, restrictedTo: driver.documents, detail: .encoded) {
                lists.append(cut)
                counts.append(length)
                continue
            }
            let list = slot == first ? driver : try postings(for: term, detail: .encoded)
            lists.append(list)
            counts.append(list.count)
        }
        return (lists, counts)
    }

    /// The length of exact `term`'s list from its header, when it has not been read yet and the index
    /// is one file (a list already read is used whole; a prefix's is never cut).
    private func uncachedLength(_ term: QueryTerm) throws(IndexFileError) -> Int? {
        exact[term.bytes] != nil ? nil : try fileTerm(term)?.length
    }

    /// How many times longer than a phrase's shortest part a word's list is when it is read only at
    /// the part's documents (``InvertedIndex/postings(for:restrictedTo:detail:)``, by the list's
    /// ``SkipGroups``: at most 8 documents decoded per candidate). Pass by pass on pyvideo, against
    /// 128 (when the cut read whole blocks of 128): "Embracing Python" 52.6 -> 34.6 µs, "to Primary"
    /// 61.0 -> 42.0, "Exception and error" 73.1 -> 53.6, "The Art" 105.9 -> 95.1, no phrase slower;
    /// 8 and 3 were within noise of each other.
    static let phraseRatio = 8

    /// As ``phraseRatio``, for an AND's terms against its shortest list (read as counts). Below it
    /// the AND's merge of two whole count lists is as cheap per document as the cut: pass by pass
    /// on pyvideo (15 passes, minimum of alternated runs), 200 generated ANDs of ratio 16-110 went
    /// 6,122 -> 5,187 µs in all against 128 (`traffic in` 32.0 -> 18.7, `dimensional of` 35.0 -> 21.4,
    /// none slower beyond 4%), while 200 of ratio 7-17 went 6,029 -> 6,154 at 8 (`design a` 56 -> 65).
    /// (At 128 it was set when the cut decoded in the list's arrays; ``SkipGroups/cut(_:documentCount:positionBytes:candidates:)`` is cheaper.)
    static let intersectionRatio = 16
}
