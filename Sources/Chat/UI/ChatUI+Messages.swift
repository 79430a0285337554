import Foundation
import Kernel

// Errors where they cannot be missed: every error message (a broken
// init.lua, a failing handler, a bad command) is also a notice in the
// transcript with its first line (file:line and the message), and
// `/messages` (Neovim's `:messages`) lists every message of the session
// in full, tracebacks included.

extension ChatUI {
    /// Shows an error message in the transcript (its first line and where
    /// to read the rest). The same text twice in a row is shown once.
    func showError(_ m: Message) {
        let lines = m.text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.first.map(String.init).orEmpty
        guard first != lastErrorShown else { return }
        lastErrorShown = first
        let more = lines.count > 1 ? " (/messages shows the rest)" : " (/messages lists every message)"
        showNotice("✗ " + first + more)
    }

    /// Anything the user sends after an error (a prompt, a command, a
    /// shell line) starts afresh: the status line's "✗ error" and an
    /// error notice still showing are cleared (the transcript and
    /// `/messages` keep them), and the same error, if it comes again, is
    /// shown again.
    func clearStaleError() {
        if case .failed = controller.state { controller.state = .idle }
        if statusNotice?.hasPrefix("✗ ") == true { statusNotice = nil }
        lastErrorShown = nil
        refreshStatus()
    }

    /// `/messages`: every notice, warning and error of the session, oldest
    /// first, in full.
    func showMessages() {
        let messages = editor.messages.filter { $0.level != .debug }
        guard !messages.isEmpty else {
            showNotice("No messages in this session.")
            return
        }
        var lines = ["Messages of this session (oldest first):"]
        for m in messages {
            let text = m.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.append("  \(Self.levelLabel(m.level)) \(text[0])")
            lines += text.dropFirst().map { "      " + $0.replacingTabs() }
        }
        showNotice(lines.joined(separator: "\n"))
    }

    static func levelLabel(_ level: MessageLevel) -> String {
        switch level {
        case .error: return "✗ error"
        case .warn: return "! warn "
        case .info, .debug: return "· info "
        }
    }
}

extension String {
    /// Tabs as two spaces (tracebacks indent with tabs).
    func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "  ") }
}

// MARK: - Leaving

extension ChatUI {
    /// The line weft prints after the terminal is restored: how to come
    /// back to this conversation (nil when nothing was saved).
    public var resumeHint: String? {
        guard let id = controller.sessionID, !controller.messages.isEmpty else { return nil }
        return "Resume this conversation with: weft --continue (or weft --resume \(id))"
    }
}
