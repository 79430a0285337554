import Kernel
import Render

// /undo and /rewind: put back the files the model changed. A file the user
// (or another program) changed since weft wrote it is never overwritten
// without asking.
extension ChatUI {
    func installUndoCommands() throws {
        try editor.commands.create(name: "undo", options: CommandOptions(
            desc: "restore the files the last turn changed (again: the turn before)", owner: "weft")) { [unowned self] _ in
            self.undoCommand()
        }
        try editor.commands.create(name: "rewind", options: CommandOptions(
            desc: "pick an earlier prompt: restore the files to that point and continue from there in a new session",
            nargs: .optional, owner: "weft")) { [unowned self] inv in
            let arg = inv.args.trimmingCharacters(in: .whitespaces)
            if arg.isEmpty { self.openRewindPicker() } else if let turn = Int(arg) { self.rewind(toTurn: turn) }
            else { throw ChatValueError("rewind: expected a prompt number, got '\(arg)'") }
        }
    }

    func undoCommand() {
        guard !controller.isBusy else {
            notice("undo: wait for the reply to finish (Esc stops it)")
            return
        }
        guard let plan = controller.undoPlan() else {
            notice("undo: no file changes to undo")
            return
        }
        confirmOverwrite(plan, action: "Undo") { [unowned self] overwrite in
            let result = self.controller.undo(plan, overwriteChanged: overwrite)
            self.notice("undo: " + self.restoreSummary(result))
        }
    }

    func rewind(toTurn turn: Int) {
        guard controller.prompts.contains(where: { $0.turn == turn }) else {
            notice("rewind: there is no prompt \(turn)")
            return
        }
        confirmOverwrite(controller.rewindPlan(toTurn: turn), action: "Rewind") { [unowned self] overwrite in
            do {
                let outcome = try self.controller.rewind(toTurn: turn, overwriteChanged: overwrite)
                try? self.composer.setText(outcome.prompt)
                var text = "Rewound to before prompt \(turn): " + self.restoreSummary(outcome.result)
                if let old = outcome.previousSession { text += ". The earlier conversation is kept: /resume \(old)" }
                self.showNotice(text)
            } catch {
                self.editor.notify("\(error)", level: .error)
            }
        }
    }

    /// "restored a.txt, b.txt" (and what was kept or failed).
    func restoreSummary(_ r: RestoreResult) -> String {
        var parts: [String] = []
        parts.append(r.restored.isEmpty ? "no files restored" : "restored " + r.restored.map(controller.shortPath).joined(separator: ", "))
        if !r.kept.isEmpty { parts.append("kept " + r.kept.map(controller.shortPath).joined(separator: ", ")) }
        if !r.failed.isEmpty { parts.append("failed: " + r.failed.keys.sorted().map(controller.shortPath).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// Runs `body(false)` at once when no file of `plan` changed since weft
    /// wrote it; otherwise asks: overwrite them (`body(true)`), keep them
    /// and restore the others (`body(false)`), or cancel.
    func confirmOverwrite(_ plan: RestorePlan, action: String, _ body: @escaping (Bool) -> Void) {
        let conflicts = plan.conflicts
        guard !conflicts.isEmpty else { body(false); return }
        var lines = ["These files changed since weft wrote them (by you or another program):"]
        lines += conflicts.map { "  " + controller.shortPath($0) }
        lines += ["", "[o] overwrite them   [k] keep them, restore the rest   [Esc] cancel"]
        askChoice(title: "\(action): files changed since", lines: lines, choices: [
            ("o", "overwrite the changed files", { body(true) }),
            ("k", "keep the changed files", { body(false) }),
            ("<Esc>", "cancel", { [unowned self] in self.notice("\(action.lowercased()): cancelled") }),
            ("q", "cancel", { [unowned self] in self.notice("\(action.lowercased()): cancelled") }),
        ])
    }
}
