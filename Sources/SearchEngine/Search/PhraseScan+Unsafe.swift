/// One phrase leaf evaluated alone over its terms' lists: every document where the phrase occurs (in
/// the allowed columns, at a column start when `^`), with its term frequency there.
///
/// For a phrase of terms t0 … t(n-1), the instances at a document are the positions s of t0 (in an
/// allowed column, offset 0 when `^`) such that t_k occurs at s + k for every k; positions are
/// `column << 32 | offset`, so s + k stays in s's column. The candidates come from the term that
/// occurs least in the document (its positions less its place in the phrase), so the commonest
/// words of a phrase are decoded only up to the last candidate. The frequency is
///
///     f = Σ over instances s, in ascending order, of weight[column(s)]
///
/// added one instance at a time from 0, as the match walk adds them (``QueryEvaluator``), so the bits
/// agree. A document is listed when it has at least one instance; the list's length is the phrase's
/// n(P), FTS5's separate count.
///
/// Unsafe because this loop is the whole cost of a phrase query (`talksearch bench`: the walk's
/// per-candidate node calls, buffer swaps and per-call stream access were half of it): each term's
/// position stream is read through one pointer for the whole scan, and the instances are filtered in
/// place in a manually managed scratch buffer. The pointers never outlive the `withUnsafeBytes` calls
/// that make them, and every read stays inside the stream (a malformed stream ends a document's
/// positions early, as ``PostingList/forEachPosition(at:columns:_:)`` does).
enum PhraseScan {
    struct Result {
        /// The documents where the phrase occurs, ascending.
        var documents: [Int32] = []
        /// The frequency at each of them.
        var frequencies: [Double] = []
    }

    /// One list a phrase is matched from: a term's, or a pair's of two adjacent terms
    /// (``CommonPairs``), and the place in the phrase of its (first) term. An instance starting at s
    /// needs each part's list to hold s + shift.
    struct Part {
        var list: PostingList
        var shift: Int
    }

    /// Scans `parts` (each list with positions: `.encoded` or `.positions`), which together cover every
    /// place of the phrase (their places may overlap: a pair at 0 and a pair at 1 cover a three-term
    /// phrase). `columns` are the allowed columns (nil: all); `weights` has one weight per column.
    static func scan(_ parts: [Part], columns: [Int]?, mustStartColumn: Bool, weights: [Double]) -> Result {
        guard !parts.isEmpty, parts.allSatisfy(\.list.hasPositions) else { return Result() }
        let allowed = allowed(columns, count: weights.count)
        return withViews(parts[...], collected: []) { views in
            scan(views, allowed: allowed, mustStartColumn: mustStartColumn, weights: weights)
        }
    }

    /// The columns a phrase may occur in, one flag per column: `columns` (nil: every one).
    static func allowed(_ columns: [Int]?, count: Int) -> [Bool] {
        var allowed = [Bool](repeating: columns == nil, count: count)
        for column in columns ?? [] where column >= 0 && column < allowed.count { allowed[column] = true }
        return allowed
    }

    /// The documents where a NEAR group of one-term phrases (`lists`, one per phrase, each with
    /// positions) matches with `distance`, and at each, per phrase in order, the sum of the column
    /// `weights` of the positions FTS5's NEAR sweep keeps there (``NearMatcher``), added in order:
    /// `frequencies[row × lists.count + phrase]`.
    ///
    /// Two one-term phrases can match only where some position of one is within distance + 1 of some
    /// position of the other (the sweep's condition for phrases of length 1: both no earlier than the
    /// later minus 1 minus the distance), so the sweep runs only at documents where a merge of the two
    /// position lists finds such a pair: at most others it would find nothing.
    ///
    /// The documents two lists share are found by ``SharedSlots`` (a merge without data-dependent
    /// branches) when their lengths are within its ratio, else by galloping from the shorter list.
    /// pyvideo, the 400 public queries timed pass by pass (the branch predictor untrained on each
    /// query, as in `talksearch bench`), alternated twice: NEAR(development create, 5) 141 -> 134 and
    /// 138 -> 132 µs, NEAR(examples library, 5) 100 -> 92 and 99 -> 92. (Repeating one query 1,000
    /// times trains the predictor on its branches and halves these times; the merge then looked
    /// slower, which is why session 15 dropped it. An AND of two terms gained nothing from it.)
    static func near(_ lists: [PostingList], distance: Int, weights: [Double]) -> (documents: [Int32], frequencies: [Double]) {
        guard !lists.isEmpty, lists.allSatisfy(\.hasPositions) else { return ([], []) }
        return withViews(lists.map { Part(list: $0, shift: 0) }[...], collected: []) { views in
            near(views, distance: distance, weights: weights)
        }
    }

    private static func near(_ terms: [TermView], distance: Int, weights: [Double]) -> (documents: [Int32], frequencies: [Double]) {
        var documents: [Int32] = [], frequencies: [Double] = []
        let driver = terms.indices.min { terms[$0].documents.count < terms[$1].documents.count }!
        var slots = [Int](repeating: 0, count: terms.count)
        var scratch = NearMatcher.Scratch()
        let lengths = [Int](repeating: 1, count: terms.count)
        let reach = Position(distance) + 1
        // The terms' positions at the document, one after the other in one array kept from document
        // to document (``NearMatcher/filterFlat(_:starts:phraseLengths:distance:weights:scratch:frequencies:)``).
        var flat: [Position] = [], starts = [Int](repeating: 0, count: terms.count + 1)
        var kept = [Double](repeating: 0, count: terms.count)
        /// The document at `slots` (held by every list), matched.
        func consider(_ document: Int32) {
            // Two terms: the pre-check reads both position streams side by side, stopping at the first
            // pair within reach, before anything is copied (most documents of two common words fail it).
            if terms.count == 2 {
                var first = terms[0].cursor(at: slots[0]), second = terms[1].cursor(at: slots[1])
                if !anyWithin(&first, &second, reach) { return }
            }
            flat.removeAll(keepingCapacity: true)
            for term in terms.indices {
                var cursor = terms[term].cursor(at: slots[term])
                while let position = cursor.next() { flat.append(position) }
                starts[term + 1] = flat.count
            }
            guard NearMatcher.filterFlat(flat, starts: starts, phraseLengths: lengths, distance: distance, weights: weights,
                                         scratch: &scratch, frequencies: &kept) else { return }
            documents.append(document)
            frequencies.append(contentsOf: kept)
        }
        if terms.count == 2, let shared = SharedSlots.merged(terms[0].documents, terms[1].documents) {
            for index in shared.first.indices {
                slots[0] = Int(shared.first[index])
                slots[1] = Int(shared.second[index])
                consider(terms[0].documents[slots[0]])
            }
            return (documents, frequencies)
        }
        outer: for (driverSlot, document) in terms[driver].documents.enumerated() {
            switch align(terms, at: document, driver: driver, driverSlot: driverSlot, slots: &slots) {
            case .exhausted: break outer
            case .missing: continue outer
            case .found: consider(document)
            }
        }
        return (documents, frequencies)
    }

    private enum Alignment { case found, missing, exhausted }

    /// Moves every list's slot (forward, by a galloping search) to `document`, which the driver's list
    /// holds at `driverSlot`: `.found` when every list holds it, `.missing` when one does not, and
    /// `.exhausted` when one has nothing left at or after it (no later document can be in all).
    @inline(__always)
    private static func align(_ terms: [TermView], at document: Int32, driver: Int, driverSlot: Int, slots: inout [Int]) -> Alignment {
        for term in terms.indices {
            if term == driver {
                slots[term] = driverSlot
                continue
            }
            let view = terms[term]
            let slot = view.documents.firstIndex(atLeast: document, from: slots[term], end: view.documents.count)
            slots[term] = slot
            guard slot < view.documents.count else { return .exhausted }
            if view.documents[slot] != document { return .missing }
        }
        return .found
    }

    /// ``scan(_:allowed:mustStartColumn:weights:)`` for a phrase of one term without `^` (`lastStart`
    /// the last position of the last allowed column): every
    /// position in an allowed column is an instance, so each document's frequency is added up as its
    /// positions are read (in order, as the general scan adds its instances), stopping past the last
    /// allowed column. (pyvideo, four `title: X OR description: "…"` queries: 133 -> 104 µs a query,
    /// alternated with the general scan.)
    ///
    /// The results are written through the buffers of arrays allocated at the list's length (each
    /// `append` checked its array's uniqueness, a call into the runtime: 8% of `title: python` on
    /// 200,000 synthetic talks), then cut to the documents found.
    private static func scanOne(_ term: TermView, allowed: [Bool], lastStart: Position, weights: [Double]) -> Result {
        let columnCount = allowed.count, capacity = term.documents.count
        var found = 0
        var frequencies: [Double] = []
        let documents = [Int32](unsafeUninitializedCapacity: capacity) { documents, documentsCount in
            frequencies = [Double](unsafeUninitializedCapacity: capacity) { frequencies, frequenciesCount in
                for (slot, document) in term.documents.enumerated() {
                    var frequency = 0.0, matched = false
                    var positions = term.cursor(at: slot)
                    while let position = positions.next(atMost: lastStart) {
                        let column = Positions.column(position)
                        guard column >= 0, column < columnCount, allowed[column] else { continue }
                        frequency += weights[column]
                        matched = true
                    }
                    guard matched else { continue }
                    documents[found] = document
                    frequencies[found] = frequency
                    found += 1
                }
                frequenciesCount = found
            }
            documentsCount = found
        }
        return Result(documents: documents, frequencies: frequencies)
    }

    /// Whether some position of `a` and some of `b` (both ascending) are at most `reach` apart, read
    /// from their cursors in a merge that stops at the first such pair.
    @inline(__always)
    private static func anyWithin(_ a: inout PositionCursor, _ b: inout PositionCursor, _ reach: Position) -> Bool {
        guard var x = a.next(), var y = b.next() else { return false }
        while true {
            if (x < y ? y - x : x - y) <= reach { return true }
            if x < y {
                guard let next = a.next() else { return false }
                x = next
            } else {
                guard let next = b.next() else { return false }
                y = next
            }
        }
    }

    /// One list's arrays as buffers, valid inside ``withViews(_:collected:_:)``'s body.
    private struct TermView {
        var documents: UnsafeBufferPointer<Int32>
        var starts: UnsafeBufferPointer<Int32>
        var ends: UnsafeBufferPointer<Int32>
        var positions: UnsafeBufferPointer<Position>
        var stream: UnsafeRawBufferPointer
        var isEncoded: Bool
        /// The part's place in the phrase.
        var shift: Int

        /// How many times the term occurs in the `slot`-th document.
        @inline(__always)
        func count(at slot: Int) -> Int { Int(starts[slot + 1] - starts[slot]) }

        /// The positions of the `slot`-th document, in order.
        @inline(__always)
        func cursor(at slot: Int) -> PositionCursor {
            let start = Int(starts[slot]), count = Int(starts[slot + 1]) - start
            if !isEncoded { return PositionCursor(positions: positions, from: start, count: count) }
            return PositionCursor(stream: stream, from: slot == 0 ? 0 : Int(ends[slot - 1]), count: count)
        }
    }

    /// One document's positions, read one at a time from a decoded list's positions or an encoded
    /// list's stream (its steps, ``ByteReader/position(after:)``).
    ///
    /// A cursor rather than a `forEach` with a closure because the closure's context (the scratch
    /// buffer, the allowed columns) was retained and released at every document: 37% of the
    /// column-filter class's time (perf, `title: python OR description: "starting to"`).
    fileprivate struct PositionCursor {
        private var reader: ByteReader
        private let positions: UnsafeBufferPointer<Position>
        private let isEncoded: Bool
        private var index: Int
        private var remaining: Int
        private var last: Position = 0

        init(positions: UnsafeBufferPointer<Position>, from start: Int, count: Int) {
            reader = ByteReader(UnsafeRawBufferPointer(start: nil, count: 0), from: 0, to: 0)
            self.positions = positions
            isEncoded = false
            index = start
            remaining = count
        }

        init(stream: UnsafeRawBufferPointer, from start: Int, count: Int) {
            reader = ByteReader(stream, from: start, to: stream.count)
            positions = UnsafeBufferPointer(start: nil, count: 0)
            isEncoded = true
            index = 0
            remaining = count
        }

        /// The next position, or nil after the last (or where a malformed stream ends early).
        @inline(__always)
        mutating func next() -> Position? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            if !isEncoded {
                index += 1
                return positions[index - 1]
            }
            guard let next = try? reader.position(after: last) else {
                remaining = 0
                return nil
            }
            last = next
            return next
        }

        /// The next position when it is at most `limit`, else nil (and so after the last). From a
        /// stream, a step into a later column than `limit`'s returns nil before its offset is read
        /// (``ByteReader/position(after:columnAtMost:)``): a column filter's scan stops most documents
        /// at their first step, one byte (pyvideo: `title: python OR description: "starting to"`
        /// 85 -> 79 µs, probe minimums alternated).
        @inline(__always)
        mutating func next(atMost limit: Position) -> Position? {
            guard isEncoded else {
                guard let position = next(), position <= limit else { return nil }
                return position
            }
            // A malformed step ends the document too, as in next().
            guard remaining > 0, let position = try? reader.position(after: last, columnAtMost: limit >> 32), position <= limit
            else { return nil }
            remaining -= 1
            last = position
            return position
        }
    }

    /// Calls `body` with every list's view, nesting the `withUnsafe…` calls so that all are valid at once.
    private static func withViews<R>(_ parts: ArraySlice<Part>, collected: [TermView], _ body: ([TermView]) -> R) -> R {
        guard let part = parts.first else { return body(collected) }
        let list = part.list
        return list.documents.withUnsafeBufferPointer { documents in
            list.positionStarts.withUnsafeBufferPointer { starts in
                list.positionEnds.withUnsafeBufferPointer { ends in
                    list.positions.withUnsafeBufferPointer { positions in
                        list.positionStream.withUnsafeBytes { stream in
                            let view = TermView(documents: documents, starts: starts, ends: ends, positions: positions,
                                                stream: stream, isEncoded: list.detail == .encoded, shift: part.shift)
                            return withViews(parts.dropFirst(), collected: collected + [view], body)
                        }
                    }
                }
            }
        }
    }

    private static func scan(_ terms: [TermView], allowed: [Bool], mustStartColumn: Bool, weights: [Double]) -> Result {
        // No start lies past the last allowed column's last offset.
        let lastStart = allowed.lastIndex(of: true).map { Position($0) << 32 | 0xFFFF_FFFF } ?? -1
        if terms.count == 1, terms[0].shift == 0, !mustStartColumn {
            return scanOne(terms[0], allowed: allowed, lastStart: lastStart, weights: weights)
        }
        var result = Result()
        let driver = terms.indices.min { terms[$0].documents.count < terms[$1].documents.count }!
        let instances = UnsafePositionBuffer()
        var slots = [Int](repeating: 0, count: terms.count)
        let columnCount = allowed.count
        outer: for (driverSlot, document) in terms[driver].documents.enumerated() {
            // The document must hold every term.
            switch align(terms, at: document, driver: driver, driverSlot: driverSlot, slots: &slots) {
            case .exhausted: break outer
            case .missing: continue outer
            case .found: break
            }
            // The part with the fewest occurrences here anchors the candidate starts: s = p - a for
            // each of its positions p (a its shift; offset at least a, so s stays in p's column) whose
            // s is in an allowed column (at its start with `^`); ascending, as p is.
            var anchor = 0
            for term in 1..<terms.count where terms[term].count(at: slots[term]) < terms[anchor].count(at: slots[anchor]) {
                anchor = term
            }
            let anchorOffset = terms[anchor].shift, anchorShift = Position(anchorOffset)
            instances.count = 0
            var anchorPositions = terms[anchor].cursor(at: slots[anchor])
            let lastAnchor = lastStart + anchorShift
            while let position = anchorPositions.next(), position <= lastAnchor {
                guard Positions.offset(position) >= anchorOffset else { continue }
                let start = position - anchorShift
                let column = Positions.column(start)
                guard column >= 0, column < columnCount, allowed[column] else { continue }
                if mustStartColumn && Positions.offset(start) != 0 { continue }
                instances.append(start)
            }
            // Keep the starts s where every other part k is at s + shift(k): one merge of the starts
            // with k's positions as they are decoded (both ascend), filtering the starts in place.
            for term in terms.indices where term != anchor {
                let count = instances.count
                guard count > 0 else { break }
                let shift = Position(terms[term].shift)
                var kept = 0, index = 0
                var positions = terms[term].cursor(at: slots[term])
                let last = instances[count - 1] + shift
                while let position = positions.next(), position <= last {
                    while index < count, instances[index] + shift < position { index += 1 }
                    if index < count, instances[index] + shift == position {
                        instances.base[kept] = instances[index]
                        kept += 1
                        index += 1
                    }
                }
                instances.count = kept
            }
            guard instances.count > 0 else { continue }
            var frequency = 0.0
            for index in 0..<instances.count { frequency += weights[Positions.column(instances[index])] }
            result.documents.append(document)
            result.frequencies.append(frequency)
        }
        return result
    }
}
