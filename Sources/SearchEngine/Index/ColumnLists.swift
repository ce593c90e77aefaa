/// The lists of the short columns (docs/FORMAT.md, sections 17 and 18): for each column that holds at
/// most 1/``share`` of the index's tokens (the first ``maximumColumns`` of them; for talks: the title and the speakers, 8% and 3% of
/// pyvideo's), every term that occurs in it has the documents where it does, each with its number of
/// occurrences in that column, in the encoding of a prefix's union (``PrefixUnions``):
///
///     list := varint doc-count, doc{doc-count}
///     doc  := varint (ordinal-delta << 1 | single), [varint count]     count = 1 when single = 1, else written (>= 2)
///
/// They are derived from the postings (a position's column is in its step), so they add no
/// information: a one-term column filter (`title: python`) reads its column's list, about 1.3 bytes
/// for each document where the term is in the title, instead of the term's whole documents stream and
/// the first step of every document's positions (pyvideo: 6,057 of python's 11,115 documents have it
/// in the title).
enum ColumnLists {
    /// A column has lists when `share` × its tokens are at most the index's tokens.
    static let share = 4

    /// The columns that have lists, ascending: those with tokens whose share of `totalTokens` is at
    /// most 1/``share`` (none of an empty index).
    static func columns(totals: [Int], totalTokens: Int) -> [Int] {
        Array(totals.indices.filter { totals[$0] > 0 && totals[$0] * share <= totalTokens }.prefix(maximumColumns))
    }

    /// At most this many columns have lists (a term's entry names its columns by the bits of a mask).
    static let maximumColumns = 32

    /// One term's lists in the listed columns, made from its postings.
    struct Split {
        /// Bit k set: the term occurs in listed column k (`columns[k]`).
        var mask = 0
        /// The lists of the columns in `mask`, in column order, end to end.
        var bytes: [UInt8] = []
        /// The byte length of each of them, in the same order.
        var lengths: [Int] = []
    }

    /// Splits terms' postings into their column lists, reusing its buffers from term to term.
    struct Splitter {
        let columns: [Int]
        let documentCount: Int
        /// Per column of the index, its slot in `columns`, or -1.
        private let slots: [Int]
        private let lastColumn: Int
        private var documents: [ByteWriter]
        private var counts: [Int]
        private var previous: [Int]
        private var occurrences: [Int]

        init(columns: [Int], columnCount: Int, documentCount: Int) {
            self.columns = columns
            self.documentCount = documentCount
            var slots = [Int](repeating: -1, count: columnCount)
            for (slot, column) in columns.enumerated() { slots[column] = slot }
            self.slots = slots
            lastColumn = columns.last ?? -1
            documents = Array(repeating: ByteWriter(), count: columns.count)
            counts = Array(repeating: 0, count: columns.count)
            previous = Array(repeating: 0, count: columns.count)
            occurrences = Array(repeating: 0, count: columns.count)
        }

        /// The lists of the term whose whole postings (``PostingCodec``) are `postings`: for each listed
        /// column, the documents with a position in it and their number of positions there. A document's
        /// positions are read up to the first step into a column after the last listed one. Throws when
        /// the postings break ``PostingCodec``'s checks of the documents stream.
        mutating func split(_ postings: UnsafeRawBufferPointer) throws(PostingCodec.Malformed) -> Split {
            guard !columns.isEmpty else { return Split() }
            for slot in columns.indices {
                documents[slot].bytes.removeAll(keepingCapacity: true)
                counts[slot] = 0
                previous[slot] = 0
            }
            do throws(ByteReader.Overrun) {
                let (count, stream, positions) = try PostingCodec.streams(ByteReader(postings, from: 0, to: postings.count),
                                                                          documentCount: documentCount)
                var cursor = stream, ordinal = 0, consumed = 0
                let positionBytes = positions.end - positions.offset
                for _ in 0..<count {
                    guard let (next, positionCount, length) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: documentCount),
                          length <= positionBytes - consumed else { throw ByteReader.Overrun() }
                    ordinal = next
                    var steps = ByteReader(positions.base, from: positions.offset + consumed, to: positions.offset + consumed + length)
                    consumed += length
                    for slot in columns.indices { occurrences[slot] = 0 }
                    var last: Position = 0
                    for _ in 0..<positionCount {
                        guard let position = try steps.position(after: last, columnAtMost: Position(lastColumn)) else { break }
                        last = position
                        let column = Positions.column(position)
                        guard column >= 0, column < slots.count, case let slot = slots[column], slot >= 0 else { continue }
                        occurrences[slot] += 1
                    }
                    for slot in columns.indices where occurrences[slot] > 0 {
                        let delta = UInt64(ordinal - previous[slot]) << 1
                        if occurrences[slot] == 1 {
                            documents[slot].varint(delta | 1)
                        } else {
                            documents[slot].varint(delta)
                            documents[slot].varint(occurrences[slot])
                        }
                        previous[slot] = ordinal
                        counts[slot] += 1
                    }
                }
                guard cursor.isAtEnd, consumed == positionBytes else { throw ByteReader.Overrun() }
            } catch {
                throw PostingCodec.Malformed()
            }
            var split = Split()
            for slot in columns.indices where counts[slot] > 0 {
                split.mask |= 1 << slot
                let start = split.bytes.count
                split.bytes.appendVarint(UInt64(counts[slot]))
                split.bytes += documents[slot].bytes
                split.lengths.append(split.bytes.count - start)
            }
            return split
        }
    }
}
