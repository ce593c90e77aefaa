import Foundation

/// Runs the built `talksearch` binary, as a user would, and captures everything it prints.
public enum TalkSearchBinary {
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The `talksearch` built beside the test bundle (`.build/<config>/talksearch`).
    public static var path: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("talksearch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return SharedData.repositoryRoot.appendingPathComponent(".build/debug/talksearch").path
    }

    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "NO_COLOR")
        merged.merge(environment) { $1 }
        process.environment = merged
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var stderrBytes = Data()
        group.enter()
        DispatchQueue.global().async {
            stderrBytes = errorPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutBytes = outputPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: String(decoding: stdoutBytes, as: UTF8.self),
                      standardError: String(decoding: stderrBytes, as: UTF8.self))
    }
}

extension String {
    /// The text with run-dependent numbers (timings, sizes, memory) replaced by `#`, for whole-output comparisons.
    public var maskingMeasurements: String {
        var text = self
        for pattern in [#"[0-9]+(\.[0-9]+)? ms"#, #"[0-9]+(\.[0-9]+)? s\b"#, #"[0-9]+(\.[0-9]+)? (B|KB|MB|GB)\b"#] {
            text = text.replacingOccurrences(of: pattern, with: "#", options: .regularExpression)
        }
        return text
    }
}
