/// One leaf of the match tree: a phrase or a NEAR group, walking its candidate documents in order.
///
/// This is FTS5's STRING/TERM node. Its *candidates* are the documents that contain every term of every
/// phrase anywhere (a column filter does not narrow them); at each candidate it works out each phrase's
/// *instances* (start positions of real occurrences in the allowed columns, `^` honoured, NEAR applied)
/// into a per-phrase buffer and is *no-match* when the leaf does not really occur there.
///
/// The buffers keep FTS5's quirks, which decide the BM25 term frequencies: a NEAR group stops filling
/// buffers at the first phrase that does not occur (later phrases keep what they held), and a buffer is
/// only emptied when an enclosing node clears it.
final class LeafMatcher {
    let phraseIndices: [Int]
    let phrases: [QueryPhrase]
    let distance: Int
    let columns: [Int]?
    /// FTS5's TERM node: one phrase of one term without `^`; its instances are the term's positions.
    let isSingleTerm: Bool
    /// A TERM node without a column filter whose reader needs only how many instances it has at each
    /// document (bm25 with equal column weights): its postings are read without positions, its
    /// buffer stays empty and ``occurrences`` holds the count.
    let countsOnly: Bool
    /// A TERM node's list (its only term's postings).
    var termList: PostingList { terms[0].list }
    /// With ``countsOnly``: the instances at the current document (0 once cleared, as the buffer would be).
    private(set) var occurrences: Int32 = 0
    /// The documents to visit, ascending.
    let candidates: [Int32]
    /// Per phrase, per term (flattened: term t of phrase p is at `termBase[p] + t`): the postings (a
    /// prefix term's are merged) and a forward-only cursor.
    private let terms: [TermCursor]
    private let termBase: [Int]
    /// Scratch for phrase matching, reused from document to document: every term's positions, and
    /// each term's (cursor, end) in them.
    private let phraseScratch = UnsafePositionBuffer()
    private var scratchBounds: [Int]
    private let phraseLengths: [Int]
    /// Per phrase: the instances reported at the current document (FTS5's phrase poslist).
    var buffers: [[Position]]
    /// The NEAR sweep's output arrays, swapped with ``buffers`` at each candidate.
    private var nearScratch = NearMatcher.Scratch()

    private(set) var cursor = 0
    var rowid: Int32 = 0
    var isEOF = false
    var isNoMatch = false

    /// `countsOnly` asks for instance counts instead of instances where the leaf is a TERM node
    /// without a column filter (ignored otherwise).
    init(group: NearGroup, phrases all: [QueryPhrase], postings cache: PostingCache, countsOnly: Bool = false) throws(IndexFileError) {
        phraseIndices = group.phrases
        phrases = group.phrases.map { all[$0] }
        distance = group.distance ?? QueryParser.defaultNearDistance
        columns = group.columns
        isSingleTerm = phrases.count == 1 && phrases[0].terms.count == 1 && !phrases[0].mustStartColumn
        self.countsOnly = countsOnly && isSingleTerm && group.columns == nil
        buffers = Array(repeating: [], count: phrases.count)
        phraseLengths = phrases.map { $0.terms.count }
        var base: [Int] = []
        var lists: [PostingList] = []
        if !group.isEmpty {
            for phrase in phrases {
                base.append(lists.count)
                for term in phrase.terms { lists.append(try cache.postings(for: term, detail: self.countsOnly ? .counts : .encoded)) }
            }
        }
        terms = lists.map(TermCursor.init)
        scratchBounds = Array(repeating: 0, count: 2 * (phrases.map(\.terms.count).max() ?? 0))
        termBase = base
        candidates = group.isEmpty ? [] : lists.count == 1 ? lists[0].documents : Self.intersect(lists.map(\.documents))
    }

    /// The documents in every list (each ascending): the shortest list's documents looked up in the
    /// next shortest, what is left in the next, and so on (``intersect(_:_:)``).
    static func intersect(_ lists: [[Int32]]) -> [Int32] {
        let order = lists.indices.sorted { lists[$0].count < lists[$1].count }
        guard let shortest = order.first else { return [] }
        var result = lists[shortest]
        for index in order.dropFirst() where !result.isEmpty { result = intersect(result, lists[index]) }
        return result
    }

    /// The documents of `driver` (ascending) that `other` (ascending) holds, each found by a forward
    /// galloping search. Two lists as buffers: looking each one up through the array of lists
    /// retained and released it at every document (perf, the NEAR class).
    private static func intersect(_ driver: [Int32], _ other: [Int32]) -> [Int32] {
        var result: [Int32] = []
        driver.withUnsafeBufferPointer { driver in
            other.withUnsafeBufferPointer { other in
                var low = 0
                for document in driver {
                    low = other.firstIndex(atLeast: document, from: low, end: other.count)
                    guard low < other.count else { return }
                    if other[low] == document { result.append(document) }
                }
            }
        }
        return result
    }

    // MARK: Walking

    func first() {
        isEOF = false
        isNoMatch = false
        cursor = 0
        guard !candidates.isEmpty else {
            isEOF = true
            return
        }
        rowid = candidates[0]
        test()
    }

    /// Moves at least one candidate on, then (with `from`) to the first candidate >= `from`.
    func next(from: Int32?) {
        isNoMatch = false
        cursor += 1
        if let from { cursor = candidates.firstIndex(atLeast: from, from: cursor) }
        guard cursor < candidates.count else {
            isEOF = true
            return
        }
        rowid = candidates[cursor]
        test()
    }

    func clearInstances() {
        for index in buffers.indices { buffers[index].removeAll(keepingCapacity: true) }
        occurrences = 0
    }

    // MARK: Instances at the current document

    private func test() {
        if countsOnly {
            // The candidates are the term's own documents, so the cursor is the list's slot.
            occurrences = terms[0].list.occurrences(at: cursor)
            return
        }
        if isSingleTerm {
            fillTermPositions(into: 0, phrase: 0, term: 0, filtered: true)
            isNoMatch = buffers[0].isEmpty
            return
        }
        var matched = 0
        for index in phrases.indices {
            let phrase = phrases[index]
            if phrase.terms.count > 1 || columns != nil || phrase.mustStartColumn {
                fillPhraseInstances(index)
                if buffers[index].isEmpty { break }
            } else {
                fillTermPositions(into: index, phrase: index, term: 0, filtered: false)
            }
            matched += 1
        }
        if matched < phrases.count {
            isNoMatch = true
        } else if phrases.count > 1 {
            isNoMatch = !NearMatcher.filter(&buffers, phraseLengths: phraseLengths, distance: distance, scratch: &nearScratch)
        } else {
            isNoMatch = false
        }
    }

    /// Sets buffer `buffer` to the positions of one term in the current document, restricted to the
    /// allowed columns if asked (the buffer keeps its storage from document to document).
    private func fillTermPositions(into buffer: Int, phrase: Int, term: Int, filtered: Bool) {
        var positions = buffers[buffer]
        buffers[buffer] = []
        positions.removeAll(keepingCapacity: true)
        appendTermPositions(termBase[phrase] + term, filtered: filtered, to: &positions)
        buffers[buffer] = positions
    }

    /// Appends term `flat`'s positions at the current document (in the allowed columns if `filtered`)
    /// to `buffer`; appends nothing when the term is not in the document.
    @inline(__always)
    private func appendTermPositions(_ flat: Int, filtered: Bool, to buffer: inout [Position]) {
        let term = terms[flat]
        guard term.move(to: rowid) else { return }
        term.appendPositions(columns: filtered ? columns : nil, to: &buffer)
    }

    /// Sets buffer `index` to the start positions where every term of the phrase follows the previous
    /// one, in an allowed column.
    ///
    /// Every term's positions are decoded into one scratch buffer (term t's at
    /// `scratchBounds[2t] ..< scratchBounds[2t + 1]`, the first bound advancing as the scan goes).
    private func fillPhraseInstances(_ index: Int) {
        let mustStartColumn = phrases[index].mustStartColumn
        let count = phraseLengths[index]
        let base = termBase[index]
        var result = buffers[index]
        buffers[index] = []
        result.removeAll(keepingCapacity: true)
        defer { buffers[index] = result }
        let scratch = phraseScratch
        scratch.count = 0
        var bounds = scratchBounds
        scratchBounds = []
        defer { scratchBounds = bounds }
        for term in 0..<count {
            let start = scratch.count
            let cursor = terms[base + term]
            guard cursor.move(to: rowid) else { return }
            cursor.appendPositions(columns: columns, to: scratch)
            if scratch.count == start { return }
            bounds[2 * term] = start
            bounds[2 * term + 1] = scratch.count
        }
        var first = bounds[0]
        while first < bounds[1] {
            let start = scratch[first]
            first += 1
            if mustStartColumn && Positions.offset(start) != 0 { continue }
            var all = true
            var term = 1
            while term < count {
                let wanted = start + Position(term)
                var pointer = bounds[2 * term]
                let end = bounds[2 * term + 1]
                while pointer < end, scratch[pointer] < wanted { pointer += 1 }
                bounds[2 * term] = pointer
                if pointer == end || scratch[pointer] != wanted {
                    all = false
                    break
                }
                term += 1
            }
            if all { result.append(start) }
        }
    }
}
