/// A score taken apart: a tree whose root is the document's score and whose children are the terms
/// it was summed from, each labelled with its formula. Built by `EngineBackend.explain`.
public struct ScoreExplanation: Hashable, Sendable, CustomStringConvertible {
    public var value: Double
    public var label: String
    public var children: [ScoreExplanation]

    public init(value: Double, label: String, children: [ScoreExplanation] = []) {
        self.value = value
        self.label = label
        self.children = children
    }

    /// One line per node, children indented: `1.2361 = score of ...`.
    public var description: String { lines(indent: "").joined(separator: "\n") }

    func lines(indent: String) -> [String] {
        ["\(indent)\(value) = \(label)"] + children.flatMap { $0.lines(indent: indent + "  ") }
    }
}
