/// A document as both backends index it: an external id and one text per searchable column.
///
/// Documents are numbered by the order they are given to a builder, from 1: that number is the
/// document's *ordinal*. Its *rowid* (FTS5's) is the ordinal unless given; rowids increase with the
/// ordinal, so both orders break ties between equal scores alike.
public struct IndexedDocument: Hashable, Sendable {
    public var id: String
    /// One text per column of the ``ColumnSchema``, in schema order.
    public var columns: [String]
    /// An opaque stored form of the whole record (a talk's JSON), returned with hits; never indexed.
    public var stored: String?
    /// The values of each keyword field (for filters and facets), in the builder's field order;
    /// missing trailing fields have no values.
    public var keywords: [[String]]
    /// The document's rowid (FTS5's rowid, the tie-break order of equal scores); nil means its ordinal.
    /// Rowids must increase with the ordinal within an index.
    public var rowid: Int64?

    public init(id: String, columns: [String], stored: String? = nil, keywords: [[String]] = [], rowid: Int64? = nil) {
        self.id = id
        self.columns = columns
        self.stored = stored
        self.keywords = keywords
        self.rowid = rowid
    }
}

/// The searchable columns, in index order. Column filters in queries (`title:`) name them.
public struct ColumnSchema: Hashable, Sendable, Codable {
    public var names: [String]

    public init(names: [String]) {
        precondition(!names.isEmpty, "a schema needs at least one column")
        self.names = names
    }

    public var count: Int { names.count }

    /// The index of `name`, matched ASCII-case-insensitively as FTS5 does.
    public func index(of name: String) -> Int? {
        let wanted = name.lowercased()
        return names.firstIndex { $0.lowercased() == wanted }
    }
}
