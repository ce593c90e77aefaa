import Foundation
import Testing

/// A small tmpfs mounted for a test, to fill up or make read-only (needs root, as in CI's container).
public final class TinyFileSystem: @unchecked Sendable {
    public let path: String

    /// Whether this process may mount a tmpfs (tried once).
    public static let canMount: Bool = {
        guard getuid() == 0, let probe = try? TemporaryDirectory("talksearch-mount-probe") else { return false }
        defer { probe.remove() }
        guard (try? command("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])) == 0 else { return false }
        _ = try? command("/bin/umount", [probe.path])
        return true
    }()

    public static let absentMessage: Comment = "mounting a tmpfs needs root: the full-disk and read-only tests are skipped"

    private let directory: TemporaryDirectory

    public init(bytes: Int) throws {
        directory = try TemporaryDirectory("talksearch-tinyfs")
        path = directory.path
        guard try Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path]) == 0 else {
            throw FixtureError("cannot mount a tmpfs at \(path)")
        }
    }

    public func makeReadOnly() throws {
        guard try Self.command("/bin/mount", ["-o", "remount,ro", path]) == 0 else { throw FixtureError("cannot remount \(path) read-only") }
    }

    public func remove() {
        _ = try? Self.command("/bin/umount", [path])
        directory.remove()
    }

    @discardableResult
    static func command(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
