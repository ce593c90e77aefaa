import Foundation

enum Terminal {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static let boldOn = "\u{1B}[1m"
    static let boldOff = "\u{1B}[0m"
}

/// When to use terminal styling.
enum ColorMode: String, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .auto: Terminal.standardOutputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        case .always: true
        case .never: false
        }
    }
}
