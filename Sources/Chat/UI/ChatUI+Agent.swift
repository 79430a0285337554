import Foundation
import Kernel
import Render

// The coding agent's keys and commands: Shift-Tab cycles the permission
// mode, /mode shows or sets it, /context shows what the model is given,
// /undo and /rewind put files back (see ChatUI+Undo.swift).
extension ChatUI {
    /// The agent's keys in mode "composer" (installed with the composer's).
    var agentComposerKeys: [KeyBinding] {
        [KeyBinding("<S-Tab>", "cycle the permission mode (ask, edits, read-only)") { [unowned self] in
            self.controller.cyclePermissionMode()
            self.announceMode()
        }]
    }

    func installAgentCommands() throws {
        try editor.commands.create(name: "mode", options: CommandOptions(
            desc: "show or set the permission mode: /mode ask|edits|read-only|yolo", nargs: .optional,
            complete: { _ in PermissionMode.allCases.map(\.rawValue) }, owner: "weft")) { [unowned self] inv in
            let name = inv.args.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                self.showNotice(self.modeReport())
                return
            }
            guard let mode = PermissionMode(name: name) else {
                throw ChatValueError("mode: expected \(PermissionMode.names), got '\(name)'")
            }
            self.controller.setPermissionMode(mode)
            self.announceMode()
        }
        try editor.commands.create(name: "context", options: CommandOptions(
            desc: "show what the model is given: instructions (AGENTS.md), mode, tools, context use", owner: "weft")) {
            [unowned self] _ in self.showNotice(self.contextReport())
        }
        try installUndoCommands()
        try installToolsCommand()
    }

    /// The welcome screen's lines about working on code.
    func agentWelcome() -> [String] {
        let agent = controller.agent
        var lines = labelled("Code: ", ["!cmd shell", "/undo", "/rewind", "/context",
                                         "Shift-Tab permission mode (\(agent.mode.rawValue))"])
        if !agent.instructions.files.isEmpty {
            lines.append("Instructions: " + agent.instructions.files.map { controller.shortPath($0.path) }.joined(separator: ", "))
        }
        return lines
    }

    /// Says in the status line which mode is on now.
    func announceMode() {
        let m = controller.permissionMode
        notice("mode \(m.rawValue): \(m.summary)")
        refreshStatus()
    }

    func modeReport() -> String {
        var lines = ["Permission mode: \(controller.permissionMode.rawValue) (\(controller.permissionMode.summary))", ""]
        for m in PermissionMode.allCases { lines.append("  \(m.rawValue.padding(9))\(m.summary)") }
        lines += ["", "Shift-Tab cycles ask → edits → read-only\(controller.agent.yoloInCycle ? " → yolo" : ""); "
                  + "edits outside \(controller.agent.root.path) always ask."]
        return lines.joined(separator: "\n")
    }

    /// `/context`: the instruction files loaded, the mode, the tools and
    /// how much of the context window the conversation uses.
    func contextReport() -> String {
        let agent = controller.agent
        var lines = ["Project root: \(agent.root.path)"]
        if agent.instructions.files.isEmpty {
            lines.append("Instructions: no AGENTS.md found (the project root down to \(controller.cwd), and "
                + "\(ProjectInstructions.userFile(ProcessInfo.processInfo.environment) ?? "~/.config/weft/AGENTS.md"))")
        } else {
            lines.append("Instructions (AGENTS.md, in prompt order):")
            lines += agent.instructions.summaryLines.map { "  " + $0 }
        }
        lines.append("Permission mode: \(agent.mode.rawValue) (\(agent.mode.summary))")
        lines.append("Tools: " + controller.tools.list().map(\.name).joined(separator: ", "))
        let system = controller.effectiveSystemPrompt
        let used = controller.contextTokens
        lines.append("System prompt: \(ProjectInstructions.size(system.utf8.count)) (about \(system.utf8.count / 4) tokens)")
        lines.append("Context used: \(used) of \(contextWindow) tokens (\(contextWindow > 0 ? used * 100 / contextWindow : 0)%)")
        let share = controller.autoCompactThreshold
        lines.append(share > 0 ? "Auto-compact: before a request passes \(Int((share * 100).rounded()))% "
                                 + "(\(Int(share * Double(contextWindow))) tokens; /compact any time)"
                               : "Auto-compact: off (/compact any time)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
