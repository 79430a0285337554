import Glibc
import Kernel
import Render

/// The text of the status window: model and provider, state, tokens and
/// context use, session, working directory — fitted to the width.
struct StatusLine: Equatable {
    var model: String
    var provider: String
    var state: ChatController.State
    var spinner: String
    var tokensIn: Int
    var tokensOut: Int
    /// Prompt-cache tokens read and written over the session (0 when the
    /// provider reports none).
    var cacheRead = 0
    var cacheWrite = 0
    var contextWindow: Int
    /// Tokens the last request used of the window (prompt, cache and reply).
    var contextUsed = 0
    var session: String?
    var cwd: String
    var queued: Int
    var newLines: Int
    var notice: String?
    /// The permission mode (shown after the state).
    var mode: PermissionMode = .ask

    /// The status text for a window `width` cells wide.
    func render(width: Int) -> String {
        let stateText: String
        switch state {
        case .idle: stateText = "idle"
        case .streaming: stateText = "\(spinner) streaming"
        case .runningTools: stateText = "\(spinner) running tools"
        case .awaitingApproval: stateText = "? approve: y allow · n deny · a always"
        case .failed: stateText = "✗ error"
        }
        var left = " \(provider):\(model)  \(stateText)  ⏵ \(mode.rawValue)"
        if queued > 0 { left += "  (\(queued) queued)" }
        if newLines > 0 { left += "  ↓ \(newLines) new lines (Ctrl-End)" }
        if let notice { left += "  \(notice)" }
        let used = contextUsed
        let pct = contextWindow > 0 ? min(100, used * 100 / contextWindow) : 0
        var right = "↑\(Self.short(tokensIn)) ↓\(Self.short(tokensOut))"
        if cacheRead > 0 || cacheWrite > 0 { right += " cache r\(Self.short(cacheRead)) w\(Self.short(cacheWrite))" }
        right += " \(pct)%"
        if let session { right += "  \(session)" }
        right += "  \(Self.home(cwd)) "
        let lw = TextMeasure.measure(left), rw = TextMeasure.measure(right)
        if lw + rw + 1 <= width {
            return left + String(repeating: " ", count: width - lw - rw) + right
        }
        return TextMeasure.truncate(left + "  " + right, width: width)
    }

    static func short(_ n: Int) -> String {
        n >= 10_000 ? "\(n / 1000)k" : n >= 1000 ? String(format1(Double(n) / 1000)) + "k" : String(n)
    }

    static func format1(_ d: Double) -> String {
        let tenths = Int((d * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func home(_ path: String) -> String {
        guard let h = ProcessEnv.value("HOME"), !h.isEmpty, path.hasPrefix(h) else { return path }
        return "~" + path.dropFirst(h.count)
    }
}

/// Environment lookups without Foundation's ProcessInfo on the hot path.
enum ProcessEnv {
    static func value(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}
