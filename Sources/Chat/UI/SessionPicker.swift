import Foundation
import Kernel
import Render

/// `/resume` with no argument: a float listing the saved sessions, newest
/// first, one row each (title, when, project, messages). Typing filters
/// them (fuzzy, on title and project); Up/Down or Ctrl-N/Ctrl-P move,
/// Enter opens the selected one, Backspace edits the filter, Esc closes.
/// Print-mode sessions are left out (`/sessions all` lists them).
final class SessionPicker {
    let modal: ModalFloat
    let sessions: [SessionSummary]
    private(set) var shown: [SessionSummary]
    private(set) var selected = 0
    private(set) var query = ""
    private let ns: NamespaceID
    private let width: Int
    private let now: Date

    /// The mode the picker's keys live in.
    static let mode = "sessions"

    init(ui: ChatUI, sessions: [SessionSummary], now: Date = Date()) throws {
        self.sessions = sessions
        self.now = now
        shown = sessions
        ns = ui.editor.namespaces.create(name: "chat.sessions")
        width = max(40, min(ui.editor.screenSize.width - 8, 100))
        var picker: SessionPicker?
        let close = { [unowned ui] in
            picker?.modal.close()
            ui.editor.setUnmappedKeyHandler(mode: SessionPicker.mode, nil)
            ui.sessionPicker = nil
        }
        let open = { [unowned ui] in
            guard let p = picker, p.selected < p.shown.count else { return }
            let id = p.shown[p.selected].id
            close()
            do { try ui.controller.load(sessionID: id) } catch { ui.editor.notify("resume: \(error)", level: .error) }
        }
        let move = { (by: Int) in picker?.move(by) }
        modal = try ModalFloat(
            editor: ui.editor, name: "sessions", mode: Self.mode, title: "Resume which session?",
            lines: [], footer: "Enter open · ↑/↓ move · type to filter · Esc close", minWidth: width, keys: [
                ModalFloat.Binding(lhs: "<Down>", desc: "next session") { move(1) },
                ModalFloat.Binding(lhs: "<C-n>", desc: "next session") { move(1) },
                ModalFloat.Binding(lhs: "<Up>", desc: "previous session") { move(-1) },
                ModalFloat.Binding(lhs: "<C-p>", desc: "previous session") { move(-1) },
                ModalFloat.Binding(lhs: "<PageDown>", desc: "a page down") { move(10) },
                ModalFloat.Binding(lhs: "<PageUp>", desc: "a page up") { move(-10) },
                ModalFloat.Binding(lhs: "<CR>", desc: "open the session", action: open),
                ModalFloat.Binding(lhs: "<BS>", desc: "delete a filter character") { picker?.filter(String((picker?.query ?? "").dropLast())) },
                ModalFloat.Binding(lhs: "<C-u>", desc: "clear the filter") { picker?.filter("") },
                ModalFloat.Binding(lhs: "<Esc>", desc: "close", action: close),
            ])
        picker = self
        ui.editor.setUnmappedKeyHandler(mode: Self.mode) { key in
            guard let text = key.text, !text.isEmpty, let p = picker else { return }
            p.filter(p.query + text)
        }
        render()
    }

    /// Shows the sessions matching `query` (fuzzy, best first), the first selected.
    func filter(_ query: String) {
        self.query = query
        shown = FuzzyMatch.rank(sessions, query: query) { "\($0.title) \(Self.project($0))" }
        selected = 0
        render()
    }

    func move(_ by: Int) {
        guard !shown.isEmpty else { return }
        selected = max(0, min(shown.count - 1, selected + by))
        highlight()
    }

    /// The rows: the filter, a blank, one row per session (or why there is none).
    func rows() -> [String] {
        let filterRow = query.isEmpty ? "Filter: (type to filter)" : "Filter: \(query)"
        guard !shown.isEmpty else { return [filterRow, "", query.isEmpty ? "No saved sessions yet." : "No session matches."] }
        let inner = width - 4
        return [filterRow, ""] + shown.map { s in
            let right = "\(Self.ago(s.modified, now: now))  \(Self.project(s))  \(s.messageCount) msg"
            let room = max(10, inner - TextMeasure.measure(right) - 2)
            let title = TextMeasure.truncate(s.title, width: room)
            let gap = max(2, inner - TextMeasure.measure(title) - TextMeasure.measure(right))
            return title + String(repeating: " ", count: gap) + right
        }
    }

    private func render() {
        modal.show(rows())
        highlight()
    }

    /// Marks the selected row (the float's text starts on its second row,
    /// after the filter and a blank) and keeps it in view.
    private func highlight() {
        modal.buffer.extmarks.clear(ns: ns)
        guard !shown.isEmpty else { return modal.editor.requestRedraw() }
        modal.select(row: selected + 3, ns: ns)
    }

    /// The project's last path component (else the working directory's).
    static func project(_ s: SessionSummary) -> String {
        let path = s.project ?? s.cwd ?? ""
        return path.split(separator: "/").last.map(String.init) ?? (path.isEmpty ? "?" : path)
    }

    /// "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else the date.
    static func ago(_ date: Date, now: Date) -> String {
        let s = Int(now.timeIntervalSince(date))
        if s < 60 { return "just now" }
        if s < 3600 { return "\(s / 60) min ago" }
        if s < 86_400 { return "\(s / 3600) h ago" }
        if s < 2 * 86_400 { return "yesterday" }
        if s < 7 * 86_400 { return "\(s / 86_400) days ago" }
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }
}

extension ChatUI {
    /// `/resume` with no argument: the session picker.
    func openSessionPicker() {
        let list = controller.store.list().filter { !$0.isPrint }
        guard !list.isEmpty else {
            notice("resume: no saved sessions yet")
            return
        }
        do { sessionPicker = try SessionPicker(ui: self, sessions: list) } catch {
            editor.notify("resume: \(error)", level: .error)
        }
    }
}
