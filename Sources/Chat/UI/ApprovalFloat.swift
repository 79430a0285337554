import Kernel
import Render

/// The float that asks whether a tool may run: allow (y / Enter), deny
/// (n / Esc), always for this session (a). A ``ModalFloat`` named
/// "approval" in mode "approval", whose keys are the chat's permanent
/// keymaps of that mode (see `ChatUI.installKeymaps`), so Lua can list and
/// remap them; Lua can find, move or redraw the window.
struct ApprovalFloat {
    let float: ModalFloat
    let decide: (ToolApprovalDecision) -> Void
}

extension ChatUI {
    func askApproval(_ call: ToolCall, _ decide: @escaping (ToolApprovalDecision) -> Void) {
        if let diff = call.diff.flatMap(FileDiff.parse) {
            askDiffApproval(call, diff, decide)
            return
        }
        do {
            let width = max(40, min(100, editor.screenSize.width - 8))
            let body = ApprovalText.lines(for: call, width: width - 2).map { "  " + $0 }
            let lines = ["The model wants to run \(call.name):", ""] + body
            let float = try ModalFloat(editor: editor, name: "approval", mode: "approval", title: "Allow tool?",
                                       lines: lines, footer: approvalKeysLine(call, diff: false),
                                       minWidth: 56, padding: 2, zindex: 100)
            approval = ApprovalFloat(float: float, decide: decide)
            refreshStatus()
        } catch {
            editor.notify("approval: \(error)", level: .error)
            decide(.deny)
        }
    }

    func answerApproval(_ decision: ToolApprovalDecision) {
        guard let a = approval else { return }
        approval = nil
        a.float.close()
        approvalDiff = nil
        if editor.windows[windows.composer.id] != nil, !windows.composer.hidden { try? editor.focus(windows.composer.id) }
        a.decide(decision)
    }
}

extension ChatUI {
    /// Keys pressed in the approval float that no mapping takes: the status
    /// line says which keys answer (mouse motion and releases are left alone).
    func unmappedApprovalKey(_ key: Key) {
        let token = key.token
        guard approval != nil, !["Mouse", "Drag", "Release", "ScrollWheel"].contains(where: token.contains) else { return }
        notice("\(token) does nothing here: y allow · n deny · a always allow · Esc deny")
    }
}

extension String {
    func flattenedForPrompt() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
