extension InvertedIndex {
    /// Walks the whole index and returns every broken invariant (empty when sound):
    /// terms strictly increasing in byte order and found by exact lookup; every posting list non-empty,
    /// documents strictly increasing within 1...N; positions strictly increasing, in a real column and
    /// below that column's size; the positions of all terms add up to `totalTokens`, and so do the
    /// column sizes.
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        let columns = schema.count
        if columnSizes.count != documentCount * columns {
            problems.append("column sizes: \(columnSizes.count) entries for \(documentCount) documents x \(columns) columns")
        }
        if columnSizes.reduce(0, { $0 + Int($1) }) != totalTokens { problems.append("column sizes do not add up to totalTokens") }
        var positionCount = 0
        for (index, term) in terms.enumerated() {
            let name = String(decoding: term, as: UTF8.self)
            if index > 0, !terms[index - 1].lexicographicallyPrecedes(term) { problems.append("terms out of order at \(name)") }
            if termIDs[term] != index { problems.append("term \(name) not found by lookup") }
            let list = postings[index]
            if list.count == 0 { problems.append("term \(name) has no documents") }
            if list.positionStarts.count != list.count + 1 { problems.append("term \(name): bad position starts") }
            var previousDocument: Int32 = 0
            for slot in 0..<list.count {
                let document = list.documents[slot]
                if document <= previousDocument || Int(document) > documentCount {
                    problems.append("term \(name): document \(document) out of order or range")
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
        return problems
    }
}
