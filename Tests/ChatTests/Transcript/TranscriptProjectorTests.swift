@testable import Chat
import Kernel
import Render
import Testing

/// Projection of messages into the buffer: layout, incremental updates,
/// width changes, collapse and expand.
@Suite struct TranscriptProjectorTests {
    @Test func userAndAssistantMessages() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.user("hello\nthere"))
        try h.projector.append(.assistant("**Hi!**"))
        // The user's turn: "›" in the gutter, the text two cells in, tinted;
        // the assistant's: "●" in the gutter.
        #expect(h.buffer.lines == ["› hello", "  there", "", "● Hi!"])
        #expect(h.marks(row: 0) == ["0:0 line=ChatUserBg", "0:0-0:3 hl=ChatUser"])
        #expect(h.marks(row: 1) == ["1:0 line=ChatUserBg"])
        #expect(h.marks(row: 3) == ["3:0-3:3 hl=ChatAssistant", "3:4-3:7 hl=MdBold"])
        #expect(h.projector.lineRange(message: 1, block: 0) == 2..<4)
        #expect(h.projector.lineCount == 4)
    }

    @Test func appendOnlyTouchesTheEnd() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.user("q"))
        h.changes = []
        try h.projector.append(.assistant("a\n\nb"))
        #expect(h.changes.count == 1)
        #expect(h.changes.first?.first == 1)
        #expect(h.changes.first?.lastOld == 1)
    }

    @Test func streamingTouchesOnlyTheLastBlock() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.user("show me"))
        try h.projector.append(.assistant("# Earlier\n\n| a | b |\n|---|---|\n| 1 | 2 |"))
        try h.projector.append(ChatMessage(role: .assistant, blocks: [.assistantText("")]))
        let start = try #require(h.projector.lineRange(message: 2, block: 0)).lowerBound
        let before = Array(h.buffer.lines[0..<start])
        let marksBefore = h.marks.filter { Int($0.split(separator: ":")[0]) ?? 0 < start }
        h.changes = []
        var text = ""
        for ch in "Streaming *text* with a list:\n\n- one\n- two\n" {
            text.append(ch)
            try h.projector.updateLastBlock(.assistantText(text))
        }
        #expect(!h.changes.isEmpty)
        #expect(h.changes.allSatisfy { $0.first >= start }, "a change touched lines before \(start)")
        #expect(Array(h.buffer.lines[0..<start]) == before)
        #expect(h.marks.filter { Int($0.split(separator: ":")[0]) ?? 0 < start } == marksBefore)
        // Most deltas change just the line being typed.
        let oneLine = h.changes.filter { $0.lastOld - $0.first <= 1 && $0.lastNew - $0.first <= 1 }
        #expect(oneLine.count * 10 >= h.changes.count * 8)
    }

    @Test func streamingTheShowcaseEqualsOneShot() throws {
        let streamed = try ProjectorHarness(width: 40)
        try streamed.projector.append(.user("showcase"))
        try streamed.projector.append(ChatMessage(role: .assistant, blocks: [.thinking("", collapsed: true)]))
        var thought = ""
        for ch in "Let me think.\nOk." {
            thought.append(ch)
            try streamed.projector.updateLastBlock(.thinking(thought, collapsed: true))
        }
        try streamed.projector.appendBlock(.assistantText(""))
        var text = ""
        for ch in MD.showcase {
            text.append(ch)
            try streamed.projector.updateLastBlock(.assistantText(text))
        }
        let oneShot = try ProjectorHarness(width: 40)
        try oneShot.projector.append(.user("showcase"))
        try oneShot.projector.append(ChatMessage(role: .assistant, blocks: [.thinking("Let me think.\nOk.", collapsed: true),
                                                                            .assistantText(MD.showcase)]))
        #expect(streamed.buffer.lines == oneShot.buffer.lines)
        #expect(streamed.marks == oneShot.marks)
        #expect(streamed.buffer.extmarks.checkInvariants().isEmpty)
    }

    @Test func widthChangeRefitsATable() throws {
        let h = try ProjectorHarness(width: 80)
        try h.projector.append(.user("table please"))
        let table = "| name | description |\n|---|---|\n| 漢字 | a long description that needs wrapping at small widths |"
        try h.projector.append(.assistant(table))
        try h.projector.append(.assistant("plain paragraph after"))
        let wide = try #require(h.projector.lineRange(message: 1, block: 0))
        #expect(wide.count == 6)  // blank + 5 table lines
        h.changes = []
        try h.projector.setWidth(30)
        #expect(!h.changes.isEmpty)
        let narrow = try #require(h.projector.lineRange(message: 1, block: 0))
        #expect(narrow.count > wide.count)
        for row in narrow.dropFirst() {
            #expect(TextMeasure.measure(h.buffer.lines[row]) <= 30)
        }
        // The following block moved with it, marks and all.
        let after = try #require(h.projector.lineRange(message: 2, block: 0))
        #expect(after.lowerBound == narrow.upperBound)
        #expect(h.buffer.lines[after.upperBound - 1] == "● plain paragraph after")
        // Same width again: nothing happens.
        h.changes = []
        try h.projector.setWidth(30)
        #expect(h.changes.isEmpty)
        // Back to 80 gives the original projection.
        let fresh = try ProjectorHarness(width: 80)
        try fresh.projector.append(.user("table please"))
        try fresh.projector.append(.assistant(table))
        try fresh.projector.append(.assistant("plain paragraph after"))
        try h.projector.setWidth(80)
        #expect(h.buffer.lines == fresh.buffer.lines)
        #expect(h.marks == fresh.marks)
    }

    @Test func widthChangeRefitsVisibleBlocksFirst() throws {
        let table = "| name | description |\n|---|---|\n| 漢字 | a long description that needs wrapping at small widths |"
        let messages: [ChatMessage] = [.user("a"), .assistant(table), .user("b"), .assistant(table), .assistant("- a list item that wraps when narrow")]
        let h = try ProjectorHarness(width: 80)
        for m in messages { try h.projector.append(m) }
        let last = try #require(h.projector.lineRange(message: 4, block: 0))
        h.changes = []
        try h.projector.setWidth(30, visibleRows: last)
        #expect(h.projector.staleBlockCount == 2)
        #expect(h.changes.allSatisfy { $0.first >= last.lowerBound })
        #expect(!h.changes.isEmpty)
        // Scrolling up to the first table re-fits it alone.
        let first = try #require(h.projector.lineRange(message: 1, block: 0))
        h.changes = []
        #expect(try h.projector.refit(rows: first.lowerBound..<(first.lowerBound + 1)))
        #expect(h.projector.staleBlockCount == 1)
        #expect(h.changes.allSatisfy { $0.first >= first.lowerBound && $0.first < first.upperBound })
        #expect(try h.projector.refit(rows: 0..<1) == false)
        try h.projector.refitAll()
        #expect(h.projector.staleBlockCount == 0)
        let fresh = try ProjectorHarness(width: 30)
        for m in messages { try fresh.projector.append(m) }
        #expect(h.buffer.lines == fresh.buffer.lines)
        #expect(h.marks == fresh.marks)
        // A new width without visible rows re-fits everything.
        try h.projector.setWidth(80)
        #expect(h.projector.staleBlockCount == 0)
    }

    @Test func widthChangeLeavesPlainBlocksAlone() throws {
        let h = try ProjectorHarness(width: 80)
        try h.projector.append(.user("x"))
        try h.projector.append(.assistant("just a paragraph"))
        h.changes = []
        try h.projector.setWidth(20)
        #expect(h.changes.isEmpty)
    }

    @Test func thinkingCollapseAndExpand() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.user("q"))
        try h.projector.append(ChatMessage(role: .assistant, blocks: [.thinking("step one\nstep two\nstep three", collapsed: true),
                                                                       .assistantText("answer")]))
        #expect(h.buffer.lines == ["› q", "", "▸ Thinking (3 lines) · Ctrl-O to expand", "", "● answer"])
        #expect(h.marks(row: 2) == ["2:0-2:\("▸ Thinking (3 lines) · Ctrl-O to expand".utf8.count) hl=ChatThinking"])
        try h.projector.toggleThinking(expanded: true)
        #expect(h.buffer.lines == ["› q", "", "▾ Thinking", "  step one", "  step two", "  step three", "", "● answer"])
        #expect(h.projector.lineRange(message: 1, block: 1) == 6..<8)
        #expect(h.marks(row: 7) == ["7:0-7:3 hl=ChatAssistant"])
        try h.projector.toggleThinking(expanded: false)
        #expect(h.buffer.lines == ["› q", "", "▸ Thinking (3 lines) · Ctrl-O to expand", "", "● answer"])
        // Ctrl-O expands thinking too, and collapses it back.
        try h.projector.setToolsExpanded(true)
        #expect(h.buffer.lines.count == 8)
        try h.projector.setToolsExpanded(false)
        #expect(h.buffer.lines.count == 5)
    }

    @Test func modelTextWithEscapesIsKept() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.assistant("evil \u{1b}]52;c;AAAA\u{7} \u{1b}[2J text\r\nnext"))
        #expect(h.buffer.lines == ["● evil \u{1b}]52;c;AAAA\u{7} \u{1b}[2J text", "  next"])
    }

    @Test func updatingAMiddleBlockMovesLaterBlocks() throws {
        let h = try ProjectorHarness()
        try h.projector.append(ChatMessage(role: .assistant, blocks: [
            .toolCall(ToolCall(id: "1", name: "read_file", arguments: "{\"path\":\"a.txt\"}")),
            .assistantText("**after**"),
        ]))
        let call = ToolCall(id: "1", name: "read_file", arguments: "{\"path\":\"a.txt\"}", status: .ok,
                            output: "l1\nl2", duration: 0.25)
        try h.projector.updateBlock(message: 0, block: 0, .toolCall(call))
        #expect(h.buffer.lines == ["✓ read_file  a.txt", "  l1", "  l2", "", "● after"])
        #expect(h.marks(row: 4) == ["4:0-4:3 hl=ChatAssistant", "4:4-4:9 hl=MdBold"])
        #expect(h.projector.lineRange(message: 0, block: 1) == 3..<5)
        #expect(throws: TranscriptError.blockOutOfRange(message: 0, block: 5)) {
            try h.projector.updateBlock(message: 0, block: 5, .notice("x"))
        }
    }

    @Test func errorsWithoutMessages() throws {
        let h = try ProjectorHarness()
        #expect(throws: TranscriptError.noMessage) { try h.projector.updateLastBlock(.notice("x")) }
        #expect(throws: TranscriptError.noMessage) { try h.projector.appendBlock(.notice("x")) }
        try h.projector.append(ChatMessage(role: .assistant))
        #expect(throws: TranscriptError.noBlock) { try h.projector.updateLastBlock(.notice("x")) }
        try h.projector.appendBlock(.notice("first"))
        #expect(h.buffer.lines == ["  first"])
    }

    @Test func resetReprojects() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.user("old"))
        try h.projector.reset([.assistant("new")])
        #expect(h.buffer.lines == ["● new"])
        #expect(h.marks == ["0:0-0:3 hl=ChatAssistant"])
        #expect(h.projector.messages.count == 1)
    }

    @Test func linksAreFoundByPosition() throws {
        let h = try ProjectorHarness()
        try h.projector.append(.assistant("go [here](https://x.example) now"))
        // "● go here now": the link starts at byte 7, after the gutter.
        #expect(h.projector.link(row: 0, col: 7) == "https://x.example")
        #expect(h.projector.link(row: 0, col: 4) == nil)
        #expect(h.projector.link(row: 9, col: 0) == nil)
    }
}
