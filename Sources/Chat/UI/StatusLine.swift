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
    ///
    /// The parts, left: the model, the state, the permission mode, the
    /// queue, new lines below, a notice; right: tokens, cache, context
    /// share, the session's short name, the directory. When they do not
    /// fit, the least useful go first (see ``dropOrder``), the state and a
    /// notice last; what still does not fit is cut with "…".
    func render(width: Int) -> String {
        var parts = self.parts
        for drop in Self.dropOrder {
            if fits(parts, width) { break }
            parts.removeAll { $0.kind == drop }
        }
        if fits(parts, width) {
            let left = " " + join(parts, .left), right = join(parts, .right) + " "
            let gap = width - TextMeasure.measure(left) - TextMeasure.measure(right)
            return left + String(repeating: " ", count: max(1, gap)) + right
        }
        return TextMeasure.truncate(" " + join(parts, .left) + "  " + join(parts, .right), width: width)
    }

    /// What a part of the status line says.
    enum Kind: CaseIterable {
        case provider, model, state, mode, queued, newLines, notice, tokens, cache, context, session, cwd
    }

    /// The order in which parts are left out on a narrow screen.
    static let dropOrder: [Kind] = [.cwd, .cache, .session, .provider, .mode, .tokens, .model, .context, .queued]

    private struct Part {
        var kind: Kind
        var text: String
        var left: Bool
    }

    private enum Side { case left, right }

    private var parts: [Part] {
        let stateText: String
        switch state {
        case .idle: stateText = "idle"
        case .streaming: stateText = "\(spinner) streaming"
        case .runningTools: stateText = "\(spinner) running tools"
        case .awaitingApproval: stateText = "? approve: y allow · n deny · a always"
        case .failed: stateText = "✗ error"
        }
        var out = [Part(kind: .provider, text: "\(provider):", left: true), Part(kind: .model, text: model, left: true),
                   Part(kind: .state, text: stateText, left: true), Part(kind: .mode, text: "⏵ \(mode.rawValue)", left: true)]
        if queued > 0 { out.append(Part(kind: .queued, text: "(\(queued) queued)", left: true)) }
        if newLines > 0 { out.append(Part(kind: .newLines, text: "↓ \(newLines) new lines (Ctrl-End)", left: true)) }
        if let notice { out.append(Part(kind: .notice, text: notice, left: true)) }
        let pct = contextWindow > 0 ? min(100, contextUsed * 100 / contextWindow) : 0
        out.append(Part(kind: .tokens, text: "↑\(Self.short(tokensIn)) ↓\(Self.short(tokensOut))", left: false))
        if cacheRead > 0 || cacheWrite > 0 {
            out.append(Part(kind: .cache, text: "cache r\(Self.short(cacheRead)) w\(Self.short(cacheWrite))", left: false))
        }
        out.append(Part(kind: .context, text: "\(pct)%", left: false))
        if let session, !session.isEmpty { out.append(Part(kind: .session, text: session, left: false)) }
        out.append(Part(kind: .cwd, text: Self.home(cwd), left: false))
        return out
    }

    /// The parts of one side, in order: the provider glued to the model,
    /// tokens and cache and share one space apart, the rest two.
    private func join(_ parts: [Part], _ side: Side) -> String {
        var out = ""
        var previous: Kind?
        for p in parts where p.left == (side == .left) {
            if let prev = previous { out += Self.separator(prev, p.kind) }
            out += p.text
            previous = p.kind
        }
        return out
    }

    private static func separator(_ a: Kind, _ b: Kind) -> String {
        if a == .provider { return "" }
        return (a == .tokens || a == .cache) && (b == .cache || b == .context) ? " " : "  "
    }

    private func fits(_ parts: [Part], _ width: Int) -> Bool {
        TextMeasure.measure(join(parts, .left)) + TextMeasure.measure(join(parts, .right)) + 3 <= width
    }

    /// A short name for a session: the first words of its first prompt
    /// (at most `width` cells, cut between words), else the random tail of
    /// its id (`20261207-023906-3cd21d` -> `3cd21d`).
    static func sessionName(id: String?, firstPrompt: String?, width: Int = 20) -> String? {
        let line = firstPrompt?.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var name = ""
        for word in line.split(separator: " ") {
            let next = name.isEmpty ? String(word) : name + " " + word
            if TextMeasure.measure(next) > width {
                if name.isEmpty { name = TextMeasure.truncate(next, width: width) }
                else { name += "…" }
                break
            }
            name = next
        }
        if !name.isEmpty { return name }
        guard let id else { return nil }
        return id.split(separator: "-").last.map(String.init) ?? id
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
