/// The documents containing one term, with the term's positions in each.
///
/// Layout: `documents[i]` is the i-th document ordinal (strictly increasing); its positions are
/// `positions[positionStarts[i] ..< positionStarts[i + 1]]`, strictly increasing.
public struct PostingList: Sendable, Hashable {
    public internal(set) var documents: [Int32] = []
    public internal(set) var positionStarts: [Int32] = [0]
    public internal(set) var positions: [Position] = []

    public init() {}

    public var count: Int { documents.count }

    /// The positions of the term in the i-th listed document.
    @inline(__always)
    public func positions(at index: Int) -> ArraySlice<Position> {
        positions[Int(positionStarts[index])..<Int(positionStarts[index + 1])]
    }

    /// The index of the first listed document >= `ordinal`, from `start`; `count` when none.
    public func firstIndex(atLeast ordinal: Int32, from start: Int) -> Int {
        var low = start, high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documents[middle] < ordinal { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func append(document: Int32, position: Position) {
        if documents.last != document {
            documents.append(document)
            positionStarts.append(positionStarts[positionStarts.count - 1])
        }
        positions.append(position)
        positionStarts[positionStarts.count - 1] += 1
    }

    /// The union of several lists: every document of any, with the merged positions (a prefix query's
    /// view of all the terms it expands to).
    static func union(_ lists: [PostingList]) -> PostingList {
        if lists.count == 1 { return lists[0] }
        var byDocument: [Int32: [Position]] = [:]
        for list in lists {
            for index in 0..<list.count {
                byDocument[list.documents[index], default: []].append(contentsOf: list.positions(at: index))
            }
        }
        var merged = PostingList()
        for document in byDocument.keys.sorted() {
            for position in byDocument[document]!.sorted() { merged.append(document: document, position: position) }
        }
        return merged
    }
}
