import Foundation
import Testing

/// Debian's Chromium, headless, driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// commands in on fd 3, answers out on fd 4, each message JSON ended by a NUL byte). Enough of the
/// protocol for end-to-end tests of the search page: attach to a page, navigate, evaluate JavaScript,
/// size the viewport, take a screenshot.
public final class HeadlessChromium: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The browser's path, when one is installed.
    public static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static let absentMessage: Comment = "Chromium is not installed (apt-get install chromium); the browser test is skipped"

    private let process = Process()
    private let commands = Pipe(), answers = Pipe()
    private let profile: TemporaryDirectory
    private var buffer = Data()
    private var nextID = 0
    private var session: String?

    public init() throws {
        guard let executable = Self.executable else { throw Failure(description: "no Chromium") }
        profile = try TemporaryDirectory("talksearch-chromium")
        // fd 3 <- our commands (the child's stdin), fd 4 -> our answers (the child's stdout).
        let flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--hide-scrollbars", "about:blank"]
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null", executable] + flags
        process.standardInput = commands
        process.standardOutput = answers
        process.standardError = FileHandle.nullDevice
        try process.run()
        let targets = try send("Target.getTargets")
        guard let page = (targets["targetInfos"] as? [[String: Any]])?.first(where: { $0["type"] as? String == "page" }),
              let targetID = page["targetId"] as? String else {
            throw Failure(description: "no page target in \(targets)")
        }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        session = attached["sessionId"] as? String
        _ = try send("Page.enable")
        _ = try send("Runtime.enable")
    }

    deinit { close() }

    public func close() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        profile.remove()
    }

    /// Sends one command (to the attached page once there is one) and returns its result.
    @discardableResult
    public func send(_ method: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        commands.fileHandleForWriting.write(data)
        while true {
            let reply = try readMessage()
            guard reply["id"] as? Int == id else { continue }  // an event, or another command's answer
            if let error = reply["error"] as? [String: Any] {
                throw Failure(description: "\(method): \(error["message"] as? String ?? "\(error)")")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[(end + 1)...])
                guard let object = try JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
                return object
            }
            let chunk = answers.fileHandleForReading.availableData
            if chunk.isEmpty { throw Failure(description: "Chromium closed the pipe") }
            buffer.append(chunk)
        }
    }

    public func navigate(_ url: URL) throws {
        try send("Page.navigate", ["url": url.absoluteString])
        _ = try waitFor("document.readyState === 'complete'")
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    @discardableResult
    public func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "JavaScript: \(exception["text"] as? String ?? "") in \(expression)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a JavaScript boolean expression) until it holds; fails after `seconds`.
    @discardableResult
    public func waitFor(_ condition: String, seconds: Double = 15) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try evaluate("Boolean(\(condition))") as? Bool == true { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let page = (try? evaluate("location.href + ' | ' + document.readyState + ' | ' + document.body.textContent.replace(/\\s+/g, ' ').slice(0, 600)")) as? String ?? "?"
        throw Failure(description: "timed out waiting for \(condition); the page: \(page)")
    }

    /// Lays the page out as on a screen `width` x `height` CSS pixels (`mobile` for a phone).
    public func viewport(width: Int, height: Int, mobile: Bool) throws {
        try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    /// A PNG of the viewport.
    public func screenshot() throws -> Data {
        let result = try send("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot data")
        }
        return data
    }
}
