extension SkipGroups {
    /// One document of a list that a cut keeps: its ordinal, its occurrence count, and where its
    /// position bytes lie in the list's positions stream (`positionStart ..< positionStart + positionLength`).
    struct Kept: Equatable {
        var ordinal: Int32
        var occurrences: Int32
        var positionStart: Int32
        var positionLength: Int32
    }

    /// The documents among `candidates` (ascending ordinals) of the list whose documents stream is
    /// `documents` (``count`` documents, ``PostingCodec``) and whose positions stream is
    /// `positionBytes` long, in an index of `documentCount` documents; nil when the bytes read break
    /// a rule of the encoding.
    ///
    /// Per candidate, the group that can hold it (the last whose ordinal before is below it) is read
    /// from its first document up to the candidate, so at most ``size`` documents are decoded per
    /// candidate and the groups holding none are skipped. Each document read is checked as every
    /// reader checks it: its ordinal rises and stays at most the group's last (the next group's
    /// ordinal before, or `documentCount`), its count is at least 1 and at most its byte length, and
    /// its length stays within the group's positions (up to the next group's offset).
    ///
    /// Unsafe storage because this loop was a quarter of `title: lightning OR description: "a life"`
    /// on pyvideo (perf): written inline into the list's arrays (four appends a kept document, each a
    /// uniqueness and capacity check, and the positions copied by `+=`), its cursor, ordinal and bytes
    /// consumed lived on the stack. Here they stay in locals and the kept documents are written
    /// through a buffer allocated once at its largest size (`min(candidates, count)`), every slot
    /// below the returned count written.
    func cut(_ documents: ByteReader, documentCount: Int, positionBytes: Int, candidates: [Int32]) -> [Kept]? {
        let groupCount = count
        guard groupCount > 0, !candidates.isEmpty, documentCount <= Int(Int32.max), positionBytes <= Int(Int32.max),
              let base = documents.base.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        let listCount = self.documents, streamStart = documents.offset, streamEnd = documents.end
        var failed = false
        let kept = [Kept](unsafeUninitializedCapacity: min(candidates.count, listCount)) { out, written in
            written = 0
            ordinalsBefore.withUnsafeBufferPointer { ordinalsBefore in
            documentOffsets.withUnsafeBufferPointer { documentOffsets in
            positionOffsets.withUnsafeBufferPointer { positionOffsets in
            candidates.withUnsafeBufferPointer { candidates in
                var group = 0, candidate = 0
                while candidate < candidates.count {
                    var wanted = Int(candidates[candidate])
                    // The group that holds `wanted` if the list does: the last whose ordinal before is below it.
                    while group &+ 1 < groupCount && Int(ordinalsBefore[group &+ 1]) < wanted { group &+= 1 }
                    let isLast = group &+ 1 == groupCount
                    // The group holds ordinals in (ordinalsBefore[group], last].
                    let last = isLast ? documentCount : Int(ordinalsBefore[group &+ 1])
                    var offset = streamStart &+ Int(documentOffsets[group])
                    var ordinal = Int(ordinalsBefore[group])
                    var consumed = Int(positionOffsets[group])
                    let end = isLast ? positionBytes : Int(positionOffsets[group &+ 1])
                    let size = isLast ? listCount &- SkipGroups.size &* group : SkipGroups.size
                    var read = 0
                    while read < size && wanted <= last {
                        read &+= 1
                        let occurrences: Int, length: Int
                        if streamEnd &- offset >= 3, (base[offset] | base[offset &+ 1] | base[offset &+ 2]) < 0x80 {
                            // One byte each (most documents).
                            let delta = Int(base[offset])
                            (occurrences, length) = (Int(base[offset &+ 1]), Int(base[offset &+ 2]))
                            guard delta > 0, occurrences > 0, occurrences <= length, delta <= last &- ordinal else { failed = true; return }
                            offset &+= 3
                            ordinal &+= delta
                        } else {
                            var cursor = ByteReader(documents.base, from: offset, to: streamEnd)
                            guard let (next, many, bytes) = PostingCodec.nextDocument(&cursor, after: ordinal, documentCount: last) else {
                                failed = true; return
                            }
                            offset = cursor.offset
                            ordinal = next
                            (occurrences, length) = (many, bytes)
                        }
                        guard length <= end &- consumed else { failed = true; return }
                        // Candidates the list does not hold are passed.
                        while wanted < ordinal {
                            candidate &+= 1
                            wanted = candidate < candidates.count ? Int(candidates[candidate]) : Int.max
                        }
                        if wanted == ordinal {
                            // At most min(candidates, list) documents are kept: each is a distinct
                            // candidate and a distinct document of the list (tested all the same:
                            // the groups' table is the file's).
                            guard written < out.count else { failed = true; return }
                            (out.baseAddress! + written).initialize(to: Kept(
                                ordinal: Int32(truncatingIfNeeded: ordinal), occurrences: Int32(truncatingIfNeeded: occurrences),
                                positionStart: Int32(truncatingIfNeeded: consumed), positionLength: Int32(truncatingIfNeeded: length)))
                            written &+= 1
                            candidate &+= 1
                            wanted = candidate < candidates.count ? Int(candidates[candidate]) : Int.max
                        }
                        consumed &+= length
                    }
                    // Every candidate up to the group's last ordinal is settled; past the last group none is held.
                    guard !isLast else { break }
                    group &+= 1
                }
            }
            }
            }
            }
        }
        return failed ? nil : kept
    }
}
