import SearchEngine
import SearchFTS5

/// The FTS5 database written batch by batch: the first batch builds it (the bulk load), each later one
/// is inserted into it.
struct FTS5Batches {
    let path: String
    let schema: FTS5Schema
    /// The batches written so far.
    private(set) var count = 0

    mutating func add(_ batch: [IndexedDocument]) throws {
        if count == 0 {
            try FTS5IndexWriter.build(at: path, schema: schema, documents: batch)
        } else {
            try FTS5IndexWriter.update(at: path, schema: schema, deleting: [], inserting: batch)
        }
        count += 1
    }
}
