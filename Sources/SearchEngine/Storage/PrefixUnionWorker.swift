import Foundation

extension IndexFileWriter {
    /// The prefix unions (section 16) built on a thread of their own while the postings are written:
    /// the writer hands it each term's postings in dictionary order, gathered in batches, and a serial
    /// queue adds them to a ``PrefixUnionBuilder`` and spills each finished union, so the unions are
    /// the ones the writer's own loop built, byte for byte.
    ///
    /// Adding a term's postings to its prefixes' counts and encoding the unions was more than half of
    /// writing section 4 (pyvideo: 6.4% of a build's samples of 11.5%; 1,000,000 synthetic talks'
    /// merge: 9.9% of the build's), on the one thread that writes the file.
    ///
    /// At most ``batchesInFlight`` batches wait (each up to `batchBytes` of postings, 1 MiB, or
    /// `batchTerms` terms, 4,096), so memory holds a bounded share of the postings beyond what the writer
    /// holds anyway. Thread safety: `pending` is the writer's alone; the builder, the spill and the
    /// failure are the queue's alone until ``finish()`` has waited for it (`@unchecked Sendable`).
    final class PrefixUnionWorker: @unchecked Sendable {
        static let batchesInFlight = 2
        private let batchBytes: Int
        private let batchTerms: Int

        private var builder: PrefixUnionBuilder
        private let spill: UnionSpill
        private var failure: Error?
        private var pending: [(term: Int, postings: ArraySlice<UInt8>)] = []
        private var pendingBytes = 0
        private let queue = DispatchQueue(label: "talksearch.prefix-unions")
        private let slots = DispatchSemaphore(value: batchesInFlight)

        init(plan: [PrefixUnions.Prefix], documentCount: Int, batchBytes: Int = 1 << 20, batchTerms: Int = 4096) throws {
            self.batchBytes = batchBytes
            self.batchTerms = batchTerms
            builder = PrefixUnionBuilder(plan: plan, documentCount: documentCount)
            spill = try UnionSpill(count: plan.count)
        }

        /// Queues term `term`'s postings (terms in dictionary order, each once).
        func add(term: Int, postings: ArraySlice<UInt8>) {
            pending.append((term, postings))
            pendingBytes += postings.count
            if pendingBytes >= batchBytes || pending.count >= batchTerms { submit() }
        }

        private func submit() {
            guard !pending.isEmpty else { return }
            let batch = pending
            pending = []
            pendingBytes = 0
            slots.wait()
            queue.async { [self] in
                defer { slots.signal() }
                guard failure == nil else { return }
                do {
                    for (term, postings) in batch {
                        let added = postings.withUnsafeBytes { bytes in (try? builder.add(term: term, postings: bytes)) != nil }
                        guard added else {
                            throw IndexFileError(file: "index being written", section: IndexFileFormat.Section.postings.name,
                                                 reason: "term \(term) is malformed")
                        }
                        for (prefix, bytes) in builder.takeFinished() { try spill.append(prefix, bytes) }
                    }
                } catch {
                    failure = error
                }
            }
        }

        /// Waits for every queued term, closes the prefixes still open and returns the spilled
        /// unions; throws the first failure (a malformed list, a failed spill write).
        func finish() throws -> UnionSpill {
            submit()
            queue.sync {}
            if let failure { throw failure }
            builder.finishAll()
            for (prefix, bytes) in builder.takeFinished() { try spill.append(prefix, bytes) }
            return spill
        }
    }
}
