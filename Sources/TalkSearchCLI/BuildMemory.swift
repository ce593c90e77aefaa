import SearchEngine

/// The estimate behind `rebuild --memory-limit`: the memory the engine's builder needs for a document,
/// from its size.
///
///     estimate(d) = 3 × (Σ UTF-8 bytes of d's columns and stored record)
///
/// The factor is measured: building the pyvideo catalog (21,715 talks, 21.7 MB of JSON) took the
/// process 61 MB above the loaded catalog, about 2.8 bytes per byte of talk (the documents' text is
/// held once more by the builder, then the runs' postings and the merged index until it is written).
enum BuildMemory {
    static let factor = 3

    static func estimate(_ document: IndexedDocument) -> Int {
        var bytes = document.stored?.utf8.count ?? 0
        for column in document.columns { bytes += column.utf8.count }
        return factor * bytes
    }
}
