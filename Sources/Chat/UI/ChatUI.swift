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
    /// Scrolls a window by rows through the renderer's viewport (the frontend supplies it).
    public var scrollHook: ((Window, Int) -> Void)?
    /// The model's context window in tokens, for the status line's
    /// percentage, `/context` and automatic compaction: the controller's
    /// ``ChatController/contextWindow`` (see ``ContextWindow``).
    public var contextWindow: Int {
        get { controller.contextWindow }
        set { controller.contextWindow = newValue }
    }
    /// The window configured for models nobody knows (`--context-window`).
    public var configuredContextWindow: Int?
    /// The renderer's compositor (the frontend supplies it): mouse hits,
    /// display-row motions and scrolling the cursor into view.
    public var compositor: Compositor?
    /// Selection, keyboard mode and copy state (see `TextOutState`).
    var textOut = TextOutState()

    var spinnerTimer: TimerID?
    var spinnerFrame = 0
    var lastCtrlC: UInt64 = 0
    var unseenLines = 0
    var lastTranscriptLines = 0
    var statusNotice: String?
    /// The first line of the last error shown in the transcript.
    var lastErrorShown: String?
    var searchStatus: String?
    /// The composer height last set automatically (see `composerChanged`).
    var autoComposerHeight = 3
    var approval: ApprovalFloat?
    /// The `/rewind` picker while it is open.
    var rewindPicker: RewindPicker?
    /// The `/resume` picker while it is open.
    var sessionPicker: SessionPicker?
    /// The composer title last set by `refreshComposerHint` ("↑ N more lines").
    var composerHint: String?
    /// The change shown in the approval float, if it shows one.
    var approvalDiff: FileDiff?
    /// The welcome's lines while it is shown.
    var welcomeShown: [String]?
    var popup: CommandPopup?
    /// The composer state the popup was last computed for.
    var popupSource: PopupSource?
    /// Bumped on every resize and layout change: cached window widths
    /// computed at an older epoch are stale.
    var layoutEpoch = 0
    /// Inner widths by window, with what they were computed from.
    var widthCache: [WindowID: (key: WidthKey, width: Int)] = [:]
    /// The status last written and its width (unchanged status: no work).
    var lastStatus: (line: StatusLine, width: Int)?
    /// The last session name and what it was made from (splitting the
    /// first prompt into words on every token cost more than the rest of
    /// the status refresh).
    var sessionNameMemo: (id: String, prompt: String?, name: String?)?
    /// Refits blocks left stale by a resize, a batch per tick.
    var refitTimer: TimerID?
    /// The projector's message index of each of the controller's messages
    /// (notices shown by the UI sit between them), and the reverse.
    var projected: [Int] = []
    var chatIndex: [Int?] = []

    /// What a window's inner width depends on.
    struct WidthKey: Equatable {
        var epoch: Int
        var screen: Size
        var border: BorderStyle
        var float: FloatConfig?
    }

    /// Groups of the chat windows themselves (Lua can redefine them).
    static let uiGroups: [(String, HighlightDef)] = [
        ("ChatStatus", HighlightDef(fg: .indexed(7), bg: .indexed(236))),
        ("ChatComposer", .linked(to: "Normal")),
        ("ChatPopup", .linked(to: "NormalFloat")),
        ("ChatPopupSel", .linked(to: "Visual")),
        ("ChatPopupDesc", .linked(to: "Comment")),
    ]

    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public init(editor: Editor, loop: MainLoop, highlights: HighlightTable, controller: ChatController,
                historyPath: String?) throws {
        self.editor = editor
        self.loop = loop
        self.highlights = highlights
        self.controller = controller
        for (name, def) in ChatHighlights.defaults + DiffHighlights.defaults + Self.uiGroups where highlights.get(name) == nil {
            highlights.set(name, def)
        }
        windows = try ChatWindows.create(in: editor)
        let ns = editor.namespaces.create(name: "chat.transcript")
        projector = try TranscriptProjector(buffer: windows.transcriptBuffer, namespace: ns,
                                            width: max(1, editor.screenSize.width))
        composer = Composer(editor: editor, window: windows.composer, history: ComposerHistory(path: historyPath))
        try editor.setMode("composer")
        wire()
        try installKeymaps()
        try installCommands()
        try installTextOut()
        try installAgentCommands()
        showWelcome()
        refreshStatus()
    }

    func wire() {
        let previous = editor.onMessage
        editor.onMessage = { [unowned self] m in
            previous?(m)
            guard m.level != .debug else { return }
            self.notice((m.level == .error ? "✗ " : "") + m.text.split(separator: "\n").first.map(String.init).orEmpty)
            if m.level == .error { self.showError(m) }
        }
        controller.onTranscript = { [unowned self] change in self.transcriptChanged(change) }
        // The chat's messages are held once, by the controller: the
        // projector reads their blocks through this.
        projector.linkedBlock = { [unowned self] m, b in
            guard m < self.chatIndex.count, let c = self.chatIndex[m], c < self.controller.messages.count,
                  b < self.controller.messages[c].blocks.count else { return nil }
            return self.controller.messages[c].blocks[b]
        }
        controller.onChange = { [unowned self] in self.stateChanged() }
        controller.approver = { [unowned self] call, decide in self.askApproval(call, decide) }
        controller.onQueueReturned = { [unowned self] prompts in self.restoreQueued(prompts) }
        composer.onSubmit = { [unowned self] text in self.submit(text) }
        composer.popupKeys = { [unowned self] key in
            switch key {
            case .up: return self.movePopup(-1)
            case .down: return self.movePopup(1)
            case .accept: return self.acceptPopup(run: true)
            }
        }
        composer.onSearchChange = { [unowned self] search in
            self.searchStatus = search?.status
            self.refreshStatus()
        }
        _ = try? editor.events.create(events: [.resize, .layoutChanged],
                                      options: AutocmdOptions(desc: "chat: refit transcript", owner: "weft")) { [unowned self] _ in
            self.layoutEpoch += 1
            self.refit()
            self.refitWelcome()
            self.composer.wrapWidth = self.composerInnerWidth
            self.refreshStatus()
            return false
        }
        _ = try? editor.events.create(events: [.render],
                                      options: AutocmdOptions(desc: "chat: refit visible blocks", owner: "weft")) { [unowned self] _ in
            self.refitVisible()
            self.refreshPopup()
            self.refreshComposerHint()
            return false
        }
        _ = try? editor.events.create(events: [.bufChanged],
                                      options: AutocmdOptions(pattern: "composer", desc: "chat: composer height", owner: "weft")) { [unowned self] _ in
            self.composerChanged()
            return false
        }
    }

    // MARK: - Submitting

    func submit(_ text: String) {
        clearStaleError()
        if text.hasPrefix("/") && !text.hasPrefix("//") {
            let line = String(text.dropFirst())
            do { try editor.commands.run(line: line) } catch { editor.notify("\(error)", level: .error) }
            return
        }
        windows.transcript.view.follow = true
        unseenLines = 0
        controller.submit(text.hasPrefix("//") ? String(text.dropFirst()) : text)
    }

    /// Prompts queued behind an interrupted reply go back into the
    /// composer (before any draft typed since), with a notice: an
    /// interrupt never silently drops what the user wrote.
    func restoreQueued(_ prompts: [String]) {
        let draft = composer.text
        let text = (prompts + (draft.isEmpty ? [] : [draft])).joined(separator: "\n\n")
        try? composer.setText(text)
        let what = prompts.count == 1 ? "the queued prompt is" : "\(prompts.count) queued prompts are"
        notice("interrupted: \(what) back in the composer (Enter sends)")
    }

    // MARK: - Transcript

    func transcriptChanged(_ change: TranscriptChange) {
        do {
            switch change {
            case .reset:
                chatIndex = Array(0..<controller.messages.count)
                projected = Array(0..<controller.messages.count)
                try projector.reset(controller.messages, linked: true)
                if controller.messages.isEmpty { showWelcome() } else { welcomeShown = nil }
                transcriptReset()
            case .appendedMessage:
                if let m = controller.messages.last {
                    projected.append(projector.messageCount)
                    chatIndex.append(controller.messages.count - 1)
                    try projector.append(m, linked: true)
                    welcomeShown = nil
                }
            case .appendedBlock:
                if let b = controller.messages.last?.blocks.last { try projector.appendBlock(b) }
            case .updatedLastBlock:
                if let b = controller.messages.last?.blocks.last { try projector.updateLastBlock(b) }
            case .grewLastBlock:
                try projector.lastBlockGrew()
            case .updatedBlock(let i):
                if let b = controller.messages.last?.blocks[i], let m = projected.last {
                    try projector.updateBlock(message: m, block: i, b)
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

    /// Re-fits width-dependent blocks (tables, lists, rules) to the
    /// transcript width, bounded by what is visible: the blocks on screen
    /// now, the others when they come into view (`refitVisible`, before
    /// every frame) or in batches while idle (`scheduleIdleRefit`).
    func refit() {
        let w = max(1, transcriptWidth)
        guard w != projector.width else { return }
        try? projector.setWidth(w, visibleRows: visibleTranscriptRows())
        scheduleIdleRefit()
    }

    /// Buffer rows that may be on screen in the transcript: a buffer line
    /// takes at least one screen row, so no more lines than the screen has
    /// rows are visible, counted from the top line (or the tail when the
    /// view follows it).
    func visibleTranscriptRows() -> Range<Int> {
        let lines = windows.transcriptBuffer.lineCount
        let rows = max(1, editor.screenSize.height)
        let view = windows.transcript.view
        if view.follow { return max(0, lines - rows)..<lines }
        let top = min(max(0, view.topline), max(0, lines - 1))
        return top..<min(lines, top + rows)
    }

    /// Before each frame: re-fits stale blocks that are about to be shown.
    func refitVisible() {
        guard projector.staleBlockCount > 0 else { return }
        _ = try? projector.refit(rows: visibleTranscriptRows())
    }

    /// Re-fits the remaining stale blocks a batch at a time on the loop, so
    /// a resize of a long transcript never blocks input. While the view is
    /// scrolled up, only blocks from its top line down are re-fitted (a
    /// height change above it would move the text under the reader); the
    /// ones above are re-fitted when they scroll into view.
    func scheduleIdleRefit() {
        guard refitTimer == nil, projector.staleBlockCount > 0 else { return }
        refitTimer = loop.after(ms: 30) { [weak self] in
            guard let self else { return }
            self.refitTimer = nil
            let view = self.windows.transcript.view
            let from = view.follow ? 0 : max(0, view.topline)
            let before = self.windows.transcriptBuffer.tick
            let more = (try? self.projector.refitStale(limit: 300, fromRow: from)) ?? false
            if self.windows.transcriptBuffer.tick != before { self.editor.requestRedraw() }
            if more { self.scheduleIdleRefit() }
        }
    }

    /// The content width of a window where it is now, tiled or floating.
    /// Cached until the next resize or layout change (or a new border or
    /// float placement of the window), so per-key and per-token callers
    /// do not compute the layout.
    func innerWidth(_ win: Window) -> Int {
        let key = WidthKey(epoch: layoutEpoch, screen: editor.screenSize, border: win.border, float: win.floatConfig)
        if let cached = widthCache[win.id], cached.key == key { return cached.width }
        let screen = Rect(size: editor.screenSize)
        let width: Int
        if let f = win.floatConfig {
            width = max(1, FloatLayout(config: f, editor: screen).inner.width)
        } else {
            let r = editor.layout?.compute(in: screen)[win.id] ?? screen
            width = max(1, r.width - 2 * win.border.thickness)
        }
        widthCache[win.id] = (key, width)
        return width
    }

    var composerInnerWidth: Int { innerWidth(windows.composer) }

    var transcriptWidth: Int { innerWidth(windows.transcript) }

    func showWelcome() {
        guard controller.messages.isEmpty else { return }
        var lines = welcomeLines(compact: false)
        if welcomeRows(lines) > visibleTranscriptHeight { lines = welcomeLines(compact: true) }
        welcomeShown = lines
        chatIndex = [nil]
        projected = []
        try? projector.reset([ChatMessage(role: .system, blocks: [.notice(lines.joined(separator: "\n"))])])
    }

    /// The welcome: the mock's triggers one per line, or (`compact`, when
    /// that does not fit the transcript) on a line or two.
    func welcomeLines(compact: Bool) -> [String] {
        var lines = ["Welcome to weft. Type a message and press Enter.", ""]
        if controller.provider is MockProvider {
            let name = "\(controller.provider.name):\(controller.provider.model)"
            if compact {
                lines.append("The offline mock model (\(name)) answers (anything else: the list):")
                lines += Self.packed(MockProvider.triggers.map(\.phrase), width: welcomeWidth, indent: "  ")
            } else {
                lines.append("The offline mock model (\(name)) answers these:")
                for t in MockProvider.triggers { lines.append("  \(t.phrase) — \(t.summary)") }
            }
        } else {
            lines.append("Talking to \(controller.provider.name):\(controller.provider.model). /model lists the server's models.")
        }
        lines.append("")
        lines += labelled("Keys: ", Self.welcomeKeys)
        return lines + agentWelcome()
    }

    /// The keys the welcome names, one item each (never cut in two).
    static let welcomeKeys = ["Enter send", "Shift-Enter/Ctrl-J newline", "Esc interrupt", "Ctrl-O expand",
                              "PageUp/PageDown scroll", "Ctrl-T select and copy", "/ commands", "Ctrl-D quit"]

    /// `label` and `items` packed into lines of the transcript's width,
    /// wrapped between items and indented under the first item.
    func labelled(_ label: String, _ items: [String]) -> [String] {
        let indent = String(repeating: " ", count: TextMeasure.measure(label))
        var lines = Self.packed(items, width: welcomeWidth, indent: indent)
        if !lines.isEmpty { lines[0] = label + lines[0].dropFirst(indent.count) }
        return lines
    }

    /// `items` joined with " · " into lines of at most `width` cells, an
    /// item never cut in two.
    static func packed(_ items: [String], width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            let next = line.isEmpty ? indent + item : line + " · " + item
            if !line.isEmpty && TextMeasure.measure(next) > width {
                lines.append(line)
                line = indent + item
            } else {
                line = next
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The welcome's text width: the transcript's, inside the block margin.
    var welcomeWidth: Int { max(20, transcriptWidth - ChatBlockRenderer.margin.count) }

    /// Screen rows `lines` take in the transcript (wrapped at its width).
    func welcomeRows(_ lines: [String]) -> Int {
        let width = max(1, transcriptWidth - ChatBlockRenderer.margin.count)
        return lines.reduce(0) { $0 + max(1, (TextMeasure.measure($1) + width - 1) / width) }
    }

    /// Rows of the transcript window now.
    var visibleTranscriptHeight: Int {
        editor.layout?.compute(in: Rect(size: editor.screenSize))[windows.transcript.id]?.height ?? editor.screenSize.height
    }

    /// After a resize: the welcome in the form that fits now.
    func refitWelcome() {
        guard controller.messages.isEmpty, let shown = welcomeShown else { return }
        var lines = welcomeLines(compact: false)
        if welcomeRows(lines) > visibleTranscriptHeight { lines = welcomeLines(compact: true) }
        if lines != shown { showWelcome() }
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

    /// Rewrites the status line from the controller's state; does nothing
    /// when neither the state nor the width changed (it runs per token and
    /// per spinner tick).
    public func refreshStatus() {
        let s = StatusLine(model: controller.provider.model, provider: controller.provider.name, state: controller.state,
                           spinner: Self.spinnerFrames[spinnerFrame], tokensIn: controller.usage.input,
                           tokensOut: controller.usage.output, cacheRead: controller.cacheUsage.read,
                           cacheWrite: controller.cacheUsage.write, contextWindow: contextWindow,
                           contextUsed: controller.contextTokens,
                           session: sessionName, cwd: controller.cwd, queued: controller.queue.count,
                           newLines: unseenLines, notice: editor.mode == TranscriptMode.search ? transcriptModeStatus
                                   : statusNotice ?? searchStatus ?? transcriptModeStatus,
                           mode: controller.permissionMode)
        let width = innerWidth(windows.status)
        if let last = lastStatus, last.line == s, last.width == width, windows.statusBuffer.lineCount == 1 { return }
        lastStatus = (s, width)
        let text = s.render(width: width)
        if windows.statusBuffer.line(0) != text || windows.statusBuffer.lineCount != 1 {
            try? windows.statusBuffer.setLines(0, -1, [text])
        }
    }

    /// The session's short name for the status line: the first words of
    /// its first prompt, else the tail of its id; nil before it is saved.
    /// The status line asks for it on every refresh (every token): the
    /// name is worked out again only when the id or the first prompt
    /// changed (see ``sessionNameMemo``).
    var sessionName: String? {
        guard let id = controller.sessionID else { return nil }
        var first: String?
        if let m = controller.messages.first(where: { $0.role == .user }) {
            for case .userText(let text) in m.blocks {
                first = text
                break
            }
        }
        // The same prompt is the same string: comparing it costs nothing.
        if let memo = sessionNameMemo, memo.id == id, memo.prompt == first { return memo.name }
        let name = StatusLine.sessionName(id: id, firstPrompt: first.map { String($0.prefix(200)) })
        sessionNameMemo = (id, first, name)
        return name
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
        // The popup only exists for "/command" and "@path" text; it is
        // computed again before the frame, once the cursor has moved.
        refreshPopup()
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
