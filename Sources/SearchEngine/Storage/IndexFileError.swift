/// A damaged, truncated, foreign or too-new index file, named with the section at fault.
public struct IndexFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var section: String?
    public var reason: String

    public init(file: String, section: String? = nil, reason: String) {
        self.file = file
        self.section = section
        self.reason = reason
    }

    public var description: String {
        file + ": " + (section.map { "section \($0): " } ?? "") + reason
    }
}
