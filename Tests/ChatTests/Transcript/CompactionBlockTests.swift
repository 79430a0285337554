@testable import Chat
import Kernel
import Render
import Testing

/// A compaction summary in the transcript: one collapsed line (no "›"
/// user mark); Ctrl-O (`setToolsExpanded`) shows the summary two cells in.
@Suite struct CompactionBlockTests {
    let summary = ChatMessage(role: .user, blocks: [.compaction(Compaction(summary: "Goals: **ship it**.\nDone: tests.",
                                                                           messages: 12, turns: 4, auto: true))])

    @Test func collapsedIsOneLineAndCtrlOShowsTheSummary() throws {
        let h = try ProjectorHarness(width: 80)
        try h.projector.append(summary)
        try h.projector.append(.user("next"))
        let line = "▸ conversation compacted automatically · 12 messages summarized · Ctrl-O to expand"
        #expect(h.buffer.lines == [line, "", "› next"])
        #expect(h.marks(row: 0) == ["0:0-0:\(line.utf8.count) hl=ChatNotice"])
        try h.projector.setToolsExpanded(true)
        #expect(h.buffer.lines == ["▾ conversation compacted automatically · 12 messages summarized",
                                   "  Goals: ship it.", "  Done: tests.", "", "› next"])
        #expect(h.projector.lineRange(message: 1, block: 0) == 3..<5)
        try h.projector.setToolsExpanded(false)
        #expect(h.buffer.lines == [line, "", "› next"])
    }

    @Test func aManualOneAndAnOldRecordWithoutACount() {
        #expect(ChatBlockRenderer.compactionTitle(messages: 1, auto: false) == "conversation compacted · 1 message summarized")
        #expect(ChatBlockRenderer.compactionTitle(messages: 0, auto: false) == "conversation compacted")
    }

    @Test func theModelGetsTheHeaderAndTheSummaryAndTheFileKeepsTheBlock() {
        let text = Conversation.userContent(summary)
        #expect(text == ChatController.compactionHeader + "\n\nGoals: **ship it**.\nDone: tests.")
        #expect(!Conversation.isPrompt(summary))
        let record = Conversation.userRecord(summary)
        #expect(record.meta["compaction"] == .bool(true) && record.meta["summarized"] == .int(12)
                && record.meta["turns"] == .int(4) && record.meta["auto"] == .bool(true))
        #expect(Conversation.turns(summary) == 4)
        #expect(Conversation.userMessage(record) == summary)
        // A record written before the block existed: no count, not automatic.
        let old = SessionRecord(kind: .message, role: .user, text: text, meta: ["compaction": .bool(true)])
        #expect(Conversation.userMessage(old).blocks == [.compaction(Compaction(summary: "Goals: **ship it**.\nDone: tests."))])
    }

    @Test func loadingKeepsTheMessagesTheSummaryWasWrittenAfter() {
        var records = [SessionRecord(kind: .meta)]
        for (i, text) in ["old question", "old answer", "current question", "current answer"].enumerated() {
            records.append(SessionRecord(kind: .message, role: i % 2 == 0 ? .user : .assistant, text: text))
        }
        var record = Conversation.userRecord(summary)
        record.meta["kept"] = .int(1)
        records.insert(record, at: 4)  // after "current question", before its answer
        let loaded = Conversation.messages(from: records)
        #expect(loaded.map { Conversation.userContent($0).isEmpty ? Conversation.assistantParts($0).0 : Conversation.userContent($0) }
                == [Conversation.userContent(summary), "current question", "current answer"])
    }
}
