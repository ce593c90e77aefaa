import Foundation

/// A fresh directory under the system's temporary folder, removed by `remove()`, and in any case when
/// the test process exits (fixtures shared by a suite, such as a built seed index, have no other end).
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "talksearch-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
        LeftoverDirectories.shared.add(path)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `contents` to `name` (creating folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The temporary directories this process made, removed at exit.
final class LeftoverDirectories: @unchecked Sendable {
    static let shared: LeftoverDirectories = {
        let registry = LeftoverDirectories()
        atexit { LeftoverDirectories.shared.removeAll() }
        return registry
    }()

    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        let all = paths
        paths = []
        lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Reads fixture files of JSON objects.
public enum JSONFixtures {
    /// Every line of a JSONL file as a dictionary.
    public static func lines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FixtureError("\(path): a line is not a JSON object")
            }
            return object
        }
    }

    public static func object(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The big-endian hex of a double's IEEE-754 bits, as the FTS5 vectors write it ("beb1ef8cfbaf80e8").
public func bitsHex(_ value: Double) -> String {
    let hex = String(value.bitPattern, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
