import Kernel
import Render

// Mouse selection in the transcript: press-drag-release selects by
// character (double click: by word, triple click: by line), the view
// scrolls while the pointer is held above or below the transcript, and
// the release copies the selection (`copy_on_select`). The keys are
// ordinary keymaps of the composer and transcript modes; Shift+drag never
// reaches weft (terminals keep it for their own selection), and
// `--no-mouse` leaves the mouse to the terminal altogether.
extension ChatUI {
    /// The mouse keys that select in the transcript (modes composer,
    /// transcript and transcript_visual).
    var mouseKeys: [KeyBinding] {
        [
            KeyBinding("<LeftMouse>", "select in the transcript (double click: word, triple: line)") { [unowned self] in
                self.mousePress()
            },
            KeyBinding("<LeftDrag>", "extend the transcript selection") { [unowned self] in self.mouseDrag() },
            KeyBinding("<LeftRelease>", "end the transcript selection (and copy it)") { [unowned self] in self.mouseRelease() },
        ]
    }

    var transcript: Window { windows.transcript }

    /// The transcript position under the mouse, clamped into the
    /// transcript's rows (a drag above or below it gives its edge).
    func transcriptPosition(_ m: MouseState) -> Position? {
        compositor?.bufferPosition(transcript, at: m.position, in: editor)
    }

    func mousePress() {
        stopAutoscroll()
        guard let m = editor.mouse, let compositor,
              compositor.window(at: m.position, in: editor)?.id == transcript.id,
              let p = transcriptPosition(m) else {
            textOut.drag = nil
            clearSelection()
            return
        }
        let line = windows.transcriptBuffer.line(p.row) ?? ""
        let clicks = max(1, m.clicks)
        let unit: Range<Int>
        switch clicks {
        case 2: unit = TextMotion.word(in: line, at: p.col)
        case 3: unit = 0..<line.utf8.count
        default: unit = p.col..<p.col
        }
        textOut.drag = TextOutState.Drag(anchor: p, clicks: clicks, unit: unit, pointer: m.position)
        if clicks == 1 {
            clearSelection()
        } else {
            select(from: p, to: p)
        }
    }

    func mouseDrag() {
        guard var drag = textOut.drag, let m = editor.mouse,
              let area = compositor?.contentRect(transcript, in: editor) else { return }
        drag.moved = true
        drag.pointer = m.position
        textOut.drag = drag
        // Past the top or bottom edge scrolls; where the transcript touches
        // the screen's edge (the pointer cannot go past it), its edge row.
        let screenBottom = editor.screenSize.height
        let up = m.row < area.row || (area.row == 0 && m.row == 0 && area.height > 1)
        let down = m.row >= area.bottom || (area.bottom >= screenBottom && m.row == area.bottom - 1 && area.height > 1)
        if up || down {
            startAutoscroll(up: up)
        } else {
            stopAutoscroll()
        }
        extendDrag()
    }

    /// Moves the selection's moving end to the pointer.
    func extendDrag() {
        guard let drag = textOut.drag, let area = compositor?.contentRect(transcript, in: editor) else { return }
        let clamped = Position(row: min(max(area.row, drag.pointer.row), area.bottom - 1), col: drag.pointer.col)
        guard let head = transcriptPosition(MouseState(row: clamped.row, col: clamped.col)) else { return }
        if drag.clicks == 1 && head == drag.anchor && !drag.moved { return }
        select(from: drag.anchor, to: head)
    }

    /// Selects from `anchor` to `head` as the drag's unit says: characters
    /// (the head's cell included unless it is past the text), words or
    /// lines.
    func select(from anchor: Position, to head: Position) {
        guard let drag = textOut.drag else { return }
        let buf = windows.transcriptBuffer
        var a = anchor, h = head
        var mode = Selection.Mode.char
        switch drag.clicks {
        case 3:
            mode = .line
        case 2:
            let headWord = TextMotion.word(in: buf.line(h.row) ?? "", at: h.col)
            if h < a || (h.row == a.row && h.col < drag.unit.lowerBound) {
                a = Position(row: anchor.row, col: lastByte(drag.unit))
                h = Position(row: h.row, col: headWord.lowerBound)
            } else {
                a = Position(row: anchor.row, col: drag.unit.lowerBound)
                h = Position(row: h.row, col: lastByte(headWord))
            }
        default:
            // As in terminals, the press is a point before its cell: a drag
            // forward selects from the pressed character to the one under
            // the pointer (past the text: to the end of the line, without
            // the break); a drag backward selects from the pointer up to
            // the character before the pressed one.
            if h > a, h.col > 0, h.col >= (buf.line(h.row)?.utf8.count ?? 0) {
                h = Position(row: h.row, col: max(0, (buf.line(h.row)?.utf8.count ?? 1) - 1))
            } else if h < a {
                if a.col > 0 {
                    a = Position(row: a.row, col: TextMotion.left(buf.line(a.row) ?? "", col: a.col))
                } else if a.row > 0 {
                    a = Position(row: a.row - 1, col: buf.line(a.row - 1)?.utf8.count ?? 0)
                }
            }
        }
        try? editor.setSelection(transcript.id, Selection(mode: mode, anchor: a, head: h))
    }

    /// The first byte of the last character of `range` (its start when empty).
    private func lastByte(_ range: Range<Int>) -> Int {
        range.isEmpty ? range.lowerBound : max(range.lowerBound, range.upperBound - 1)
    }

    func mouseRelease() {
        stopAutoscroll()
        guard let drag = textOut.drag else { return }
        textOut.drag = nil
        guard drag.moved || drag.clicks > 1, transcript.selection != nil else { return }
        if textOut.copyOnSelect { copySelection() }
    }

    func startAutoscroll(up: Bool) {
        if textOut.autoscroll != nil {
            if textOut.autoscrollUp == up { return }
            stopAutoscroll()
        }
        textOut.autoscrollUp = up
        textOut.autoscroll = loop.every(ms: 50) { [weak self] in
            guard let self, self.textOut.drag != nil else { self?.stopAutoscroll(); return }
            self.scroll(rows: up ? -1 : 1)
            self.extendDrag()
        }
        scroll(rows: up ? -1 : 1)
    }

    func stopAutoscroll() {
        if let t = textOut.autoscroll { loop.cancel(t) }
        textOut.autoscroll = nil
    }

    /// Clears the transcript's selection (and Visual mode's anchor).
    func clearSelection() {
        textOut.visualAnchor = nil
        if transcript.selection != nil { try? editor.setSelection(transcript.id, nil) }
    }

    /// Copies the transcript's selection and says so in the status line.
    func copySelection() {
        guard let sel = transcript.selection else { return }
        let text = SelectionText.text(sel, in: windows.transcriptBuffer, tabstop: transcript.options.tabstop)
        // Which copied lines start at the line's start (and so with the gutter).
        let (first, rest): (Bool, Bool)
        switch sel.mode {
        case .line: (first, rest) = (true, true)
        case .char: (first, rest) = (sel.start.col == 0, true)
        case .block: (first, rest) = (min(sel.anchor.col, sel.head.col) == 0, min(sel.anchor.col, sel.head.col) == 0)
        }
        copy(Self.withoutGutter(text, first: first, rest: rest), what: nil)
    }

    /// `text` copied from the transcript without the block margin: a
    /// line taken from its start loses its first two cells when they are
    /// the gutter ("● ", "› " or blanks), so replies, code and tool output
    /// copy as written. `first` and `rest` say whether the first line and
    /// the others were taken from their start.
    static func withoutGutter(_ text: String, first: Bool, rest: Bool) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in lines.indices where i == 0 ? first : rest {
            let line = lines[i]
            if line.hasPrefix("● ") || line.hasPrefix("› ") || line.hasPrefix(ChatBlockRenderer.margin) {
                lines[i] = line.dropFirst(2)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Copies `text` to the clipboard with a short notice: "copied 3 lines"
    /// (or "copied the last reply (12 lines)" when `what` names it).
    func copy(_ text: String, what: String?) {
        guard !text.isEmpty else {
            notice("nothing to copy")
            return
        }
        let result = editor.clipboard.set(text)
        let lines = result.lines
        let size = lines > 1 ? "\(lines) lines" : "\(text.count) character\(text.count == 1 ? "" : "s")"
        let target = result.paths.isEmpty ? " (to weft's register: no clipboard path here)" : ""
        notice("copied \(what.map { "\($0) (\(size))" } ?? size)\(target)")
    }
}
