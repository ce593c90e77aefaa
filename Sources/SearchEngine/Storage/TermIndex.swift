/// Every `step`-th term of an index file's dictionary (docs/FORMAT.md, section 13), decoded at open
/// into one buffer: sampled term j is term j × step, for j in 0 ..< ⌈T / step⌉.
///
/// A lookup searches these first and then at most `step - 1` terms of the file between two of them
/// (``MappedIndexFile``): the dictionary's binary search touched log2(T) terms spread over the
/// whole section, each with its offsets, its bytes and their blocks' checksum flags.
struct TermIndex: Sendable {
    let step: Int
    private let bytes: [UInt8]
    /// Sampled term j is `bytes[offsets[j] ..< offsets[j + 1]]`.
    private let offsets: [Int]

    var count: Int { offsets.count - 1 }

    struct Malformed: Error {}

    /// Reads `varint step, varint S, bytes term{S}` for a dictionary of `termCount` terms: S must be
    /// ⌈termCount / step⌉ and the terms strictly ascending (that they are the dictionary's own is
    /// `talksearch check`'s to say: it compares every one).
    init(_ reader: inout ByteReader, termCount: Int) throws(Malformed) {
        var bytes: [UInt8] = [], offsets = [0]
        guard let step = try? reader.int(), let count = try? reader.int(),
              step > 0, count == (termCount == 0 ? 0 : (termCount - 1) / step + 1) else { throw Malformed() }
        for _ in 0..<count {
            guard let term = try? reader.data() else { throw Malformed() }
            bytes += term
            offsets.append(bytes.count)
        }
        self.step = step
        self.bytes = bytes
        self.offsets = offsets
        for sampled in 1..<max(count, 1) where !term(at: sampled - 1).lexicographicallyPrecedes(term(at: sampled)) {
            throw Malformed()
        }
    }

    func term(at sampled: Int) -> ArraySlice<UInt8> { bytes[offsets[sampled]..<offsets[sampled + 1]] }

    /// The first sampled term at which `isBefore` fails (`count` when it holds on all), for a
    /// predicate that holds on a prefix of the dictionary.
    func firstFailing(_ isBefore: (UnsafeRawBufferPointer) -> Bool) -> Int {
        bytes.withUnsafeBytes { raw in
            partitionPoint(0..<count) { sampled in isBefore(UnsafeRawBufferPointer(rebasing: raw[offsets[sampled]..<offsets[sampled + 1]])) }
        }
    }
}
