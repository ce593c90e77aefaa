/// A node of the match tree, walked document by document in ascending order exactly as FTS5's
/// `fts5_expr.c` walks its expression (`fts5ExprNodeFirst`, `...Next_AND/OR/NOT`, `...Test_*`).
///
/// Every node has a current document (`rowid`), `isEOF`, and `isNoMatch` (positioned on a document
/// that does not really match). The exact walk matters: which leaves are positioned on an emitted
/// document decides which phrase instances BM25 counts there (an OR over an AND, for instance, counts
/// a phrase of the AND only where the AND's leaves were positioned).
final class MatchNode {
    enum Kind {
        case leaf(LeafMatcher)
        case and([MatchNode])
        case or([MatchNode])
        case not(MatchNode, MatchNode)
    }

    let kind: Kind
    private var ownRowid: Int32 = 0
    private var ownEOF = false
    private var ownNoMatch = false
    private let isRoot: Bool

    /// `countsOnly`: the TERM leaves report instance counts, not instances (``LeafMatcher/countsOnly``).
    init(_ expression: QueryExpression, phrases: [QueryPhrase], postings: PostingCache, countsOnly: Bool = false,
         isRoot: Bool = true, leaves: inout [LeafMatcher]) throws(IndexFileError) {
        self.isRoot = isRoot
        func children(_ expressions: [QueryExpression], _ leaves: inout [LeafMatcher]) throws(IndexFileError) -> [MatchNode] {
            var nodes: [MatchNode] = []
            for expression in expressions {
                nodes.append(try MatchNode(expression, phrases: phrases, postings: postings, countsOnly: countsOnly,
                                           isRoot: false, leaves: &leaves))
            }
            return nodes
        }
        switch expression {
        case .leaf(let group):
            let leaf = try LeafMatcher(group: group, phrases: phrases, postings: postings, countsOnly: countsOnly)
            leaves.append(leaf)
            kind = .leaf(leaf)
        case .and(let expressions):
            kind = .and(try children(expressions, &leaves))
        case .or(let expressions):
            kind = .or(try children(expressions, &leaves))
        case .not(let left, let right):
            let pair = try children([left, right], &leaves)
            kind = .not(pair[0], pair[1])
        }
    }

    var rowid: Int32 {
        if case .leaf(let leaf) = kind { return leaf.rowid }
        return ownRowid
    }

    var isEOF: Bool {
        get {
            if case .leaf(let leaf) = kind { return leaf.isEOF }
            return ownEOF
        }
        set {
            if case .leaf(let leaf) = kind { leaf.isEOF = newValue } else { ownEOF = newValue }
        }
    }

    var isNoMatch: Bool {
        if case .leaf(let leaf) = kind { return leaf.isNoMatch }
        return ownNoMatch
    }

    /// EOF sorts after every document.
    private static func compare(_ a: MatchNode, _ b: MatchNode) -> Int {
        if b.isEOF { return -1 }
        if a.isEOF { return 1 }
        return a.rowid < b.rowid ? -1 : (a.rowid > b.rowid ? 1 : 0)
    }

    private func setEOF() {
        isEOF = true
        switch kind {
        case .leaf: break
        case .and(let children), .or(let children): children.forEach { $0.setEOF() }
        case .not(let left, let right):
            left.setEOF()
            right.setEOF()
        }
    }

    private func clearInstances() {
        switch kind {
        case .leaf(let leaf): leaf.clearInstances()
        case .and(let children), .or(let children): children.forEach { $0.clearInstances() }
        case .not(let left, let right):
            left.clearInstances()
            right.clearInstances()
        }
    }

    func first() {
        switch kind {
        case .leaf(let leaf):
            leaf.first()
            return
        case .and(let children):
            ownEOF = false
            ownNoMatch = false
            children.forEach { $0.first() }
            ownRowid = children[0].rowid
            if children.contains(where: \.isEOF) { setEOF() }
        case .or(let children):
            ownEOF = false
            ownNoMatch = false
            children.forEach { $0.first() }
            ownRowid = children[0].rowid
            if children.allSatisfy(\.isEOF) { setEOF() }
        case .not(let left, let right):
            ownEOF = false
            ownNoMatch = false
            left.first()
            right.first()
            ownRowid = left.rowid
            ownEOF = left.isEOF
        }
        if !ownEOF { test() }
    }

    func next(from: Int32? = nil) {
        switch kind {
        case .leaf(let leaf):
            leaf.next(from: from)
        case .and(let children):
            children[0].next(from: from)
            testAnd(children)
        case .or(let children):
            let last = ownRowid
            for child in children where !child.isEOF {
                if child.rowid == last || (from != nil && child.rowid < from!) { child.next(from: from) }
            }
            testOr(children)
        case .not(let left, let right):
            left.next(from: from)
            testNot(left, right)
        }
    }

    private func test() {
        switch kind {
        case .leaf: break
        case .and(let children): testAnd(children)
        case .or(let children): testOr(children)
        case .not(let left, let right): testNot(left, right)
        }
    }

    private func testOr(_ children: [MatchNode]) {
        var best = children[0]
        for child in children.dropFirst() {
            let order = Self.compare(best, child)
            if order > 0 || (order == 0 && !child.isNoMatch) { best = child }
        }
        ownRowid = best.rowid
        ownEOF = best.isEOF
        ownNoMatch = best.isNoMatch
    }

    private func testAnd(_ children: [MatchNode]) {
        var last = ownRowid
        var matched: Bool
        repeat {
            ownNoMatch = false
            matched = true
            for child in children {
                if last > child.rowid { child.next(from: last) }
                if child.isEOF {
                    setEOF()
                    matched = true
                    break
                } else if last != child.rowid {
                    matched = false
                    last = child.rowid
                }
                if child.isNoMatch { ownNoMatch = true }
            }
        } while !matched
        if ownNoMatch && !isRoot { clearInstances() }
        ownRowid = last
    }

    private func testNot(_ left: MatchNode, _ right: MatchNode) {
        while !left.isEOF {
            var order = Self.compare(left, right)
            if order > 0 {
                right.next(from: left.rowid)
                order = Self.compare(left, right)
            }
            if order != 0 || right.isNoMatch { break }
            left.next()
        }
        ownEOF = left.isEOF
        ownNoMatch = left.isNoMatch
        ownRowid = left.rowid
        if left.isEOF { right.clearInstances() }
    }
}
