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
    /// The documents to visit, ascending.
    let candidates: [Int32]
    /// Per phrase, per term: the postings (a prefix term's are merged) and a forward-only cursor.
    private let termPostings: [[PostingList]]
    private var termCursors: [[Int]]
    /// Per phrase: the instances reported at the current document (FTS5's phrase poslist).
    var buffers: [[Position]]

    private(set) var cursor = 0
    var rowid: Int32 = 0
    var isEOF = false
    var isNoMatch = false

    init(group: NearGroup, phrases all: [QueryPhrase], postings cache: PostingCache) throws(IndexFileError) {
        phraseIndices = group.phrases
        phrases = group.phrases.map { all[$0] }
        distance = group.distance ?? QueryParser.defaultNearDistance
        columns = group.columns
        isSingleTerm = phrases.count == 1 && phrases[0].terms.count == 1 && !phrases[0].mustStartColumn
        buffers = Array(repeating: [], count: phrases.count)
        if group.isEmpty {
            termPostings = []
            termCursors = []
            candidates = []
            return
        }
        var lists: [[PostingList]] = []
        for phrase in phrases {
            var termLists: [PostingList] = []
            for term in phrase.terms {
                termLists.append(try cache.postings(for: term))
            }
            lists.append(termLists)
        }
        termPostings = lists
        termCursors = termPostings.map { $0.map { _ in 0 } }
        candidates = Self.intersect(termPostings.flatMap { $0 })
    }

    static func intersect(_ lists: [PostingList]) -> [Int32] {
        guard let shortest = lists.min(by: { $0.count < $1.count }) else { return [] }
        var result: [Int32] = []
        var cursors = lists.map { _ in 0 }
        outer: for document in shortest.documents {
            for (index, list) in lists.enumerated() {
                cursors[index] = list.firstIndex(atLeast: document, from: cursors[index])
                guard cursors[index] < list.count else { break outer }
                if list.documents[cursors[index]] != document { continue outer }
            }
            result.append(document)
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
        if let from {
            var low = cursor, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] < from { low = middle + 1 } else { high = middle }
            }
            cursor = low
        }
        guard cursor < candidates.count else {
            isEOF = true
            return
        }
        rowid = candidates[cursor]
        test()
    }

    func clearInstances() {
        for index in buffers.indices { buffers[index].removeAll(keepingCapacity: true) }
    }

    // MARK: Instances at the current document

    private func test() {
        if isSingleTerm {
            buffers[0] = termPositions(phrase: 0, term: 0, filtered: true)
            isNoMatch = buffers[0].isEmpty
            return
        }
        var matched = 0
        for index in phrases.indices {
            let phrase = phrases[index]
            if phrase.terms.count > 1 || columns != nil || phrase.mustStartColumn {
                buffers[index] = phraseInstances(index)
                if buffers[index].isEmpty { break }
            } else {
                buffers[index] = termPositions(phrase: index, term: 0, filtered: false)
            }
            matched += 1
        }
        if matched < phrases.count {
            isNoMatch = true
        } else if phrases.count > 1 {
            isNoMatch = !NearMatcher.filter(&buffers, phraseLengths: phrases.map(\.terms.count), distance: distance)
        } else {
            isNoMatch = false
        }
    }

    /// The positions of one term in the current document, restricted to the allowed columns if asked.
    private func termPositions(phrase: Int, term: Int, filtered: Bool) -> [Position] {
        Array(termPositionSlice(phrase: phrase, term: term, filtered: filtered))
    }

    private func termPositionSlice(phrase: Int, term: Int, filtered: Bool) -> ArraySlice<Position> {
        let list = termPostings[phrase][term]
        let slot = list.firstIndex(atLeast: rowid, from: termCursors[phrase][term])
        termCursors[phrase][term] = slot
        guard slot < list.count, list.documents[slot] == rowid else { return [] }
        let positions = list.positions(at: slot)
        guard filtered, let columns else { return positions }
        return ArraySlice(positions.filter { columns.contains(Positions.column($0)) })
    }

    /// Start positions where every term of the phrase follows the previous one, in an allowed column.
    private func phraseInstances(_ index: Int) -> [Position] {
        let phrase = phrases[index]
        let lists = phrase.terms.indices.map { termPositionSlice(phrase: index, term: $0, filtered: true) }
        var pointers = lists.map(\.startIndex)
        var result: [Position] = []
        for start in lists[0] {
            if phrase.mustStartColumn && Positions.offset(start) != 0 { continue }
            var all = true
            var term = 1
            while term < lists.count {
                let wanted = start + Position(term)
                let list = lists[term]
                var pointer = pointers[term]
                while pointer < list.endIndex, list[pointer] < wanted { pointer += 1 }
                pointers[term] = pointer
                if pointer == list.endIndex || list[pointer] != wanted {
                    all = false
                    break
                }
                term += 1
            }
            if all { result.append(start) }
        }
        return result
    }
}
