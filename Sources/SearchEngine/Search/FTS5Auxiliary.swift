/// FTS5's auxiliary functions `highlight()` and `snippet()` (fts5_aux.c, SQLite 3.40), ported to the
/// engine's match results so both backends mark the same text.
///
/// Both read the row's *instances* (`xInst`): every reported phrase instance, ordered by position
/// (`column << 32 | offset`), a tie going to the lower phrase number. Instances of one column that
/// overlap in tokens are *coalesced* into one span (`"a b" OR "b c"` on "a b c" is one span a..c).
public struct PhraseInstances: Sendable {
    public struct Instance: Hashable, Sendable {
        public var phrase: Int
        public var column: Int
        public var offset: Int
    }

    public var entries: [Instance]
    /// Tokens per phrase (`xPhraseSize`).
    public var phraseSizes: [Int]

    /// From per-phrase instance positions as the match walk reports them.
    public init(positions: [[Position]], phraseSizes: [Int]) {
        var merged: [(position: Position, phrase: Int)] = []
        for (phrase, list) in positions.enumerated() { for position in list { merged.append((position, phrase)) } }
        merged.sort { $0.position < $1.position || ($0.position == $1.position && $0.phrase < $1.phrase) }
        entries = merged.map { Instance(phrase: $0.phrase, column: Positions.column($0.position), offset: Positions.offset($0.position)) }
        self.phraseSizes = phraseSizes
    }

    /// The coalesced spans of one column, in order, as (first token, last token).
    func coalescedSpans(column: Int) -> [(start: Int, end: Int)] {
        var spans: [(start: Int, end: Int)] = []
        var current: (start: Int, end: Int)?
        for instance in entries where instance.column == column {
            let end = instance.offset - 1 + phraseSizes[instance.phrase]
            if var open = current, instance.offset <= open.end {
                open.end = max(open.end, end)
                current = open
            } else {
                if let open = current { spans.append(open) }
                current = (instance.offset, end)
            }
        }
        if let open = current { spans.append(open) }
        return spans
    }
}

public enum FTS5Auxiliary {
    /// `highlight(t, column, open, close)`: the column's text with every coalesced span wrapped.
    public static func highlight(_ text: String, column: Int, instances: PhraseInstances, analyzer: Analyzer,
                                 open: String, close: String) -> String {
        var marker = Marker(text: text, spans: instances.coalescedSpans(column: column), open: open, close: close, range: nil)
        analyzer.analyze(text) { _, start, end in marker.token(start: start, end: end) }
        marker.finish()
        return marker.output
    }

    /// `snippet(t, column, open, close, ellipsis, tokens)` with FTS5's choice of fragment: for each
    /// instance, a window of `tokens` tokens starting at it (scored 1000 per distinct phrase inside, 1 per
    /// repeat, then re-centred) and one starting at its sentence (+120 at the column start, else +100,
    /// when the column is longer than the window); the strictly best wins, the first found on ties.
    /// `column` -1 looks in every column.
    public static func snippet(texts: [String], columnSizes: [Int], column: Int, instances: PhraseInstances,
                               analyzer: Analyzer, open: String, close: String, ellipsis: String, tokens: Int) -> String {
        var bestColumn = column >= 0 ? column : 0
        var bestStart = 0, bestScore = 0
        var bestColumnSize = 0
        for candidate in texts.indices where column < 0 || column == candidate {
            let sentenceStarts = sentenceFirstTokens(texts[candidate], analyzer: analyzer)
            let size = columnSizes[candidate]
            for instance in instances.entries where instance.column == candidate {
                let (score, adjusted) = windowScore(instances, column: candidate, start: instance.offset, tokens: tokens, columnSize: size)
                if score > bestScore {
                    (bestScore, bestColumn, bestStart, bestColumnSize) = (score, candidate, adjusted, size)
                }
                if !sentenceStarts.isEmpty && size > tokens {
                    var index = 0
                    while index < sentenceStarts.count - 1, sentenceStarts[index + 1] <= instance.offset { index += 1 }
                    if sentenceStarts[index] < instance.offset {
                        var (sentenceScore, _) = windowScore(instances, column: candidate, start: sentenceStarts[index], tokens: tokens, columnSize: size)
                        sentenceScore += sentenceStarts[index] == 0 ? 120 : 100
                        if sentenceScore > bestScore {
                            (bestScore, bestColumn, bestStart, bestColumnSize) = (sentenceScore, candidate, sentenceStarts[index], size)
                        }
                    }
                }
            }
        }
        let text = texts[bestColumn]
        if bestColumnSize == 0 { bestColumnSize = columnSizes[bestColumn] }
        var spans = instances.coalescedSpans(column: bestColumn)
        spans.removeAll { $0.start < bestStart }
        var marker = Marker(text: text, spans: spans, open: open, close: close, range: (bestStart, bestStart + tokens - 1))
        var output = bestStart > 0 ? ellipsis : ""
        analyzer.analyze(text) { _, start, end in marker.token(start: start, end: end) }
        output += marker.output
        if bestStart + tokens - 1 >= bestColumnSize - 1 {
            output += marker.rest
        } else {
            output += ellipsis
        }
        return output
    }

    /// `fts5SnippetScore`: the window [start, start + tokens) of one column; returns its score and the
    /// re-centred start.
    static func windowScore(_ instances: PhraseInstances, column: Int, start: Int, tokens: Int, columnSize: Int) -> (Int, Int) {
        var seen = Set<Int>()
        var score = 0, first = -1, last = 0
        let end = start + tokens
        for instance in instances.entries where instance.column == column && instance.offset >= start && instance.offset < end {
            score += seen.contains(instance.phrase) ? 1 : 1000
            seen.insert(instance.phrase)
            if first < 0 { first = instance.offset }
            last = instance.offset + instances.phraseSizes[instance.phrase]
        }
        var adjusted = first - (tokens - (last - first)) / 2
        if adjusted + tokens > columnSize { adjusted = columnSize - tokens }
        if adjusted < 0 { adjusted = 0 }
        return (score, adjusted)
    }

    /// Token positions that start a sentence: the first token, and any token preceded (after spaces,
    /// tabs and line breaks) by `.` or `:`.
    static func sentenceFirstTokens(_ text: String, analyzer: Analyzer) -> [Int] {
        let bytes = Array(text.utf8)
        var starts: [Int] = []
        var position = 0
        analyzer.analyze(text) { _, start, _ in
            if position == 0 {
                starts.append(0)
            } else {
                var index = start - 1
                var character: UInt8 = 0
                while index >= 0 {
                    character = bytes[index]
                    if character != 0x20 && character != 0x09 && character != 0x0A && character != 0x0D { break }
                    index -= 1
                }
                if index != start - 1 && (character == UInt8(ascii: ".") || character == UInt8(ascii: ":")) {
                    starts.append(position)
                }
            }
            position += 1
        }
        return starts
    }

    /// The state of `fts5HighlightCb` (SQLite 3.40) as it walks the tokens of one column.
    struct Marker {
        let bytes: [UInt8]
        let spans: [(start: Int, end: Int)]
        let open: [UInt8], close: [UInt8]
        /// First and last token to output (snippet; FTS5's iRangeStart/iRangeEnd, honoured only when the
        /// end is above 0); nil = all (highlight).
        let range: (lowerBound: Int, upperBound: Int)?
        var spanIndex = 0
        var position = 0
        var copied = 0
        var out: [UInt8] = []

        init(text: String, spans: [(start: Int, end: Int)], open: String, close: String, range: (lowerBound: Int, upperBound: Int)?) {
            bytes = Array(text.utf8)
            self.spans = spans
            self.open = Array(open.utf8)
            self.close = Array(close.utf8)
            self.range = range
        }

        var spanStart: Int { spanIndex < spans.count ? spans[spanIndex].start : -1 }
        var spanEnd: Int { spanIndex < spans.count ? spans[spanIndex].end : -1 }

        mutating func token(start: Int, end: Int) {
            let current = position
            position += 1
            if let range, range.upperBound > 0 {
                if current < range.lowerBound || current > range.upperBound { return }
                if range.lowerBound > 0 && current == range.lowerBound { copied = start }
            }
            if current == spanStart {
                out += bytes[copied..<start]
                out += open
                copied = start
            }
            if current == spanEnd {
                if let range, range.upperBound > 0, spanStart < range.lowerBound { out += open }
                out += bytes[copied..<end]
                out += close
                copied = end
                spanIndex += 1
            }
            if let range, range.upperBound > 0, current == range.upperBound {
                out += bytes[copied..<end]
                copied = end
                if current >= spanStart && current < spanEnd { out += close }
            }
        }

        mutating func finish() {
            out += bytes[copied...]
            copied = bytes.count
        }

        var output: String { String(decoding: out, as: UTF8.self) }
        var rest: String { String(decoding: bytes[copied...], as: UTF8.self) }
    }
}
