/// Marks the matched text of one column, as FTS5's `highlight()` does: every reported instance covers
/// its phrase's tokens; instances that overlap are merged into one span, and the text between the tokens
/// of a span (spaces, punctuation) stays inside the markers.
enum Highlighter {
    static func highlight(_ text: String, column: Int, instances: [[Position]], phrases: [QueryPhrase],
                          analyzer: Analyzer, markers: HighlightMarkers) -> String {
        var spans: [(first: Int, last: Int)] = []
        for (phrase, positions) in instances.enumerated() {
            let length = max(phrases[phrase].terms.count, 1)
            for position in positions where Positions.column(position) == column {
                spans.append((Positions.offset(position), Positions.offset(position) + length - 1))
            }
        }
        guard !spans.isEmpty else { return text }
        spans.sort { $0.first < $1.first || ($0.first == $1.first && $0.last < $1.last) }
        var merged: [(first: Int, last: Int)] = []
        for span in spans {
            if let last = merged.last, span.first <= last.last {
                merged[merged.count - 1].last = max(last.last, span.last)
            } else {
                merged.append(span)
            }
        }
        let tokens = analyzer.tokens(text)
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var cursor = 0
        for span in merged where span.first < tokens.count {
            let start = tokens[span.first].byteRange.lowerBound
            let end = tokens[min(span.last, tokens.count - 1)].byteRange.upperBound
            guard start >= cursor else { continue }
            output += bytes[cursor..<start]
            output += Array(markers.open.utf8)
            output += bytes[start..<end]
            output += Array(markers.close.utf8)
            cursor = end
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }
}
