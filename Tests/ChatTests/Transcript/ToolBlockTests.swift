@testable import Chat
import Kernel
import Render
import Testing

/// Tool call blocks in every state, errors and notices.
@Suite struct ToolBlockTests {
    func call(_ status: ToolStatus, output: String = "", duration: Double? = nil) -> ChatBlock {
        .toolCall(ToolCall(id: "c1", name: "grep", arguments: "{\"pattern\": \"TODO\", \"path\": \"src\"}",
                           status: status, output: output, duration: duration))
    }

    @Test func runningUsesTheSpinnerAndUpdatesIt() throws {
        let h = try ProjectorHarness()
        try h.projector.append(ChatMessage(role: .assistant, blocks: [call(.running)]))
        #expect(h.buffer.lines == ["⠋ grep  TODO src"])
        #expect(h.marks(row: 0).contains("0:0-0:3 hl=ChatToolRunning"))
        h.changes = []
        try h.projector.setSpinner("⠙")
        #expect(h.buffer.lines == ["⠙ grep  TODO src"])
        #expect(h.changes.count == 1)
    }

    @Test func okShowsDurationAsEolText() throws {
        let h = try ProjectorHarness()
        try h.projector.append(ChatMessage(role: .assistant, blocks: [call(.ok, output: "a:1\nb:2\n", duration: 1.25)]))
        #expect(h.buffer.lines == ["✓ grep  TODO src", "  a:1", "  b:2"])
        #expect(h.marks(row: 0).contains("0:\("✓ grep  TODO src".utf8.count) eol=1.3s") || h.marks(row: 0).contains("0:\("✓ grep  TODO src".utf8.count) eol=1.2s"))
        #expect(h.marks(row: 0).contains("0:0-0:3 hl=ChatToolOk"))
        #expect(h.marks(row: 1) == ["1:0-1:5 hl=ChatToolOutput"])
    }

    @Test func errorAndDenied() throws {
        let h = try ProjectorHarness()
        try h.projector.append(ChatMessage(role: .assistant, blocks: [call(.error, output: "no such dir"), call(.denied)]))
        #expect(h.buffer.lines == ["✗ grep  TODO src", "  no such dir", "", "⊘ grep  TODO src", "  denied"])
        #expect(h.marks(row: 0).contains("0:0-0:3 hl=ChatToolError"))
        #expect(h.marks(row: 1) == ["1:0-1:13 hl=ChatError"])
    }

    @Test func longOutputIsPreviewedUntilExpanded() throws {
        let h = try ProjectorHarness()
        let output = (1...20).map { "line \($0)" }.joined(separator: "\n")
        try h.projector.append(ChatMessage(role: .assistant, blocks: [call(.ok, output: output, duration: 0.05), .assistantText("done")]))
        #expect(h.buffer.lines.count == 1 + 8 + 2)
        #expect(h.buffer.lines[7] == "  line 7")
        #expect(h.buffer.lines[8] == "  … 13 more lines (Ctrl-O to expand)")
        try h.projector.setToolsExpanded(true)
        #expect(h.buffer.lines.count == 1 + 20 + 2)
        #expect(h.buffer.lines[20] == "  line 20")
        #expect(h.buffer.lines.last == "● done")
        try h.projector.setToolsExpanded(false)
        #expect(h.buffer.lines.count == 11)
    }

    @Test func argumentSummaryIsTruncatedToTheWidth() throws {
        let h = try ProjectorHarness(width: 30)
        let long = ToolCall(id: "x", name: "run_command", arguments: "{\"command\": \"" + String(repeating: "echo hi; ", count: 20) + "\"}")
        try h.projector.append(ChatMessage(role: .assistant, blocks: [.toolCall(long)]))
        let header = h.buffer.lines[0]
        #expect(header.hasPrefix("⠋ run_command  echo hi;"))
        #expect(header.hasSuffix("…"))
        #expect(Render.TextMeasure.measure(header) <= 30)
    }

    @Test func incompleteArgumentsWhileStreaming() {
        #expect(ToolSummary.arguments("{\"path\": \"a.t") == "a.t")
        #expect(ToolSummary.arguments("{\"a\": {\"b\": 1}}") == "{\"a\": {\"b\": 1}}")
        #expect(ToolSummary.arguments("not json\n at all") == "not json at all")
        #expect(ToolSummary.arguments("{\"n\": 3, \"ok\": true}") == "3 true")
    }

    @Test func durations() {
        #expect(ToolSummary.duration(0.25) == "250ms")
        #expect(ToolSummary.duration(2.04) == "2.0s")
        #expect(ToolSummary.duration(125) == "2m05s")
        #expect(ToolSummary.duration(-1) == "")
        #expect(ToolSummary.duration(.nan) == "")
    }

    @Test func errorsAndNotices() throws {
        let h = try ProjectorHarness()
        try h.projector.append(ChatMessage(role: .assistant, blocks: [.error("HTTP 500\nserver said no"), .notice("interrupted")]))
        #expect(h.buffer.lines == ["✗ HTTP 500", "  server said no", "", "  interrupted"])
        #expect(h.marks(row: 0) == ["0:0-0:\("✗ HTTP 500".utf8.count) hl=ChatError"])
        #expect(h.marks(row: 3) == ["3:0-3:13 hl=ChatNotice"])
    }

    /// The user's own !command reads as a shell line, not as a tool named "shell".
    @Test func aShellCommandReadsAsAShellLine() throws {
        let h = try ProjectorHarness()
        let call = ToolCall(id: "s", name: Conversation.shellToolName, arguments: #"{"command":"ls -l"}"#, status: .ok,
                            output: "a\nb")
        try h.projector.append(ChatMessage(role: .user, blocks: [.toolCall(call)]))
        #expect(h.buffer.lines == ["✓ $ ls -l", "  a", "  b"])
    }

    /// A long user message (a 5,000-line paste) is shown collapsed, as in
    /// the composer, and Ctrl-O shows it whole.
    @Test func aLongUserMessageIsCollapsedUntilExpanded() throws {
        let h = try ProjectorHarness()
        let paste = (1...5_000).map { "paste line \($0)" }.joined(separator: "\n")
        try h.projector.append(.user("look at this:\n" + paste))
        try h.projector.append(.assistant("ok"))
        #expect(h.buffer.lines.count == 12 + 2)
        #expect(h.buffer.lines[0] == "› look at this:")
        #expect(h.buffer.lines[10] == "  paste line 10")
        #expect(h.buffer.lines[11] == "  … 4990 more lines (Ctrl-O to expand)")
        #expect(h.marks(row: 11).contains("11:0 line=ChatUserBg"))
        try h.projector.setToolsExpanded(true)
        #expect(h.buffer.lines.count == 5_001 + 2)
        #expect(h.buffer.lines[5_000] == "  paste line 5000")
        try h.projector.setToolsExpanded(false)
        #expect(h.buffer.lines.count == 14)
        #expect(h.buffer.lines.last == "● ok")
    }
}
