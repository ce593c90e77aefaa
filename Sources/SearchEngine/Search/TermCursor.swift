/// One term's postings inside a leaf, with a forward-only cursor: moves to a document and reads the
/// term's positions there.
///
/// A class with the list in a `let`, so that the per-candidate calls of phrase matching borrow the
/// list's arrays instead of copying the struct out of an array (a retain and release per array per
/// call, a fifth of a phrase query's time).
final class TermCursor {
    let list: PostingList
    /// The slot of the last document moved to (or the first slot not below it).
    private(set) var slot = 0

    init(_ list: PostingList) { self.list = list }

    /// Moves forward to `document`; true when the term occurs there.
    @inline(__always)
    func move(to document: Int32) -> Bool {
        slot = list.firstIndex(atLeast: document, from: slot)
        return slot < list.count && list.documents[slot] == document
    }

    /// The same into a phrase leaf's scratch buffer.
    @inline(__always)
    func appendPositions(columns: [Int]?, to buffer: UnsafePositionBuffer) {
        list.appendPositions(at: slot, columns: columns, to: buffer)
    }

    /// Appends the term's positions at the document moved to (only those in `columns` when given).
    @inline(__always)
    func appendPositions(columns: [Int]?, to buffer: inout [Position]) {
        list.appendPositions(at: slot, columns: columns, to: &buffer)
    }
}
