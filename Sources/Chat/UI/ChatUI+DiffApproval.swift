import Foundation
import Kernel
import Render

// The approval float of a file change: the diff itself (the same rows as
// the transcript: numbers, signs, red and green rows, the changed words
// emphasized), scrollable, with y / n / a like every approval, and e to
// read it in $VISUAL/$EDITOR.
extension ChatUI {
    /// Opens the approval float for `call`, whose `diff` is the proposed change.
    func askDiffApproval(_ call: ToolCall, _ diff: FileDiff, _ decide: @escaping (ToolApprovalDecision) -> Void) {
        do {
            let buf = try editor.createBuffer(scratch: true)
            let ns = editor.namespaces.create(name: DiffView.namespaceName)
            var rows: [StyledLine] = []
            let outside = !controller.agent.root.contains(FileAccess.canonical(diff.path, cwd: controller.cwd))
            if outside {
                let text = " ⚠ \(diff.path) is outside the project (\(controller.agent.root.path))"
                rows.append(StyledLine(text, spans: [StyledSpan(0..<text.utf8.count, "WarningMsg")]))
            }
            let counts = diff.isNewFile ? "new file, \(diff.added) lines" : "+\(diff.added) -\(diff.removed)"
            rows.append(StyledLine(" \(diff.path)  \(counts)", spans: [StyledSpan(1..<(1 + diff.path.utf8.count), "Title")]))
            rows.append(.blank)
            rows += DiffRenderer.lines(diff, indent: " ")
            rows.append(.blank)
            let keys = " [y] yes   [n] no   [a] always allow \(call.name)   [e] open in $EDITOR   [j/k] scroll"
            rows.append(StyledLine(keys, spans: [StyledSpan(0..<keys.utf8.count, "Comment")]))
            try buf.setLines(0, -1, rows.map(\.text))
            StyledLine.setMarks(rows, in: buf, ns: ns, from: 0)
            let screen = editor.screenSize
            let widest = rows.map { TextMeasure.measure($0.text) }.max() ?? 40
            let width = max(1, min(screen.width - 4, max(60, widest + 1)))
            let height = max(1, min(screen.height - 4, rows.count))
            var spec = WindowSpec()
            spec.name = "approval"
            let verb = diff.isNewFile ? "Create" : call.name == "write_file" ? "Overwrite" : "Edit"
            spec.float = FloatConfig(relative: .editor, row: max(0, (screen.height - height) / 2 - 1),
                                     col: max(0, (screen.width - width - 2) / 2), width: width, height: height,
                                     zindex: 100, border: .rounded, title: "\(verb) \(diff.path)?", titlePos: .center)
            spec.enter = true
            spec.options.cursorVisible = false
            spec.options.wrap = true
            let win = try editor.openWindow(buffer: buf.id, spec)
            approval = ApprovalFloat(window: win, buffer: buf, previousMode: editor.mode, decide: decide)
            approvalDiff = diff
            try editor.setMode("approval")
            refreshStatus()
        } catch {
            editor.notify("approval: \(error)", level: .error)
            decide(.deny)
        }
    }

    /// Keys of the approval float besides y / n / a: scrolling and `e`.
    func installDiffApprovalKeymaps() throws {
        let scrolls: [(String, String, Int)] = [("j", "scroll down", 1), ("<Down>", "scroll down", 1),
                                                ("k", "scroll up", -1), ("<Up>", "scroll up", -1),
                                                ("<PageDown>", "scroll down a page", 0), ("<PageUp>", "scroll up a page", 0),
                                                ("<ScrollWheelDown>", "scroll down", 3), ("<ScrollWheelUp>", "scroll up", -3),
                                                ("G", "scroll to the end", Int.max / 2), ("g", "scroll to the top", Int.min / 2)]
        for (lhs, desc, rows) in scrolls {
            try map(lhs, "tool approval: \(desc)", mode: "approval") { [unowned self] in
                let page = max(1, (self.approval?.window.floatConfig?.height ?? 10) - 2)
                self.scrollApproval(rows != 0 ? rows : (lhs == "<PageDown>" ? page : -page))
            }
        }
        try map("e", "tool approval: open the diff in $VISUAL/$EDITOR", mode: "approval") { [unowned self] in
            self.openApprovalDiff()
        }
    }

    func scrollApproval(_ rows: Int) {
        guard let a = approval else { return }
        let inner = a.window.floatConfig?.height ?? 1
        let top = max(0, min(max(0, a.buffer.lineCount - inner), a.window.view.topline + rows))
        a.window.view = WindowView(topline: top)
        editor.requestRedraw()
    }

    /// Writes the proposed diff to a temporary `.diff` file and opens it
    /// in the external editor (read only: the answer is still y or n).
    func openApprovalDiff() {
        guard let diff = approvalDiff else { return }
        guard let run = runEditor else {
            notice("no external editor available here")
            return
        }
        let path = NSTemporaryDirectory() + "weft-\(ProcessInfo.processInfo.processIdentifier)-change.diff"
        do {
            try diff.unified.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = run(path)
        } catch {
            editor.notify("approval: cannot write \(path): \(error.localizedDescription)", level: .error)
        }
    }
}
