import SearchEngine

/// The estimate behind `rebuild --memory-limit`: the memory the engine's builder needs for a document,
/// from its size.
///
///     estimate(d) = 6.5 × (Σ UTF-8 bytes of d's columns and stored record)
///
/// The factor is measured (`bench-worker --task build`, peak minus resident before the build): the
/// pyvideo catalog's 21,715 talks are 17.7 MB by this sum, and the build took 109.5 MB above the loaded
/// catalog, 6.2 bytes per byte (the documents' text held once more by the builder, the runs' postings,
/// words and token streams, the merged index with its common pairs until it is written, the column
/// texts' compressed frames). It was 4.9 when stored records held the title, id and the keys of a JSON
/// object (23.1 MB by this sum for the same build); 3 before the pairs and the token streams.
enum BuildMemory {
    static let factor = 6.5

    static func estimate(_ document: IndexedDocument) -> Int {
        var bytes = document.stored?.utf8.count ?? 0
        for column in document.columns { bytes += column.utf8.count }
        return Int(factor * Double(bytes))
    }
}
