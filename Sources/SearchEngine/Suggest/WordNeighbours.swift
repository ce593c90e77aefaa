/// The words of a ``WordDictionary`` within an edit distance of a given word, found by walking the
/// sorted dictionary as an implicit trie (no scan of every word).
///
/// Distance is the optimal-string-alignment distance over bytes: insertions, deletions, substitutions
/// and swaps of two adjacent bytes cost 1 (a non-ASCII letter is 2 bytes, so changing one costs up to
/// 2). One dynamic-programming row is kept per byte of the current dictionary word, in one flat table
/// (row d at `d * (n + 1)`); consecutive words share the rows of their common prefix. When every entry
/// of a row exceeds the limit, no word with that prefix can be close enough, and the walk jumps past all
/// of them with a binary search.
public struct WordNeighbours {
    public struct Neighbour: Hashable, Sendable {
        public var index: Int
        public var distance: Int
    }

    /// Every word within `maximum` edits of `word`, in dictionary order. `visited` reports how many
    /// dictionary words the walk looked at.
    public static func find(_ word: [UInt8], maximum: Int, in dictionary: WordDictionary) -> (neighbours: [Neighbour], visited: Int) {
        let n = word.count, width = n + 1
        var table = Array(0...n)     // row 0
        var validRows = 1            // rows 0 ..< validRows hold the prefix `previousWord[..<validRows - 1]`
        var previousWord: ArraySlice<UInt8> = []
        var neighbours: [Neighbour] = []
        var index = 0, visited = 0
        walk: while index < dictionary.count {
            let current = dictionary.word(at: index)
            let base = current.startIndex
            visited += 1
            var shared = 0
            let limit = min(previousWord.count, current.count, validRows - 1)
            while shared < limit, previousWord[previousWord.startIndex + shared] == current[base + shared] { shared += 1 }
            validRows = shared + 1
            if table.count < (current.count + 1) * width { table += [Int](repeating: 0, count: (current.count + 1) * width - table.count) }
            var depth = shared + 1
            while depth <= current.count {
                let byte = current[base + depth - 1]
                let row = depth * width, above = row - width
                table[row] = depth
                var smallest = depth
                var column = 1
                while column <= n {
                    let cost = word[column - 1] == byte ? 0 : 1
                    var value = min(table[above + column] + 1, table[row + column - 1] + 1, table[above + column - 1] + cost)
                    if depth > 1, column > 1, word[column - 1] == current[base + depth - 2], word[column - 2] == byte {
                        value = min(value, table[above - width + column - 2] + 1)
                    }
                    table[row + column] = value
                    smallest = min(smallest, value)
                    column += 1
                }
                if smallest > maximum {
                    // No word starting with current[..<depth] is close enough: skip them all.
                    index = dictionary.range(withPrefix: current.prefix(depth)).upperBound
                    previousWord = current.prefix(depth - 1)
                    validRows = depth
                    continue walk
                }
                depth += 1
            }
            validRows = current.count + 1
            let distance = table[current.count * width + n]
            if distance <= maximum { neighbours.append(Neighbour(index: index, distance: distance)) }
            previousWord = current
            index += 1
        }
        return (neighbours, visited)
    }
}
