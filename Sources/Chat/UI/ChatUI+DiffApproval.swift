import Foundation
import Kernel
import Render

// The approval float of a file change: the diff itself (the same rows as
// the transcript: numbers, signs, red and green rows, the changed words
// emphasized) in the approval ModalFloat, scrollable, with y / n / a like
// every approval, and e to read it in $VISUAL/$EDITOR.
extension ChatUI {
    /// Opens the approval float for `call`, whose `diff` is the proposed change.
    func askDiffApproval(_ call: ToolCall, _ diff: FileDiff, _ decide: @escaping (ToolApprovalDecision) -> Void) {
        let rows = approvalRows(call, diff)
        let verb = diff.isNewFile ? "Create" : call.name == "write_file" ? "Overwrite" : "Edit"
        do {
            let float = try ModalFloat(editor: editor, name: "approval", mode: "approval", title: "\(verb) \(diff.path)?",
                                       lines: rows.map(\.text), footer: approvalKeysLine(call, diff: true),
                                       minWidth: 60, padding: 1, zindex: 100)
            // ModalFloat frames the text: a blank row above, one cell of margin.
            StyledLine.setMarks(rows.map { $0.shifted(by: 1) }, in: float.buffer,
                                ns: editor.namespaces.create(name: DiffView.namespaceName), from: 1)
            approval = ApprovalFloat(float: float, decide: decide)
            approvalDiff = diff
            refreshStatus()
        } catch {
            editor.notify("approval: \(error)", level: .error)
            decide(.deny)
        }
    }

    /// The keys, in the float's bottom border (in view however long the diff).
    func approvalKeysLine(_ call: ToolCall, diff: Bool) -> String {
        diff ? "[y] yes  [n] no  [a] always allow \(call.name)  [e] editor  [j/k] scroll"
            : "[y] allow  [n] deny  [a] always allow \(call.name) this session"
    }

    /// The float's rows: a warning for a path outside the project, the
    /// path and counts, the diff.
    func approvalRows(_ call: ToolCall, _ diff: FileDiff) -> [StyledLine] {
        var rows: [StyledLine] = []
        let root = controller.agent.root
        if !root.contains(FileAccess.canonical(diff.path, cwd: controller.cwd)) {
            let text = "⚠ \(diff.path) is outside the project (\(root.path))"
            rows.append(StyledLine(text, spans: [StyledSpan(0..<text.utf8.count, "WarningMsg")]))
        }
        let counts = diff.isNewFile ? "new file, \(diff.added) lines" : "+\(diff.added) -\(diff.removed)"
        rows.append(StyledLine("\(diff.path)  \(counts)", spans: [StyledSpan(0..<diff.path.utf8.count, "Title")]))
        rows.append(.blank)
        rows += DiffRenderer.lines(diff)
        return rows
    }

    /// Keys of the approval float besides y / n / a: scrolling and `e`.
    var diffApprovalKeys: [KeyBinding] {
        let scrolls: [(String, String, Int)] = [("j", "scroll down", 1), ("<Down>", "scroll down", 1),
                                                ("k", "scroll up", -1), ("<Up>", "scroll up", -1),
                                                ("<PageDown>", "scroll down a page", 0), ("<PageUp>", "scroll up a page", 0),
                                                ("<ScrollWheelDown>", "scroll down", 3), ("<ScrollWheelUp>", "scroll up", -3),
                                                ("G", "scroll to the end", Int.max / 2), ("g", "scroll to the top", Int.min / 2)]
        return scrolls.map { lhs, desc, rows in
            KeyBinding(lhs, "tool approval: \(desc)") { [unowned self] in
                let page = max(1, (self.approval?.float.window.floatConfig?.height ?? 10) - 2)
                self.scrollApproval(rows != 0 ? rows : (lhs == "<PageDown>" ? page : -page))
            }
        } + [KeyBinding("e", "tool approval: open the diff in $VISUAL/$EDITOR") { [unowned self] in self.openApprovalDiff() }]
    }

    /// Scrolls the approval float, keeping its last page full.
    func scrollApproval(_ rows: Int) {
        guard let a = approval else { return }
        let window = a.float.window, inner = window.floatConfig?.height ?? 1
        let top = max(0, min(max(0, a.float.buffer.lineCount - inner), window.view.topline + rows))
        window.view = WindowView(topline: top)
        editor.requestRedraw()
    }

    /// Writes the proposed diff to a temporary `.diff` file and opens it in
    /// the external editor (to read: the answer is still y or n).
    func openApprovalDiff() {
        guard let diff = approvalDiff else { return }
        guard let run = composer.editorRunner else {
            notice("no external editor is set up (set $VISUAL or $EDITOR)")
            return
        }
        let path = NSTemporaryDirectory() + "weft-\(ProcessInfo.processInfo.processIdentifier)-change.diff"
        do {
            try diff.unified.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try run(path)
        } catch {
            editor.notify("approval: \(error)", level: .error)
        }
    }
}

extension StyledLine {
    /// The line with `count` spaces before it (spans moved along).
    func shifted(by count: Int) -> StyledLine {
        var out = self
        out.text = String(repeating: " ", count: count) + text
        out.spans = spans.map { StyledSpan(($0.range.lowerBound + count)..<($0.range.upperBound + count), $0.hl, url: $0.url) }
        return out
    }
}
