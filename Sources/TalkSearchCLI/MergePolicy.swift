/// Which adjacent segments an update merges, so segments stay few and every document is rewritten
/// only O(log N) times over any sequence of updates.
///
/// The rule, applied after each update to the segments in rowid order:
/// 1. a segment with no live documents is dropped (no rewrite needed);
/// 2. a segment more than half deleted is rewritten alone (its deleted documents leave the file);
/// 3. while the second-to-last segment holds at most `ratio` times the live documents of the last,
///    the two are merged.
/// Rule 3 keeps live sizes falling geometrically from the first segment to the last (each above
/// `ratio` times the next), so there are at most log(N) / log(ratio) + 1 segments, and a small update
/// next to a large index merges nothing: adding 1 talk to 21,715 writes one segment of 1 talk.
///
/// With `maximumDocuments` (an index rebuilt under a memory limit), rule 3 never merges two segments
/// whose live documents together exceed it: segments then stay near that size, about N / maximum of
/// them plus the logarithmic tail.
struct MergePolicy {
    var ratio = 2
    var maximumDocuments: Int? = nil

    /// The groups the segments form after the policy, in order: each group is a contiguous range of
    /// input segments that become one segment (a range of one is kept as it is unless `rewritten`).
    struct Plan: Equatable {
        var groups: [Range<Int>]
        var rewritten: Set<Int>
        var dropped: [Int]
    }

    /// `segments`: per segment, its documents and deleted documents, in order.
    func plan(_ segments: [(documents: Int, deleted: Int)]) -> Plan {
        var groups: [(range: Range<Int>, live: Int)] = []
        var rewritten = Set<Int>()
        var dropped: [Int] = []
        for (index, segment) in segments.enumerated() {
            let live = segment.documents - segment.deleted
            if live == 0 {
                dropped.append(index)
                continue
            }
            if segment.deleted * 2 > segment.documents { rewritten.insert(index) }
            groups.append((index..<(index + 1), live))
            while groups.count >= 2, groups[groups.count - 2].live <= ratio * groups[groups.count - 1].live,
                  groups[groups.count - 2].live + groups[groups.count - 1].live <= maximumDocuments ?? Int.max {
                let last = groups.removeLast()
                let previous = groups.removeLast()
                groups.append((previous.range.lowerBound..<last.range.upperBound, previous.live + last.live))
            }
        }
        return Plan(groups: groups.map(\.range), rewritten: rewritten, dropped: dropped)
    }
}
