import Kernel
import Render
import Testing
@testable import Chat

/// Getting text out of the transcript: mouse selection, the keyboard mode,
/// `/copy`, and what inline mode is told is finished.
@Suite struct ChatTextOutTests {
    func key(_ s: String) throws -> Key { try Key(token: s) }

    func press(_ s: ChatScreen, _ keys: String) throws {
        try s.editor.feedKeys(keys)
    }

    func mouse(_ s: ChatScreen, _ name: String, row: Int, col: Int, clicks: Int = 0) {
        s.editor.mouse = MouseState(row: row, col: col, clicks: clicks)
        s.editor.handleKey(Key(.named(name)))
    }

    var clipboard: (ChatScreen) throws -> String { { try $0.editor.clipboard.get() } }

    /// The screen row of transcript text `needle` (first match).
    func row(of needle: String, in s: ChatScreen) -> Int? {
        let g = s.frame()
        return (0..<g.height).first { g.rowText($0).contains(needle) }
    }

    @Test func dragSelectsAndReleaseCopiesTheBufferText() throws {
        let s = try ChatScreen(width: 30, height: 14)
        s.show([("hello", "The quick brown fox jumps over the lazy dog and keeps running far away.")])
        let r = try #require(row(of: "The quick", in: s))
        mouse(s, "LeftMouse", row: r, col: 6, clicks: 1)      // after the "● " gutter
        mouse(s, "LeftDrag", row: r + 1, col: 8)
        let sel = try #require(s.ui.windows.transcript.selection)
        #expect(sel.mode == .char)
        mouse(s, "LeftRelease", row: r + 1, col: 8)
        // Soft-wrapped rows come back as one line: no break where the window wrapped.
        let text = try clipboard(s)
        #expect(text.hasPrefix("quick brown fox"))
        #expect(!text.contains("\n"))
        #expect(s.ui.statusNotice?.hasPrefix("copied") == true)
    }

    @Test func aBackwardDragStopsBeforeThePressedCell() throws {
        let s = try ChatScreen(width: 40, height: 14)
        s.show([("q", "alpha beta gamma")])
        let r = try #require(row(of: "alpha beta", in: s))
        mouse(s, "LeftMouse", row: r, col: 13, clicks: 1)     // on the "g" of gamma
        mouse(s, "LeftDrag", row: r, col: 8)                  // back to the "b" of beta
        mouse(s, "LeftRelease", row: r, col: 8)
        #expect(try clipboard(s) == "beta ")
    }

    @Test func doubleAndTripleClick() throws {
        let s = try ChatScreen(width: 40, height: 14)
        s.show([("q", "see ~/src/main.swift now")])
        let r = try #require(row(of: "see ~/src", in: s))
        mouse(s, "LeftMouse", row: r, col: 10, clicks: 2)
        mouse(s, "LeftRelease", row: r, col: 10)
        #expect(try clipboard(s) == "~/src/main.swift")
        mouse(s, "LeftMouse", row: r, col: 10, clicks: 3)
        mouse(s, "LeftRelease", row: r, col: 10)
        #expect(try clipboard(s) == "see ~/src/main.swift now\n")
        // A plain click clears the selection and copies nothing.
        s.editor.clipboard.set("kept")
        mouse(s, "LeftMouse", row: r, col: 4, clicks: 1)
        mouse(s, "LeftRelease", row: r, col: 4)
        #expect(s.ui.windows.transcript.selection == nil)
        #expect(try clipboard(s) == "kept")
    }

    @Test func copyOnSelectCanBeTurnedOff() throws {
        let s = try ChatScreen(width: 40, height: 14)
        s.show([("q", "alpha beta gamma")])
        s.ui.copyOnSelect = false
        let r = try #require(row(of: "alpha beta", in: s))
        mouse(s, "LeftMouse", row: r, col: 0, clicks: 1)
        mouse(s, "LeftDrag", row: r, col: 4)
        mouse(s, "LeftRelease", row: r, col: 4)
        #expect(s.ui.windows.transcript.selection != nil)
        #expect(try clipboard(s) == "")
    }

    @Test func draggingPastTheEdgeScrolls() throws {
        let s = try ChatScreen(width: 30, height: 10)
        s.show((1...20).map { ("q\($0)", "answer number \($0)") })
        _ = s.frame()
        let rect = try #require(s.compositor.contentRect(s.ui.windows.transcript, in: s.editor))
        let before = s.ui.windows.transcript.view.topline
        mouse(s, "LeftMouse", row: rect.row + 2, col: 0, clicks: 1)
        mouse(s, "LeftDrag", row: rect.row - 1, col: 0)        // above the transcript
        #expect(s.ui.textOut.autoscroll != nil)
        #expect(s.ui.windows.transcript.view.topline < before)
        mouse(s, "LeftRelease", row: rect.row - 1, col: 0)
        #expect(s.ui.textOut.autoscroll == nil)
        #expect(s.ui.windows.transcript.selection != nil)
    }

    @Test func keyboardModeMovesSelectsAndYanks() throws {
        let s = try ChatScreen(width: 40, height: 14)
        s.show([("first question", "one two three\n\nfour five")])
        _ = s.frame()
        try press(s, "<C-t>")
        #expect(s.editor.mode == TranscriptMode.normal)
        #expect(s.editor.currentWindowID == s.ui.windows.transcript.id)
        try press(s, "gg")
        #expect(s.ui.windows.transcript.cursor == Position(row: 0, col: 0))
        // "› first question", blank, "● one two three", blank, "  four five".
        try press(s, "jj")
        try press(s, "$bb")
        #expect(s.ui.windows.transcript.cursor.col == 8)
        try press(s, "ve")
        #expect(s.editor.mode == TranscriptMode.visual)
        try press(s, "y")
        #expect(try clipboard(s) == "two")
        #expect(s.editor.mode == TranscriptMode.normal)
        try press(s, "Vjjy")
        #expect(try clipboard(s) == "one two three\n\nfour five\n", "copied without the gutter")
        try press(s, "Y")
        #expect(try clipboard(s) == "one two three\n\nfour five")
        try press(s, "gg0l<C-v>jjllly")
        #expect(try clipboard(s) == " fir\n\n one", "a block right of the gutter keeps its cells")
        try press(s, "<Esc>")
        #expect(s.editor.mode == "composer")
        #expect(s.ui.windows.transcript.selection == nil)
    }

    @Test func searchMovesTheCursorAndRepeats() throws {
        let s = try ChatScreen(width: 40, height: 14)
        s.show([("q", "apple banana\n\ncherry banana")])
        _ = s.frame()
        try press(s, "<C-t>gg/ban")
        #expect(s.editor.mode == TranscriptMode.search)
        try press(s, "<CR>")
        let first = s.ui.windows.transcript.cursor
        #expect(s.ui.windows.transcriptBuffer.line(first.row)?.hasPrefix("● apple") == true && first.col == 10)
        try press(s, "n")
        #expect(s.ui.windows.transcript.cursor.col == 9)
        try press(s, "N")
        #expect(s.ui.windows.transcript.cursor == first)
        try press(s, "/zzz<Esc>")
        #expect(s.ui.windows.transcript.cursor == first && s.editor.mode == TranscriptMode.normal)
    }

    @Test func transcriptKeysAreOrdinaryKeymaps() throws {
        let s = try ChatScreen()
        let lhs = Set(s.editor.keymaps.list(mode: TranscriptMode.normal).map(\.lhs))
        for k in ["h", "j", "k", "l", "w", "b", "0", "$", "gg", "G", "<C-u>", "<C-d>", "/", "n", "N", "v", "V", "<C-v>", "Y", "<Esc>"] {
            #expect(lhs.contains(k), "missing \(k)")
        }
        #expect(s.editor.keymaps.list(mode: TranscriptMode.visual).contains { $0.lhs == "y" })
        #expect(s.editor.keymaps.list(mode: "composer").contains { $0.lhs == "<C-t>" })
    }

    @Test func copyCommands() throws {
        let s = try ChatScreen()
        try s.editor.commands.run(line: "copy")
        #expect(s.ui.statusNotice == "no reply to copy yet")
        s.show([("q1", "**first** reply"), ("q2", "second\n\n```swift\nlet a = 1\n```\n\ntext\n\n```\nplain\n```")])
        try s.editor.commands.run(line: "copy")
        #expect(try clipboard(s).hasPrefix("second\n\n```swift"))
        try s.editor.commands.run(line: "copy 2")
        #expect(try clipboard(s) == "**first** reply")
        #expect(throws: (any Error).self) { try s.editor.commands.run(line: "copy zero") }
        try s.editor.commands.run(line: "copy 9")
        #expect(s.ui.statusNotice?.contains("only 2") == true)
        // Two code blocks: a picker, the last one chosen by default.
        try s.editor.commands.run(line: "copy code")
        #expect(s.editor.mode == ChatUI.pickerMode)
        #expect(s.editor.findWindow(name: "copy_picker") != nil)
        try press(s, "<CR>")
        #expect(try clipboard(s) == "plain")
        #expect(s.editor.mode == "composer" && s.editor.findWindow(name: "copy_picker") == nil)
        try s.editor.commands.run(line: "copy code")
        try press(s, "1")
        #expect(try clipboard(s) == "let a = 1")
        try s.editor.commands.run(line: "copy code")
        try press(s, "<Esc>")
        #expect(s.editor.mode == "composer")
    }

    @Test func selectionSurvivesStreamingAndReset() throws {
        let s = try ChatScreen(width: 30, height: 12)
        s.show([("q", "streaming text here")])
        _ = s.frame()
        let last = s.ui.windows.transcriptBuffer.lineCount - 1
        try s.editor.setSelection(s.ui.windows.transcript.id,
                                  Selection(mode: .char, anchor: Position(row: last, col: 3), head: Position(row: last, col: 40)))
        try s.ui.projector.updateLastBlock(.assistantText("x"))   // the line shrinks underneath
        _ = s.frame()
        s.controller.reset()
        _ = s.frame()
        #expect(s.ui.windows.transcript.selection == nil)
        #expect(s.ui.transcriptGeneration > 0)
    }

    @Test func finishedLinesForInlineMode() throws {
        let s = try ChatScreen(width: 40, height: 12, provider: MockProvider(tokensPerSecond: 20, firstTokenLatency: 0))
        s.show([("q", "done")])
        #expect(s.ui.finishedTranscriptLines == s.ui.projector.lineCount)
        // While a reply streams, it stays live; the prompt is finished.
        s.controller.submit("count to 30")
        #expect(s.loop.run(until: { s.ui.projector.messageCount == 4 && s.ui.projector.lineCount > 9 }, timeoutMs: 5000))
        let reply = try #require(s.ui.projector.lineRange(ofMessage: 3))
        #expect(s.controller.isBusy)
        #expect(s.ui.finishedTranscriptLines == reply.lowerBound - 1)
        #expect(s.ui.windows.transcriptBuffer.line(reply.lowerBound - 2) == "› count to 30")
        s.controller.interrupt()
        _ = s.loop.run(until: { !s.controller.isBusy }, timeoutMs: 2000)
        #expect(s.ui.finishedTranscriptLines == s.ui.projector.lineCount)
    }
}
