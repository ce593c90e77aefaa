import Foundation

extension InvertedIndex {
    /// Walks the whole index and returns every broken invariant (empty when sound):
    /// every live document found by its id and rowid, rowids increasing;
    /// terms strictly increasing in byte order and found by exact lookup; every posting list non-empty,
    /// documents strictly increasing within 1...N (the ordinal range), none deleted; positions strictly increasing, in a real column and
    /// below that column's size; the positions of all terms add up to `totalTokens`, and so do the
    /// column sizes; the pairs of common terms (``CommonPairs``) of each index or segment are the pairs
    /// made again from its common terms' postings, key for key and byte for byte. A file that fails a
    /// checksum is reported as one problem.
    public func checkInvariants() -> [String] {
        do throws(IndexFileError) {
            return try invariantProblems()
        } catch {
            return [error.description]
        }
    }

    private func invariantProblems() throws(IndexFileError) -> [String] {
        var problems: [String] = []
        let columns = schema.count
        var sizeTotal = 0
        for ordinal in 0..<ordinalCount where !isDeleted(Int32(ordinal + 1)) {
            for column in 0..<columns { sizeTotal += columnSize(Int32(ordinal + 1), column: column) }
        }
        if sizeTotal != totalTokens { problems.append("column sizes add up to \(sizeTotal), not totalTokens \(totalTokens)") }
        if case .segments(let set) = storage { _ = try set.dictionary() }  // a failure here is the problem
        for slot in 0..<ordinalCount where !isDeleted(Int32(slot + 1)) {
            let current = Int32(slot + 1)
            if slot > 0, rowid(current) <= rowid(current - 1) { problems.append("rowid of document \(current) does not increase") }
            if ordinal(ofRowid: rowid(current)) != current { problems.append("document \(current) not found by its rowid") }
            let id = try documentID(current)
            if try self.ordinal(ofID: id) != current { problems.append("document \(current) not found by its id \"\(id)\"") }
        }
        var positionCount = 0
        var previousTerm: [UInt8]?
        for index in 0..<termCount {
            let (term, list) = try entry(at: index)
            let name = String(decoding: term, as: UTF8.self)
            if let previousTerm, !previousTerm.lexicographicallyPrecedes(term) { problems.append("terms out of order at \(name)") }
            previousTerm = term
            if try postings(for: term) != list { problems.append("term \(name) not found by lookup") }
            if list.count == 0 { problems.append("term \(name) has no documents") }
            if list.positionStarts.count != list.count + 1 { problems.append("term \(name): bad position starts") }
            var previousDocument: Int32 = 0
            for slot in 0..<list.count {
                let document = list.documents[slot]
                if document <= previousDocument || Int(document) > ordinalCount || isDeleted(document) {
                    problems.append("term \(name): document \(document) out of order or range")
                    break
                }
                previousDocument = document
                let positions = list.positions(at: slot)
                if positions.isEmpty { problems.append("term \(name): document \(document) without positions") }
                var previous: Position = -1
                for position in positions {
                    let column = Positions.column(position), offset = Positions.offset(position)
                    if position <= previous || column >= columns || offset >= columnSize(document, column: column) {
                        problems.append("term \(name): bad position \(column):\(offset) in document \(document)")
                    }
                    previous = position
                }
                positionCount += positions.count
            }
        }
        if positionCount != totalTokens { problems.append("positions (\(positionCount)) != totalTokens (\(totalTokens))") }
        if case .segments(let set) = storage {
            for (slot, segment) in set.segments.enumerated() {
                problems += try segment.pairProblems().map { "segment \(slot): \($0)" }
            }
        } else {
            problems += try pairProblems()
        }
        return problems
    }

    /// A single index's pairs against the pairs of its common terms made again from their postings.
    private func pairProblems() throws(IndexFileError) -> [String] {
        let pairs = try commonPairs()
        if case .memory = storage, let problem = pairs.problem(termCount: termCount, postingsLength: pairs.postingBytes.count) {
            return [problem]
        }
        let again = try pairsFromPostings(of: pairs.commonTerms)
        guard again.keys == pairs.keys else { return ["the pairs are not those of the common terms' postings"] }
        for slot in 0..<pairs.pairCount where try encodedPairPostings(at: slot) != again.postingBytes[again.postingRange(at: slot)] {
            return ["pair \(slot)'s postings are not its terms' adjacent occurrences"]
        }
        return []
    }
}
