import Dispatch
import Foundation
import Kernel

// The chat's default keys and commands. Every key is an ordinary keymap
// owned by "weft": `weft.keymap.list()` shows it and Lua can override or
// delete it. Each mode's defaults are installed as one list: mode
// "composer" by the composer (its editing keys plus `composerKeys`), mode
// "approval" here.
extension ChatUI {
    func installKeymaps() throws {
        try composer.installKeymaps(editor: editor, extra: composerKeys)
        let approval = [("y", ToolApprovalDecision.allow), ("n", .deny), ("a", .alwaysAllow),
                        ("<CR>", .allow), ("<Esc>", .deny)].map { lhs, decision in
            KeyBinding(lhs, "tool approval: \(decision.rawValue)") { [unowned self] in self.answerApproval(decision) }
        }
        try editor.keymaps.setDefaults(mode: "approval", owner: "weft", approval + diffApprovalKeys)
        editor.setUnmappedKeyHandler(mode: "approval") { [unowned self] key in self.unmappedApprovalKey(key) }
    }

    /// The chat's keys in mode "composer", next to the composer's own.
    var composerKeys: [KeyBinding] {
        [
            KeyBinding("<Esc>", "interrupt the reply / close the popup / clear the selection") { [unowned self] in
                if self.popup != nil { self.closePopup() } else if self.searchStatus != nil { self.composer.cancelSearch() }
                else if !self.controller.isBusy, self.windows.transcript.selection != nil { self.clearSelection() }
                else { self.controller.interrupt() }
            },
            KeyBinding("<C-c>", "interrupt; twice on an empty composer quits") { [unowned self] in self.ctrlC() },
            KeyBinding("<C-d>", "quit (on an empty composer)") { [unowned self] in
                if self.composer.text.isEmpty { self.onQuit?() } else { try self.composer.deleteForward() }
            },
            KeyBinding("<C-o>", "expand or collapse tool output and thinking") { [unowned self] in
                try self.projector.setToolsExpanded(!self.projector.expanded)
                try self.projector.toggleThinking(expanded: self.projector.expanded)
            },
            KeyBinding("<PageUp>", "scroll the transcript up a page") { [unowned self] in self.scroll(pages: -1) },
            KeyBinding("<PageDown>", "scroll the transcript down a page") { [unowned self] in self.scroll(pages: 1) },
            KeyBinding("<S-Up>", "scroll the transcript up a line") { [unowned self] in self.scroll(rows: -1) },
            KeyBinding("<S-Down>", "scroll the transcript down a line") { [unowned self] in self.scroll(rows: 1) },
            KeyBinding("<ScrollWheelUp>", "scroll the transcript up") { [unowned self] in self.scroll(rows: -3) },
            KeyBinding("<ScrollWheelDown>", "scroll the transcript down") { [unowned self] in self.scroll(rows: 3) },
            KeyBinding("<C-Home>", "scroll to the top of the transcript") { [unowned self] in self.scrollToTop() },
            KeyBinding("<C-End>", "jump to the newest message (follow)") { [unowned self] in self.scrollToTail() },
            KeyBinding("<Tab>", "accept the popup's selection, or insert a tab") { [unowned self] in
                if !self.acceptPopup() { try self.composer.type("\t") }
            },
            KeyBinding("<C-n>", "next popup item, or cursor down") { [unowned self] in
                if !self.movePopup(1) { try self.composer.moveDown() }
            },
            KeyBinding("<C-p>", "previous popup item, or cursor up") { [unowned self] in
                if !self.movePopup(-1) { try self.composer.moveUp() }
            },
        ] + textOutComposerKeys + agentComposerKeys
    }

    /// Ctrl-C: interrupts a reply, else clears the draft (undo or Up
    /// brings it back), else quits when pressed again within 1.5 s. Every
    /// press after which a second one would quit says so.
    func ctrlC() {
        let now = loop.clock.nowNanos
        if controller.isBusy {
            controller.interrupt()
        } else if !composer.isEmpty {
            _ = try? composer.discardDraft()
            armQuit(now, "draft cleared (Ctrl-Z brings it back) · press Ctrl-C again to quit")
            return
        } else if lastCtrlC != 0, now &- lastCtrlC < Self.quitWindowNanos {
            onQuit?()
            return
        }
        armQuit(now, "press Ctrl-C again to quit")
    }

    /// The time within which a second Ctrl-C quits.
    static let quitWindowNanos: UInt64 = 1_500_000_000

    /// Shows `hint` for as long as a second Ctrl-C would quit.
    private func armQuit(_ now: UInt64, _ hint: String) {
        lastCtrlC = now
        statusNotice = hint
        refreshStatus()
        loop.after(ms: Int(Self.quitWindowNanos / 1_000_000)) { [weak self] in
            guard let self, self.statusNotice == hint else { return }
            self.statusNotice = nil
            self.lastCtrlC = 0
            self.refreshStatus()
        }
    }

    func scroll(rows: Int) {
        scrollHook?(windows.transcript, rows)
        countUnseen()
    }

    func scroll(pages: Int) {
        let h = max(1, (editor.layout?.compute(in: Rect(size: editor.screenSize))[windows.transcript.id]?.height ?? 10) - 2)
        scroll(rows: pages * h)
    }

    func scrollToTop() {
        windows.transcript.view = WindowView(topline: 0, skip: 0, follow: false)
        editor.requestRedraw()
    }

    func scrollToTail() {
        windows.transcript.view.follow = true
        unseenLines = 0
        refreshStatus()
        editor.requestRedraw()
    }

    func installCommands() throws {
        func cmd(_ name: String, _ desc: String, nargs: CommandNargs = .zero,
                 _ body: @escaping (CommandInvocation) throws -> Void) throws {
            try editor.commands.create(name: name, options: CommandOptions(desc: desc, nargs: nargs, owner: "weft"),
                                       handler: body)
        }
        try cmd("new", "start a new conversation") { [unowned self] _ in
            self.controller.reset()
            self.notice("new conversation")
        }
        try cmd("clear", "clear the transcript (starts a new conversation)") { [unowned self] _ in self.controller.reset() }
        try cmd("sessions", "list saved sessions (all: with print mode's); /sessions ID opens one",
                nargs: .optional) { [unowned self] inv in
            let arg = inv.args.trimmingCharacters(in: .whitespaces)
            if arg.isEmpty || arg == "all" { self.listSessions(all: arg == "all") }
            else { try self.controller.load(sessionID: arg) }
        }
        try cmd("compact", "summarise the conversation and continue from the summary; /compact INSTRUCTIONS",
                nargs: .optional) { [unowned self] inv in
            let extra = inv.args.trimmingCharacters(in: .whitespaces)
            if !self.controller.compact(instructions: extra.isEmpty ? nil : extra) {
                self.notice(self.controller.isBusy ? "compact: wait for the reply to finish" : "compact: nothing to compact")
            }
        }
        try cmd("resume", "pick a saved session to continue; /resume ID opens one", nargs: .optional) { [unowned self] inv in
            let id = inv.args.trimmingCharacters(in: .whitespaces)
            if id.isEmpty { self.openSessionPicker() } else { try self.controller.load(sessionID: id) }
        }
        try cmd("model", "list the server's models; /model NAME switches", nargs: .optional) { [unowned self] inv in
            self.modelCommand(inv.args.trimmingCharacters(in: .whitespaces))
        }
        try cmd("help", "list commands and keys") { [unowned self] _ in self.showHelp() }
        try cmd("messages", "list every notice, warning and error of the session") { [unowned self] _ in self.showMessages() }
        try cmd("quit", "quit weft") { [unowned self] _ in self.onQuit?() }
        try cmd("expand", "expand or collapse tool output and thinking") { [unowned self] _ in
            try self.projector.setToolsExpanded(!self.projector.expanded)
            try self.projector.toggleThinking(expanded: self.projector.expanded)
        }
    }

    func notice(_ text: String) {
        statusNotice = text
        refreshStatus()
        loop.after(ms: 3000) { [weak self] in
            if self?.statusNotice == text { self?.statusNotice = nil; self?.refreshStatus() }
        }
    }

    /// `/model`: lists the provider's models (off the main thread), or
    /// switches to `name`.
    func modelCommand(_ name: String) {
        guard let p = controller.provider as? ModelSwitching else {
            notice("model: \(controller.provider.name):\(controller.provider.model) (this provider cannot switch)")
            return
        }
        if !name.isEmpty {
            switchModel(p, to: name)
            return
        }
        notice("model: asking \(p.name) for its models…")
        let poster = loop.poster
        let owner = LoopRef(self)
        Task {
            let result = await p.availableModels(timeout: 10)
            poster.post {
                guard let self = owner.value else { return }
                switch result {
                case .success(let models):
                    let lines = ["Models of \(p.name) (switch with /model NAME):"]
                        + models.map { "  \($0)\($0 == self.controller.provider.model ? "  (current)" : "")" }
                    self.showNotice(lines.joined(separator: "\n"))
                case .failure(let error):
                    self.editor.notify("model: \(error)", level: .error)
                }
            }
        }
    }

    /// `/sessions`: the saved sessions, newest first; print mode's only
    /// with `all` (their number is said).
    func listSessions(all: Bool = false) {
        let every = controller.store.list()
        let list = all ? every : every.filter { !$0.isPrint }
        var lines = list.isEmpty ? ["No saved sessions yet."] : ["Saved sessions (open one with /sessions ID):"]
        for s in list.prefix(30) {
            lines.append("  \(s.id)  \(s.messageCount) messages  \(s.isPrint ? "(-p) " : "")\(s.title)")
        }
        let hidden = every.count - list.count
        if hidden > 0 { lines.append("  (\(hidden) print-mode session\(hidden == 1 ? "" : "s") hidden: /sessions all)") }
        showNotice(lines.joined(separator: "\n"))
    }

    /// Shows a notice block in the transcript without sending anything.
    public func showNotice(_ text: String) {
        let notice = ChatMessage(role: .system, blocks: [.notice(text)])
        // While a reply streams (or its tools run) the notice goes above
        // it, so the reply's blocks stay the last ones of the transcript.
        if controller.isBusy, let last = projected.last, controller.messages.last?.role == .assistant {
            chatIndex.insert(nil, at: last)
            projected[projected.count - 1] += 1
            try? projector.insert(notice, at: last)
        } else {
            try? projector.append(notice)
            chatIndex.append(nil)
        }
        scrollToTail()
    }
}
