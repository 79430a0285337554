import Kernel
import Render

/// The float that asks whether a tool may run: allow (y / Enter), deny
/// (n / Esc), always for this session (a). Keys live in mode "approval";
/// the window is named "approval" so Lua can find, move or redraw it.
struct ApprovalFloat {
    let window: Window
    let buffer: Buffer
    let previousMode: String
    let decide: (ToolApprovalDecision) -> Void
}

extension ChatUI {
    func askApproval(_ call: ToolCall, _ decide: @escaping (ToolApprovalDecision) -> Void) {
        do {
            let buf = try editor.createBuffer(scratch: true)
            let args = TextMeasure.truncate(call.arguments.flattenedForPrompt(), width: 200)
            let lines = ["The model wants to run \(call.name):", "  \(args)", "",
                         "[y] allow   [n] deny   [a] always allow \(call.name) this session"]
            try buf.setLines(0, -1, lines)
            let width = min(editor.screenSize.width - 4, max(44, lines.map { TextMeasure.measure($0) }.max() ?? 40) + 2)
            var spec = WindowSpec()
            spec.name = "approval"
            spec.float = FloatConfig(relative: .editor, row: max(0, editor.screenSize.height / 2 - 4),
                                     col: max(0, (editor.screenSize.width - width - 2) / 2),
                                     width: max(1, width), height: lines.count, zindex: 100, border: .rounded,
                                     title: "Allow tool?", titlePos: .center)
            spec.enter = true
            spec.options.cursorVisible = false
            spec.options.wrap = true
            let win = try editor.openWindow(buffer: buf.id, spec)
            approval = ApprovalFloat(window: win, buffer: buf, previousMode: editor.mode, decide: decide)
            try editor.setMode("approval")
            refreshStatus()
        } catch {
            editor.notify("approval: \(error)", level: .error)
            decide(.deny)
        }
    }

    func answerApproval(_ decision: ToolApprovalDecision) {
        guard let a = approval else { return }
        approval = nil
        try? editor.deleteBuffer(a.buffer.id)
        try? editor.setMode(a.previousMode)
        if editor.windows[windows.composer.id] != nil, !windows.composer.hidden { try? editor.focus(windows.composer.id) }
        a.decide(decision)
    }
}

extension String {
    func flattenedForPrompt() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
