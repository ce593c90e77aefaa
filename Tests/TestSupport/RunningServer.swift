import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `talksearch serve` started as a child process on a free port (`--port 0`), stopped by `stop()`.
/// The server's first line on standard output, `Serving INDEX on http://HOST:PORT`, gives the address.
public final class RunningServer: @unchecked Sendable {
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    let process = Process()
    public let baseURL: URL

    public init(index: String) throws {
        process.executableURL = URL(fileURLWithPath: TalkSearchBinary.path)
        process.arguments = ["serve", "--index", index, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        var found: URL?
        let deadline = Date().addingTimeInterval(60)
        while found == nil, Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the server exited
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) {
                found = URL(string: String(seen[range]))
            }
        }
        guard let found else {
            process.terminate()
            throw StartFailure(description: "talksearch serve did not report its address; it printed: \(seen)")
        }
        baseURL = found
    }

    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// GETs `path` (with its query) and returns the status and the body as text.
    public func get(_ path: String) async throws -> (status: Int, body: String, contentType: String?) {
        let url = try require(URL(string: path, relativeTo: baseURL))
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), http?.value(forHTTPHeaderField: "Content-Type"))
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw RunningServer.StartFailure(description: "bad URL") }
    return value
}
