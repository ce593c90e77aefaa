/// FTS5's `unicode61` tokenizer, rule for rule, over SQLite's own Unicode 6.1 tables.
///
/// A code point is a token character when its category is enabled (default `L* N* Co`; code points
/// SQLite does not list are always token characters) XOR it is an exception (`tokenchars` /
/// `separators`). A token is a maximal run of token characters, where the 25 "diacritic continuation"
/// marks may continue (never start) a token. Each code point is folded: ASCII `A-Z` to lower case;
/// others by SQLite's simple case folding, then diacritics removed per `remove_diacritics` (0, 1, 2);
/// a code point that folds to 0 is dropped from the token text but stays inside its byte range.
///
/// Invariant: tokens come in text order, positions 0, 1, 2, ...; byte ranges are increasing and
/// non-overlapping.
public struct Unicode61Tokenizer: Sendable {
    /// Per code point below U+10000: folded code point in the low 21 bits, flags above.
    private let basicPlane: [UInt32]
    private let asciiTokenCharacter: [Bool]
    private let enabledCategories: [Bool]
    private let exceptions: Set<UInt32>
    private let supplementaryFold: [UInt32: UInt32]
    private static let tokenFlag: UInt32 = 1 << 30
    private static let continuationFlag: UInt32 = 1 << 29
    private static let foldMask: UInt32 = (1 << 21) - 1

    public init(removeDiacritics: Int = 1, categories: String? = nil, tokenChars: String = "",
                separators: String = "") throws(TokenizerError) {
        guard (0...2).contains(removeDiacritics) else {
            throw TokenizerError("remove_diacritics must be 0, 1 or 2, not \(removeDiacritics)")
        }
        let enabled = try UnicodeCategories.parseEnabled(categories ?? "L* N* Co")
        var ascii = (0..<128).map { enabled[Int(UnicodeCategories.category(of: UInt32($0)))] }
        ascii[0] = false
        var exceptions = Set<UInt32>()
        let continuation = Set(Unicode61Tables.diacriticContinuation)
        for (text, isToken) in [(tokenChars, true), (separators, false)] {
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 128 {
                    ascii[Int(value)] = isToken
                } else if enabled[Int(UnicodeCategories.category(of: value))] != isToken, !continuation.contains(value) {
                    exceptions.insert(value)
                }
            }
        }
        let foldPairs: [(UInt32, UInt32)] = switch removeDiacritics {
        case 0: Unicode61Tables.fold0
        case 1: Unicode61Tables.fold1
        default: Unicode61Tables.fold2
        }
        var plane = [UInt32](repeating: 0, count: 0x10000)
        for codePoint in 0..<UInt32(0x10000) {
            plane[Int(codePoint)] = codePoint
        }
        var supplementary: [UInt32: UInt32] = [:]
        for (codePoint, folded) in foldPairs {
            if codePoint < 0x10000 { plane[Int(codePoint)] = folded } else { supplementary[codePoint] = folded }
        }
        let categories = UnicodeCategories.basicPlane
        for codePoint in 0x80..<0x10000 where enabled[Int(categories[codePoint])] {
            plane[codePoint] |= Self.tokenFlag
        }
        for codePoint in exceptions where codePoint < 0x10000 { plane[Int(codePoint)] ^= Self.tokenFlag }
        for codePoint in continuation { plane[Int(codePoint)] |= Self.continuationFlag }
        basicPlane = plane
        asciiTokenCharacter = ascii
        enabledCategories = enabled
        self.exceptions = exceptions
        supplementaryFold = supplementary
    }

    public init(_ configuration: TokenizerConfiguration) throws(TokenizerError) {
        try self.init(removeDiacritics: configuration.removeDiacritics, categories: configuration.categories,
                      tokenChars: configuration.tokenChars, separators: configuration.separators)
    }

    @inline(__always)
    private func isTokenCharacter(_ codePoint: UInt32) -> Bool {
        if codePoint < 0x10000 { return basicPlane[Int(codePoint)] & Self.tokenFlag != 0 }
        return enabledCategories[Int(UnicodeCategories.category(of: codePoint))] != exceptions.contains(codePoint)
    }

    @inline(__always)
    private func fold(_ codePoint: UInt32) -> UInt32 {
        if codePoint < 0x10000 { return basicPlane[Int(codePoint)] & Self.foldMask }
        return supplementaryFold[codePoint] ?? codePoint
    }

    /// Calls `body(termBytes, start, end)` for each token of `bytes` (valid UTF-8), in order.
    /// `termBytes` is only valid during the call.
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
        var output = [UInt8]()
        output.reserveCapacity(64)
        var index = 0
        let count = bytes.count
        while index < count {
            // Skip separators.
            var start = index
            var codePoint: UInt32 = 0
            var length = 0
            var found = false
            while index < count {
                start = index
                (codePoint, length) = Self.decode(bytes, at: index)
                index += length
                if codePoint < 0x80 {
                    if asciiTokenCharacter[Int(codePoint)] { found = true; break }
                } else if isTokenCharacter(codePoint) {
                    found = true
                    break
                }
            }
            guard found else { return }
            output.removeAll(keepingCapacity: true)
            Self.append(codePoint < 0x80 ? Self.foldASCII(codePoint) : fold(codePoint), to: &output)
            var end = index
            while index < count {
                let (next, nextLength) = Self.decode(bytes, at: index)
                if next < 0x80 {
                    guard asciiTokenCharacter[Int(next)] else { break }
                    output.append(UInt8(Self.foldASCII(next)))
                } else {
                    let isContinuation = next < 0x10000 && basicPlane[Int(next)] & Self.continuationFlag != 0
                    guard isTokenCharacter(next) || isContinuation else { break }
                    Self.append(fold(next), to: &output)
                }
                index += nextLength
                end = index
            }
            output.withUnsafeBufferPointer { body($0, start, end) }
        }
    }

    /// The tokens of `text`.
    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var utf8 = text
        utf8.withUTF8 { buffer in
            tokenize(buffer) { term, start, end in
                result.append(Token(term: String(decoding: term, as: UTF8.self), position: result.count, byteRange: start..<end))
            }
        }
        return result
    }

    @inline(__always)
    private static func foldASCII(_ codePoint: UInt32) -> UInt32 {
        codePoint >= 0x41 && codePoint <= 0x5A ? codePoint + 32 : codePoint
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let first = UInt32(bytes[index])
        if first < 0x80 { return (first, 1) }
        if first < 0xE0 { return (((first & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2) }
        if first < 0xF0 {
            return (((first & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        return (((first & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
                | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4)
    }

    /// Appends the UTF-8 encoding of `codePoint`; 0 appends nothing (a dropped diacritic).
    @inline(__always)
    static func append(_ codePoint: UInt32, to output: inout [UInt8]) {
        switch codePoint {
        case 0: return
        case ..<0x80: output.append(UInt8(codePoint))
        case ..<0x800:
            output.append(UInt8(0xC0 | (codePoint >> 6)))
            output.append(UInt8(0x80 | (codePoint & 0x3F)))
        case ..<0x10000:
            output.append(UInt8(0xE0 | (codePoint >> 12)))
            output.append(UInt8(0x80 | ((codePoint >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (codePoint & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (codePoint >> 18)))
            output.append(UInt8(0x80 | ((codePoint >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((codePoint >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (codePoint & 0x3F)))
        }
    }
}
