/// The constants of the index file format (docs/FORMAT.md has the grammar).
enum IndexFileFormat {
    /// "TSIDX", CR LF, SUB: catches text-mode transfers and files that are not ours.
    static let magic: [UInt8] = [0x54, 0x53, 0x49, 0x44, 0x58, 0x0D, 0x0A, 0x1A]
    /// 6: position steps name the column apart (docs/FORMAT.md); sections 11 and 12, pairs.
    /// 7: the documents section keeps ids and stored records plain and the column texts in Zstandard
    /// frames; the words, keyword fields and pairs sections are varints (front-coded words).
    static let version: UInt32 = 7
    static let headerSize = 32
    static let sectionEntrySize = 40
    static let blockSize = 64 * 1024
    /// The term index holds every `termIndexStep`-th term of the dictionary.
    static let termIndexStep = 32
    /// The term blocks cover lists of at least `termBlocksMinimum` documents, in blocks of
    /// `termBlockSize` documents.
    static let termBlockSize = 128
    static let termBlocksMinimum = 4 * termBlockSize

    enum Section: UInt32, CaseIterable {
        case meta = 1
        case terms = 2
        case postingOffsets = 3
        case postings = 4
        case columnLengths = 5
        case documents = 6
        case keywords = 7
        case words = 8
        case rowids = 9
        case idOrder = 10
        case pairs = 11
        case pairPostings = 12
        case termIndex = 13
        case termBlocks = 14
        case prefixes = 15
        case prefixUnions = 16
        case columnTerms = 17
        case columnPostings = 18

        var name: String {
            switch self {
            case .meta: "meta"
            case .terms: "term dictionary"
            case .postingOffsets: "posting offsets"
            case .postings: "postings"
            case .columnLengths: "column lengths"
            case .documents: "documents"
            case .keywords: "keyword fields"
            case .words: "words"
            case .rowids: "rowids"
            case .idOrder: "id order"
            case .pairs: "pairs"
            case .pairPostings: "pair postings"
            case .termIndex: "term index"
            case .termBlocks: "term blocks"
            case .prefixes: "prefixes"
            case .prefixUnions: "prefix unions"
            case .columnTerms: "column terms"
            case .columnPostings: "column postings"
            }
        }

        /// Sections verified whole when the file is opened (a few bytes per document, read by every
        /// match); the others are verified a block at a time on first use (keyword fields and words
        /// whole, on first use). The term dictionary grows with the vocabulary: verified as probed.
        var verifiedAtOpen: Bool {
            switch self {
            case .meta, .columnLengths, .rowids, .termIndex: true
            case .terms, .postingOffsets, .postings, .documents, .keywords, .words, .idOrder, .pairs, .pairPostings, .termBlocks,
                 .prefixes, .prefixUnions, .columnTerms, .columnPostings: false
            }
        }

        /// Whether a file must have the section. The term index, the term blocks and the prefix
        /// unions are optional: a file written before they existed is read with a binary search over
        /// the whole dictionary, every list decoded whole and every prefix merged from its terms (and
        /// readers that predate them skip them, as any unknown kind). The prefixes and their unions
        /// come together or not at all, as do the column terms and their postings (sections 17 and 18,
        /// whose lists make a one-term column filter fast; without them the filter reads the term's
        /// postings).
        var isRequired: Bool {
            switch self {
            case .termIndex, .termBlocks, .prefixes, .prefixUnions, .columnTerms, .columnPostings: false
            default: true
            }
        }
    }
}
