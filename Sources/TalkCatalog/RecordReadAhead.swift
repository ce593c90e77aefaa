import Foundation

/// The records of a JSONL catalog, read and parsed on a thread of their own a few chunks of lines
/// ahead of the caller, who takes them in file order with ``next()``.
///
/// Reading and parsing are the serial part of a streamed build: with them on another thread, the
/// caller's own serial work (a batch's merge and write) runs beside them rather than after them
/// (1,000,000 synthetic talks at `--memory-limit 512`: 61 -> 56 s). The caller sees exactly what a walk on
/// its own thread would: every record in order, then the reading error that stopped the walk, if any.
/// At most ``depth`` chunks of ``chunkLines`` records wait at once, so memory stays bounded whatever
/// the catalog's size. The reader holds the object until it ends: a caller that stops before the end
/// calls ``cancel()``, which stops the reader at its next chunk.
final class RecordReadAhead: @unchecked Sendable {
    static let chunkLines = 256
    static let depth = 4

    private let path: String
    /// Guards everything below.
    private let condition = NSCondition()
    private var ready: [[LocatedRecord]] = []
    private var readerFinished = false
    private var readerFailure: (any Error)?
    private var cancelled = false

    private struct Cancelled: Error {}

    init(path: String) {
        self.path = path
        let thread = Thread { [self] in read() }
        thread.name = "catalog read-ahead"
        thread.start()
    }

    /// The next chunk of records (never empty), nil after the last; rethrows the error that stopped
    /// the reading once every record before it has been taken.
    func next() throws -> [LocatedRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !readerFinished { condition.wait() }
        if !ready.isEmpty {
            let chunk = ready.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let readerFailure { throw readerFailure }
        return nil
    }

    /// Stops the reader (it exits at its next chunk) and lets go of what it read ahead.
    func cancel() {
        condition.lock()
        cancelled = true
        ready = []
        condition.broadcast()
        condition.unlock()
    }

    private func read() {
        var chunk: [LocatedRecord] = []
        chunk.reserveCapacity(Self.chunkLines)
        var failure: (any Error)?
        do {
            try TalkJSONLReader.forEach(path) { record in
                chunk.append(record)
                if chunk.count == Self.chunkLines {
                    try hand(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { try hand(chunk) }
        } catch is Cancelled {
        } catch {
            failure = error
        }
        condition.lock()
        readerFailure = failure
        readerFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues `chunk`, waiting while ``depth`` chunks wait already.
    private func hand(_ chunk: [LocatedRecord]) throws {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        ready.append(chunk)
        condition.broadcast()
    }
}
