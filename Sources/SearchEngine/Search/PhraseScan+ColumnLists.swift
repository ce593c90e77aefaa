extension PhraseScan {
    /// A phrase of one exact term without `^` under a column filter, from the term's lists in the
    /// allowed columns (``ColumnLists``; `lists[i]` is its list in column `columns[i]`, the columns
    /// ascending): the documents in any of them, and at each
    ///
    ///     f = Σ over the allowed columns c, ascending, of weight[c] added count(c) times
    ///
    /// which is ``scanOneTerm(_:documentCount:allowed:weights:)``'s sum bit for bit: it adds the
    /// weight of each position's column in position order, and positions are ordered by column first.
    static func scanColumnLists(_ lists: [PostingList], columns: [Int], weights: [Double]) -> Result {
        var result = Result()
        for (slot, list) in lists.enumerated() {
            let weight = weights[columns[slot]]
            if slot == 0 {
                result.documents = list.documents
                result.frequencies = list.positionStarts.withUnsafeBufferPointer { starts in
                    [Double](unsafeUninitializedCapacity: list.count) { frequencies, initialized in
                        for index in 0..<list.count {
                            frequencies[index] = QueryEvaluator.termFrequency(starts[index + 1] - starts[index], weight: weight)
                        }
                        initialized = list.count
                    }
                }
            } else {
                result = merged(result, list, weight: weight)
            }
        }
        return result
    }

    /// The documents of `result` or `list`, the frequency of one in both `result`'s with `weight`
    /// added once for each of the list's occurrences there (the later column's positions after the
    /// earlier's).
    private static func merged(_ result: Result, _ list: PostingList, weight: Double) -> Result {
        var merged = Result()
        merged.documents.reserveCapacity(result.documents.count + list.count)
        merged.frequencies.reserveCapacity(result.documents.count + list.count)
        var left = 0, right = 0
        let leftEnd = result.documents.count, rightEnd = list.count
        while left < leftEnd || right < rightEnd {
            let a = left < leftEnd ? result.documents[left] : .max, b = right < rightEnd ? list.documents[right] : .max
            var frequency = 0.0
            if a <= b {
                frequency = result.frequencies[left]
                left += 1
            }
            if b <= a {
                for _ in 0..<list.occurrences(at: right) { frequency += weight }
                right += 1
            }
            merged.documents.append(min(a, b))
            merged.frequencies.append(frequency)
        }
        return merged
    }
}
