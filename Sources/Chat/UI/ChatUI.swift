import Glibc
import Kernel
import Render

/// The stock chat UI: transcript, composer and status windows over a
/// `ChatController`, built only from kernel buffers, windows, keymaps and
/// commands. Needs no Lua; everything it installs is visible to and
/// replaceable from Lua.
public final class ChatUI {
    public let editor: Editor
    let loop: MainLoop
    public let controller: ChatController
    public let windows: ChatWindows
    public let projector: TranscriptProjector
    public let composer: Composer
    let highlights: HighlightTable
    /// Quits weft (the frontend supplies it).
    public var onQuit: (() -> Void)?
    /// Runs `$VISUAL`/`$EDITOR` on a file with the terminal suspended.
    public var runEditor: ((String) -> Bool)?
    /// Scrolls a window by rows through the renderer's viewport (the frontend supplies it).
    public var scrollHook: ((Window, Int) -> Void)?
    /// Context window size used for the status line's percentage.
    public var contextWindow = 128_000

    var spinnerTimer: TimerID?
    var spinnerFrame = 0
    var lastCtrlC: UInt64 = 0
    var unseenLines = 0
    var lastTranscriptLines = 0
    var statusNotice: String?
    var searchStatus: String?
    /// The composer height last set automatically (see `composerChanged`).
    var autoComposerHeight = 3
    var approval: ApprovalFloat?
    var popup: CommandPopup?

    /// Groups of the chat windows themselves (Lua can redefine them).
    static let uiGroups: [(String, HighlightDef)] = [
        ("ChatStatus", HighlightDef(fg: .indexed(7), bg: .indexed(236))),
        ("ChatComposer", .linked(to: "Normal")),
    ]

    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public init(editor: Editor, loop: MainLoop, highlights: HighlightTable, controller: ChatController,
                historyPath: String?) throws {
        self.editor = editor
        self.loop = loop
        self.highlights = highlights
        self.controller = controller
        for (name, def) in ChatHighlights.defaults + Self.uiGroups where highlights.get(name) == nil {
            highlights.set(name, def)
        }
        windows = try ChatWindows.create(in: editor)
        let ns = editor.namespaces.create(name: "chat.transcript")
        projector = try TranscriptProjector(buffer: windows.transcriptBuffer, namespace: ns,
                                            width: max(1, editor.screenSize.width))
        composer = Composer(editor: editor, window: windows.composer, history: ComposerHistory(path: historyPath))
        try composer.installKeymaps(editor: editor)
        try editor.setMode("composer")
        wire()
        try installKeymaps()
        try installCommands()
        showWelcome()
        refreshStatus()
    }

    func wire() {
        let previous = editor.onMessage
        editor.onMessage = { [unowned self] m in
            previous?(m)
            guard m.level != .debug else { return }
            self.notice((m.level == .error ? "✗ " : "") + m.text.split(separator: "\n").first.map(String.init).orEmpty)
        }
        controller.onTranscript = { [unowned self] change in self.transcriptChanged(change) }
        controller.onChange = { [unowned self] in self.stateChanged() }
        controller.approver = { [unowned self] call, decide in self.askApproval(call, decide) }
        composer.onSubmit = { [unowned self] text in self.submit(text) }
        composer.onSearchChange = { [unowned self] search in
            self.searchStatus = search.map { "reverse search: \($0.query)" }
            self.refreshStatus()
        }
        _ = try? editor.events.create(events: ["resize", "layout_changed"],
                                      options: AutocmdOptions(desc: "chat: refit transcript", owner: "weft")) { [unowned self] _ in
            self.refit()
            self.composer.wrapWidth = self.composerInnerWidth
            return false
        }
        _ = try? editor.events.create(events: ["buf_changed"],
                                      options: AutocmdOptions(pattern: "composer", desc: "chat: composer height", owner: "weft")) { [unowned self] _ in
            self.composerChanged()
            return false
        }
    }

    // MARK: - Submitting

    func submit(_ text: String) {
        if text.hasPrefix("/") && !text.hasPrefix("//") {
            let line = String(text.dropFirst())
            do { try editor.commands.run(line: line) } catch { editor.notify("\(error)", level: .error) }
            return
        }
        windows.transcript.view.follow = true
        unseenLines = 0
        controller.submit(text.hasPrefix("//") ? String(text.dropFirst()) : text)
    }

    // MARK: - Transcript

    func transcriptChanged(_ change: TranscriptChange) {
        do {
            switch change {
            case .reset:
                try projector.reset(controller.messages)
                if controller.messages.isEmpty { showWelcome() }
            case .appendedMessage:
                if let m = controller.messages.last { try projector.append(m) }
            case .appendedBlock:
                if let b = controller.messages.last?.blocks.last { try projector.appendBlock(b) }
            case .updatedLastBlock:
                if let b = controller.messages.last?.blocks.last { try projector.updateLastBlock(b) }
            case .updatedBlock(let i):
                if let b = controller.messages.last?.blocks[i] {
                    try projector.updateBlock(message: controller.messages.count - 1, block: i, b)
                }
            }
        } catch {
            editor.notify("transcript: \(error)", level: .error)
        }
        countUnseen()
        editor.requestRedraw()
    }

    func countUnseen() {
        let lines = windows.transcriptBuffer.lineCount
        if !windows.transcript.view.follow, lines > lastTranscriptLines {
            unseenLines += lines - lastTranscriptLines
        } else if windows.transcript.view.follow {
            unseenLines = 0
        }
        lastTranscriptLines = lines
        refreshStatus()
    }

    /// Re-fits width-dependent blocks (tables, lists, rules) to the transcript width.
    func refit() {
        let w = max(1, transcriptWidth)
        if w != projector.width { try? projector.setWidth(w) }
    }

    /// The content width of a window where it is now, tiled or floating.
    func innerWidth(_ win: Window) -> Int {
        let screen = Rect(size: editor.screenSize)
        if let f = win.floatConfig {
            return max(1, FloatLayout(config: f, editor: screen).inner.width)
        }
        let r = editor.layout?.compute(in: screen)[win.id] ?? screen
        return max(1, r.width - 2 * win.border.thickness)
    }

    var composerInnerWidth: Int { innerWidth(windows.composer) }

    var transcriptWidth: Int { innerWidth(windows.transcript) }

    func showWelcome() {
        guard controller.messages.isEmpty else { return }
        var lines = ["Welcome to weft. Type a message and press Enter.", ""]
        if controller.provider is MockProvider {
            lines.append("The offline mock model (\(controller.provider.name):\(controller.provider.model)) answers these:")
            for t in MockProvider.triggers { lines.append("  \(t.phrase) — \(t.summary)") }
        } else {
            lines.append("Talking to \(controller.provider.name):\(controller.provider.model). /model lists the server's models.")
        }
        lines += ["", "Keys: Enter send · Shift-Enter/Ctrl-J newline · Esc interrupt · Ctrl-O expand · PageUp/PageDown scroll · / commands · Ctrl-D quit"]
        try? projector.reset([ChatMessage(role: .system, blocks: [.notice(lines.joined(separator: "\n"))])])
    }

    // MARK: - State and status

    func stateChanged() {
        if controller.isBusy { startSpinner() } else { stopSpinner() }
        refreshStatus()
    }

    func startSpinner() {
        guard spinnerTimer == nil else { return }
        spinnerTimer = loop.every(ms: 80) { [unowned self] in
            self.spinnerFrame = (self.spinnerFrame + 1) % Self.spinnerFrames.count
            try? self.projector.setSpinner(Self.spinnerFrames[self.spinnerFrame])
            self.refreshStatus()
        }
    }

    func stopSpinner() {
        if let t = spinnerTimer { loop.cancel(t) }
        spinnerTimer = nil
    }

    /// Rewrites the status line from the controller's state.
    public func refreshStatus() {
        let s = StatusLine(model: controller.provider.model, provider: controller.provider.name, state: controller.state,
                           spinner: Self.spinnerFrames[spinnerFrame], tokensIn: controller.usage.input,
                           tokensOut: controller.usage.output, contextWindow: contextWindow,
                           session: controller.sessionID, cwd: controller.cwd, queued: controller.queue.count,
                           newLines: unseenLines, notice: statusNotice ?? searchStatus)
        let text = s.render(width: innerWidth(windows.status))
        if windows.statusBuffer.line(0) != text || windows.statusBuffer.lineCount != 1 {
            try? windows.statusBuffer.setLines(0, -1, [text])
        }
    }

    /// Grows the composer with its text (up to 10 lines), keeping it boxed.
    /// A size set from Lua (`win.set_config`, `layout.set`) is kept: the
    /// composer is auto-sized only while its size is the last one set here.
    func composerChanged() {
        let inner = composerInnerWidth
        composer.wrapWidth = inner
        let lines = min(10, max(1, composer.displayRows(width: inner)))
        let want = lines + 2 * windows.composer.border.thickness
        if let tree = editor.layout, tree.contains(windows.composer.id),
           tree.size(of: windows.composer.id) == .cells(autoComposerHeight) {
            autoComposerHeight = want
            try? editor.resizeWindow(windows.composer.id, size: .cells(want))
        }
        updatePopup()
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
