/// Queries whose every leaf is a bare term (FTS5's TERM node: one term, no column filter, no `^`), in
/// one of four shapes: a term, an OR of terms, an AND of terms, a term NOT a term. Evaluated over the
/// terms' lists of documents and occurrence counts directly, without the match tree's per-document
/// node calls, with the same matches and the same bm25 bits as the walk:
///
/// * the lists hold each document once and every leaf of the shape that holds a matching document is
///   positioned on it when the walk emits it (an OR advances every child on the current document, an
///   AND stops where all agree), so phrase i's frequency there is its count times the shared column
///   weight, added once per instance as FTS5 adds them; a bare term is never "no match" where it is
///   listed, so FTS5's instance clearing never applies;
/// * a NOT emits only documents its right side is not on, so the right phrase's frequency is always 0;
/// * each phrase's n(P) is its list's length (``QueryEvaluator/documentFrequencies(leaves:)``).
///
/// Only for equal column weights and FTS5's bm25 without phrase weights (``QueryEvaluator`` decides).
struct BareTermQuery {
    enum Shape {
        case single
        case or
        case and
        case not
    }

    let shape: Shape
    /// Per leaf, in the expression's order: the phrase it reports.
    let phrases: [Int]
    /// Every leaf's documents, one list after the other (leaf i's at `bounds[i] ..< bounds[i + 1]`),
    /// and the term's occurrence count in each: flat, so the merge loops index plain arrays.
    let documents: [Int32]
    let counts: [Int32]
    let bounds: [Int]

    /// The shape of `expression` when it is one of the four over leaves that are each one phrase of
    /// one term without a column filter or `^` (decided before any list is read); else nil.
    static func shape(of expression: QueryExpression, phrases: [QueryPhrase]) -> Shape? {
        func isBare(_ expression: QueryExpression) -> Bool {
            guard case .leaf(let group) = expression, !group.isEmpty, group.columns == nil, group.phrases.count == 1 else { return false }
            let phrase = phrases[group.phrases[0]]
            return phrase.terms.count == 1 && !phrase.mustStartColumn
        }
        switch expression {
        case .leaf: return isBare(expression) ? .single : nil
        case .or(let children): return children.allSatisfy(isBare) ? .or : nil
        case .and(let children): return children.allSatisfy(isBare) ? .and : nil
        case .not(let left, let right): return isBare(left) && isBare(right) ? .not : nil
        }
    }

    /// The bare-term form of `expression` over `leaves` (the match tree's leaves, same order, read as
    /// counts), or nil when it has another shape.
    init?(_ expression: QueryExpression, phrases queryPhrases: [QueryPhrase], leaves matchers: [LeafMatcher]) {
        guard let shape = Self.shape(of: expression, phrases: queryPhrases), matchers.allSatisfy(\.countsOnly) else { return nil }
        self.init(shape: shape, phrases: matchers.map { $0.phraseIndices[0] }, lists: matchers.map(\.termList))
    }

    /// The form of a query of `shape` whose leaves (in the expression's order) report `phrases` and
    /// hold `lists` (each a term's documents and counts).
    init(shape: Shape, phrases: [Int], lists: [PostingList]) {
        self.shape = shape
        self.phrases = phrases
        var documents: [Int32] = [], counts: [Int32] = [], bounds = [0]
        let total = lists.reduce(0) { $0 + $1.count }
        documents.reserveCapacity(total)
        counts.reserveCapacity(total)
        for list in lists {
            documents += list.documents
            for slot in 0..<list.count { counts.append(list.occurrences(at: slot)) }
            bounds.append(documents.count)
        }
        self.documents = documents
        self.counts = counts
        self.bounds = bounds
    }

    /// The phrase of each leaf of `expression`, in the expression's order (the order the match tree
    /// lists its leaves in); for one of the four shapes, one phrase per leaf.
    static func leafPhrases(of expression: QueryExpression) -> [Int] {
        switch expression {
        case .leaf(let group): group.phrases
        case .or(let children), .and(let children): children.flatMap(leafPhrases)
        case .not(let left, let right): leafPhrases(of: left) + leafPhrases(of: right)
        }
    }

    /// Calls `body(ordinal, slots)` for each matching document in ascending order, where `slots[leaf]`
    /// is the document's index in ``documents`` and ``counts`` when the leaf's phrase counts there, else -1.
    func forEachMatch(_ body: (Int32, [Int]) -> Void) {
        let leafCount = phrases.count
        var slots = [Int](repeating: -1, count: leafCount)
        switch shape {
        case .single:
            for slot in 0..<documents.count {
                slots[0] = slot
                body(documents[slot], slots)
            }
        case .or:
            var cursors = Array(bounds.dropLast())
            while true {
                var smallest = Int32.max
                for leaf in 0..<leafCount where cursors[leaf] < bounds[leaf + 1] {
                    smallest = min(smallest, documents[cursors[leaf]])
                }
                guard smallest != Int32.max else { return }
                for leaf in 0..<leafCount {
                    if cursors[leaf] < bounds[leaf + 1] && documents[cursors[leaf]] == smallest {
                        slots[leaf] = cursors[leaf]
                        cursors[leaf] += 1
                    } else {
                        slots[leaf] = -1
                    }
                }
                body(smallest, slots)
            }
        case .and:
            func length(_ leaf: Int) -> Int { bounds[leaf + 1] - bounds[leaf] }
            guard let shortest = (0..<leafCount).min(by: { length($0) < length($1) }) else { return }
            var cursors = Array(bounds.dropLast())
            outer: for slot in bounds[shortest]..<bounds[shortest + 1] {
                let document = documents[slot]
                for leaf in 0..<leafCount where leaf != shortest {
                    let found = documents.firstIndex(atLeast: document, from: cursors[leaf], end: bounds[leaf + 1])
                    cursors[leaf] = found
                    guard found < bounds[leaf + 1] else { return }
                    if documents[found] != document { continue outer }
                }
                cursors[shortest] = slot
                for leaf in 0..<leafCount { slots[leaf] = cursors[leaf] }
                body(document, slots)
            }
        case .not:
            var cursor = bounds[1]
            for slot in bounds[0]..<bounds[1] {
                let document = documents[slot]
                cursor = documents.firstIndex(atLeast: document, from: cursor, end: bounds[2])
                if cursor < bounds[2] && documents[cursor] == document { continue }
                slots[0] = slot
                body(document, slots)
            }
        }
    }
}
