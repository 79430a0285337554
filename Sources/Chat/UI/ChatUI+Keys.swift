import Dispatch
import Foundation
import Kernel

// The chat's default keys and commands. Every one is an ordinary keymap
// (mode "composer") or command, owned by "weft": `weft.keymap.list()` shows
// them and Lua can override or delete any of them.
extension ChatUI {
    func map(_ lhs: String, _ desc: String, mode: String = "composer", _ body: @escaping () throws -> Void) throws {
        try editor.keymaps.set(mode: mode, lhs: lhs, rhs: .handler(owner: "weft", call: body),
                               options: KeymapOptions(desc: desc, owner: "weft"))
    }

    func installKeymaps() throws {
        try map("<Esc>", "interrupt the reply / close the popup") { [unowned self] in
            if self.popup != nil { self.closePopup() } else if self.searchStatus != nil { self.composer.cancelSearch() }
            else { self.controller.interrupt() }
        }
        try map("<C-c>", "interrupt; twice on an empty composer quits") { [unowned self] in self.ctrlC() }
        try map("<C-d>", "quit (on an empty composer)") { [unowned self] in
            if self.composer.text.isEmpty { self.onQuit?() } else { try self.composer.deleteForward() }
        }
        try map("<C-o>", "expand or collapse tool output and thinking") { [unowned self] in
            try self.projector.setToolsExpanded(!self.projector.expanded)
            try self.projector.toggleThinking(expanded: self.projector.expanded)
        }
        try map("<PageUp>", "scroll the transcript up a page") { [unowned self] in self.scroll(pages: -1) }
        try map("<PageDown>", "scroll the transcript down a page") { [unowned self] in self.scroll(pages: 1) }
        try map("<S-Up>", "scroll the transcript up a line") { [unowned self] in self.scroll(rows: -1) }
        try map("<S-Down>", "scroll the transcript down a line") { [unowned self] in self.scroll(rows: 1) }
        try map("<ScrollWheelUp>", "scroll the transcript up") { [unowned self] in self.scroll(rows: -3) }
        try map("<ScrollWheelDown>", "scroll the transcript down") { [unowned self] in self.scroll(rows: 3) }
        try map("<C-Home>", "scroll to the top of the transcript") { [unowned self] in self.scrollToTop() }
        try map("<C-End>", "jump to the newest message (follow)") { [unowned self] in self.scrollToTail() }
        try map("<Tab>", "complete in the / popup, or insert a tab") { [unowned self] in
            if !self.completePopup() { try self.composer.type("\t") }
        }
        try map("<C-g>", "edit the message in $VISUAL/$EDITOR") { [unowned self] in self.editExternally() }
        for (lhs, decision) in [("y", ToolApprovalDecision.allow), ("n", .deny), ("a", .alwaysAllow),
                                ("<CR>", .allow), ("<Esc>", .deny)] {
            try map(lhs, "tool approval: \(decision.rawValue)", mode: "approval") { [unowned self] in
                self.answerApproval(decision)
            }
        }
    }

    func ctrlC() {
        let now = loop.clock.nowNanos
        if controller.isBusy {
            controller.interrupt()
        } else if !composer.text.isEmpty {
            try? composer.clear()
        } else if now &- lastCtrlC < 1_500_000_000 {
            onQuit?()
        } else {
            statusNotice = "press Ctrl-C again to quit"
            loop.after(ms: 1500) { [weak self] in self?.statusNotice = nil; self?.refreshStatus() }
        }
        lastCtrlC = now
        refreshStatus()
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

    func editExternally() {
        guard let run = runEditor else {
            editor.notify("no external editor available here", level: .warn)
            return
        }
        do {
            try composer.openEditor { path in
                if !run(path) { throw ChatUIError.editorFailed }
            }
        } catch {
            editor.notify("external editor: \(error)", level: .error)
        }
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
        try cmd("sessions", "list saved sessions; /sessions ID opens one", nargs: .optional) { [unowned self] inv in
            if inv.args.isEmpty { self.listSessions() } else { try self.controller.load(sessionID: inv.args) }
        }
        try cmd("resume", "open a saved session by id", nargs: .one) { [unowned self] inv in
            try self.controller.load(sessionID: inv.args)
        }
        try cmd("model", "list the server's models; /model NAME switches", nargs: .optional) { [unowned self] inv in
            self.modelCommand(inv.args.trimmingCharacters(in: .whitespaces))
        }
        try cmd("help", "list commands and keys") { [unowned self] _ in self.showHelp() }
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
            controller.provider = p.switching(to: name)
            notice("model: now \(controller.provider.name):\(name)")
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

    func listSessions() {
        let list = controller.store.list()
        var lines = list.isEmpty ? ["No saved sessions yet."] : ["Saved sessions (open one with /sessions ID):"]
        for s in list.prefix(30) { lines.append("  \(s.id)  \(s.messageCount) messages  \(s.title)") }
        showNotice(lines.joined(separator: "\n"))
    }

    func showHelp() {
        var lines = ["Commands:"]
        for c in editor.commands.list() { lines.append("  /\(c.name)  \(c.desc ?? "")") }
        lines.append("Keys (mode composer):")
        for k in editor.keymaps.list(mode: "composer") { lines.append("  \(k.lhs)  \(k.desc ?? "")") }
        showNotice(lines.joined(separator: "\n"))
    }

    /// Shows a notice block in the transcript without sending anything.
    func showNotice(_ text: String) {
        try? projector.append(ChatMessage(role: .system, blocks: [.notice(text)]))
        scrollToTail()
    }
}
