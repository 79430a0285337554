import Kernel
import Render

/// The names of the transcript's keyboard modes.
public enum TranscriptMode {
    /// A cursor in the transcript with Vim motions (entered with Ctrl-T).
    public static let normal = "transcript"
    /// Visual selection by character, line or block (v, V, Ctrl-V).
    public static let visual = "transcript_visual"
    /// Typing a search after `/`.
    public static let search = "transcript_search"
}

// The transcript's keyboard mode: Ctrl-T moves the focus into the
// transcript with a cursor; Vim motions move it (h j k l by display row,
// w b e, 0 ^ $, gg G, Ctrl-U/D/B/F, / n N); v, V and Ctrl-V select; y
// yanks the selection, Y the message under the cursor, yy the line; Esc
// goes back (Visual -> transcript -> composer). Every key is an ordinary
// keymap of the modes `transcript` and `transcript_visual`, owned by
// "weft": `weft.keymap.list("transcript")` lists them and Lua can rebind
// or delete any of them.
extension ChatUI {
    /// The chat's keys in mode "composer" for getting text out: Ctrl-T
    /// and the mouse selection.
    var textOutComposerKeys: [KeyBinding] {
        [KeyBinding("<C-t>", "move the focus into the transcript (cursor, motions, select, yank)") { [unowned self] in
            self.enterTranscript()
        }] + mouseKeys
    }

    func installTranscriptKeymaps() throws {
        try editor.keymaps.setDefaults(mode: TranscriptMode.normal, owner: "weft", transcriptKeys(visual: false))
        try editor.keymaps.setDefaults(mode: TranscriptMode.visual, owner: "weft", transcriptKeys(visual: true))
        try installSearchKeymaps()
    }

    /// The keys of the transcript's modes: motions, selecting, yanking,
    /// leaving.
    func transcriptKeys(visual: Bool) -> [KeyBinding] {
        func key(_ lhs: String, _ desc: String, _ body: @escaping (ChatUI) -> Void) -> KeyBinding {
            KeyBinding(lhs, desc) { [unowned self] in body(self) }
        }
        let half = { (ui: ChatUI) in max(1, ui.transcriptHeight / 2) }
        let page = { (ui: ChatUI) in max(1, ui.transcriptHeight - 2) }
        var keys: [KeyBinding] = [
            key("h", "left") { $0.moveHorizontally(-1) },
            key("<Left>", "left") { $0.moveHorizontally(-1) },
            key("l", "right") { $0.moveHorizontally(1) },
            key("<Right>", "right") { $0.moveHorizontally(1) },
            key("j", "down a screen row") { $0.moveRows(1) },
            key("<Down>", "down a screen row") { $0.moveRows(1) },
            key("k", "up a screen row") { $0.moveRows(-1) },
            key("<Up>", "up a screen row") { $0.moveRows(-1) },
            key("w", "next word") { $0.moveTo(TextMotion.wordForward($0.tbuf, from: $0.transcript.cursor)) },
            key("b", "previous word") { $0.moveTo(TextMotion.wordBackward($0.tbuf, from: $0.transcript.cursor)) },
            key("e", "end of word") { $0.moveTo(TextMotion.wordEnd($0.tbuf, from: $0.transcript.cursor)) },
            key("0", "start of line") { $0.moveInLine { _ in 0 } },
            key("<Home>", "start of line") { $0.moveInLine { _ in 0 } },
            key("^", "first non-blank of line") { $0.moveInLine { TextMotion.firstNonBlank($0) } },
            key("$", "end of line") { $0.moveInLine { TextMotion.lastCluster($0) } },
            key("<End>", "end of line") { $0.moveInLine { TextMotion.lastCluster($0) } },
            key("gg", "first line") { $0.moveTo(Position(row: 0, col: 0)) },
            key("G", "last line") { $0.moveTo(Position(row: max(0, $0.tbuf.lineCount - 1), col: 0)) },
            key("<C-u>", "up half a page") { $0.moveRows(-half($0), scroll: true) },
            key("<C-d>", "down half a page") { $0.moveRows(half($0), scroll: true) },
            key("<C-b>", "up a page") { $0.moveRows(-page($0), scroll: true) },
            key("<PageUp>", "up a page") { $0.moveRows(-page($0), scroll: true) },
            key("<C-f>", "down a page") { $0.moveRows(page($0), scroll: true) },
            key("<PageDown>", "down a page") { $0.moveRows(page($0), scroll: true) },
            key("/", "search forward") { $0.startSearch() },
            key("n", "next match") { $0.searchAgain(reverse: false) },
            key("N", "previous match") { $0.searchAgain(reverse: true) },
            key("Y", "yank the message under the cursor (its markdown source)") { $0.yankMessage() },
            key("<ScrollWheelUp>", "scroll up") { $0.scroll(rows: -3) },
            key("<ScrollWheelDown>", "scroll down") { $0.scroll(rows: 3) },
            key("v", "select by character") { $0.toggleVisual(.char) },
            key("V", "select by line") { $0.toggleVisual(.line) },
            key("<C-v>", "select a block") { $0.toggleVisual(.block) },
        ] + mouseKeys
        if visual {
            keys += [
                key("y", "yank the selection") { $0.yankSelection() },
                key("o", "go to the other end of the selection") { $0.swapVisualEnds() },
                key("<Esc>", "end the selection") { $0.endVisual() },
                key("<C-c>", "end the selection") { $0.endVisual() },
            ]
        } else {
            keys += [
                key("yy", "yank the line") { $0.yankLine() },
                key("<Esc>", "back to the composer") { $0.leaveTranscript() },
                key("q", "back to the composer") { $0.leaveTranscript() },
                key("i", "back to the composer") { $0.leaveTranscript() },
                key("<C-t>", "back to the composer") { $0.leaveTranscript() },
                key("<C-c>", "back to the composer") { $0.leaveTranscript() },
            ]
        }
        return keys
    }

    var tbuf: Buffer { windows.transcriptBuffer }

    /// Rows of the transcript window on screen.
    var transcriptHeight: Int {
        compositor?.contentRect(transcript, in: editor)?.height
            ?? editor.layout?.compute(in: Rect(size: editor.screenSize))[transcript.id]?.height ?? 10
    }

    /// Ctrl-T: the transcript takes the focus, with its cursor on the
    /// first character of the last row on screen.
    func enterTranscript() {
        guard !windows.transcript.hidden else { return }
        if let c = compositor, c.contentRect(transcript, in: editor)?.isEmpty ?? false {
            // Inline mode with nothing live: the text is in the terminal.
            notice("the conversation is in the terminal's scrollback: select it there, or use /copy")
            return
        }
        closePopup()
        textOut.followedBefore = transcript.view.follow
        var start = Position(row: max(0, tbuf.lineCount - 1), col: 0)
        if let c = compositor, let area = c.contentRect(transcript, in: editor),
           let p = c.bufferPosition(transcript, at: Position(row: area.bottom - 1, col: area.col), in: editor) {
            start = Position(row: p.row, col: SelectionText.clusterStart(tbuf.line(p.row) ?? "", p.col))
        }
        transcript.view.follow = false
        transcript.cursor = start
        transcript.options.cursorVisible = true
        textOut.wantColumn = nil
        try? editor.focus(transcript.id)
        try? editor.setMode(TranscriptMode.normal)
        refreshStatus()
        editor.requestRedraw()
    }

    /// Back to the composer; the selection goes, the view follows the tail
    /// again if it did before.
    func leaveTranscript() {
        clearSelection()
        textOut.searchInput = nil
        transcript.options.cursorVisible = false
        if textOut.followedBefore { scrollToTail() }
        if !windows.composer.hidden { try? editor.focus(windows.composer.id) }
        try? editor.setMode("composer")
        refreshStatus()
        editor.requestRedraw()
    }

    /// "-- TRANSCRIPT --" and friends for the status line.
    var transcriptModeStatus: String? {
        switch editor.mode {
        case TranscriptMode.normal: return "-- TRANSCRIPT -- v/V/Ctrl-V select · y yank · Y message · / search · Esc back"
        case TranscriptMode.visual:
            let kind = transcript.selection.map { $0.mode == .line ? "VISUAL LINE" : $0.mode == .block ? "VISUAL BLOCK" : "VISUAL" } ?? "VISUAL"
            return "-- \(kind) -- y yank · o other end · Esc cancel"
        case TranscriptMode.search: return "/" + (textOut.searchInput ?? "")
        default: return nil
        }
    }

    // MARK: - Moving

    /// Moves the cursor to `p` (clamped, snapped to a character), keeps
    /// it in view and extends a Visual selection.
    func moveTo(_ p: Position, keepColumn: Bool = false) {
        let row = min(max(0, p.row), max(0, tbuf.lineCount - 1))
        let line = tbuf.line(row) ?? ""
        let col = min(SelectionText.clusterStart(line, p.col), TextMotion.lastCluster(line))
        transcript.cursor = Position(row: row, col: max(0, col))
        if !keepColumn { textOut.wantColumn = nil }
        compositor?.reveal(transcript, line: row, col: transcript.cursor.col, in: editor)
        if let anchor = textOut.visualAnchor, let mode = transcript.selection?.mode {
            try? editor.setSelection(transcript.id, Selection(mode: mode, anchor: anchor, head: transcript.cursor))
        }
        editor.requestRedraw()
    }

    func moveHorizontally(_ delta: Int) {
        let line = tbuf.line(transcript.cursor.row) ?? ""
        let col = delta < 0 ? TextMotion.left(line, col: transcript.cursor.col) : TextMotion.right(line, col: transcript.cursor.col)
        moveTo(Position(row: transcript.cursor.row, col: col))
    }

    func moveInLine(_ target: (String) -> Int) {
        moveTo(Position(row: transcript.cursor.row, col: target(tbuf.line(transcript.cursor.row) ?? "")))
    }

    /// Moves by `delta` screen rows (wrapped rows count), keeping the
    /// display column; with `scroll` the view moves by the same amount.
    func moveRows(_ delta: Int, scroll: Bool = false) {
        guard let c = compositor else {
            moveTo(Position(row: transcript.cursor.row + delta, col: transcript.cursor.col))
            return
        }
        var row = transcript.cursor.row
        var segs = c.segments(transcript, line: row, in: editor)
        var k = segs.lastIndex { $0.byteRange.lowerBound <= transcript.cursor.col } ?? 0
        let line = tbuf.line(row) ?? ""
        let want = textOut.wantColumn ?? (segs.isEmpty ? 0 : segs[k].startColumn
            + TextMeasure.measure(SelectionText.slice(line, segs[k].byteRange.lowerBound..<transcript.cursor.col)))
        var steps = abs(delta)
        while steps > 0 {
            if delta > 0 {
                if k + 1 < segs.count { k += 1 } else if row + 1 < tbuf.lineCount {
                    row += 1; segs = c.segments(transcript, line: row, in: editor); k = 0
                } else { break }
            } else {
                if k > 0 { k -= 1 } else if row > 0 {
                    row -= 1; segs = c.segments(transcript, line: row, in: editor); k = max(0, segs.count - 1)
                } else { break }
            }
            steps -= 1
        }
        var col = 0
        if k < segs.count {
            let seg = segs[k]
            let text = tbuf.line(row) ?? ""
            let inSeg = SelectionText.slice(text, seg.byteRange)
            let byte = TextMeasure.byte(forColumn: max(0, want - seg.startColumn), in: inSeg)
            col = seg.byteRange.lowerBound + min(byte, TextMotion.lastCluster(inSeg))
        }
        if scroll { self.scroll(rows: delta) }
        moveTo(Position(row: row, col: col), keepColumn: true)
        textOut.wantColumn = want
    }

    // MARK: - Visual

    /// v / V / Ctrl-V: starts Visual in `mode`, switches to it, or ends
    /// Visual when it is already the mode.
    func toggleVisual(_ mode: Selection.Mode) {
        if editor.mode == TranscriptMode.visual, transcript.selection?.mode == mode {
            endVisual()
            return
        }
        let anchor = textOut.visualAnchor ?? transcript.cursor
        textOut.visualAnchor = anchor
        try? editor.setSelection(transcript.id, Selection(mode: mode, anchor: anchor, head: transcript.cursor))
        try? editor.setMode(TranscriptMode.visual)
        refreshStatus()
    }

    func endVisual() {
        clearSelection()
        try? editor.setMode(TranscriptMode.normal)
        refreshStatus()
    }

    func swapVisualEnds() {
        guard let anchor = textOut.visualAnchor else { return }
        textOut.visualAnchor = transcript.cursor
        moveTo(anchor)
    }

    // MARK: - Yanking

    func yankSelection() {
        copySelection()
        endVisual()
    }

    func yankLine() {
        copy(Self.withoutGutter(tbuf.line(transcript.cursor.row) ?? "", first: true, rest: true) + "\n", what: "the line")
    }

    /// Y: the message under the cursor, as its source (markdown for replies).
    func yankMessage() {
        guard let i = projector.messageIndex(atRow: transcript.cursor.row) else {
            notice("no message under the cursor")
            return
        }
        copy(projector.sourceText(ofMessage: i), what: "the message")
        if editor.mode == TranscriptMode.visual { endVisual() }
    }
}
