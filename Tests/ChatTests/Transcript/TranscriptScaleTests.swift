@testable import Chat
import Kernel
import Testing

/// A long transcript: appends and streaming never touch earlier lines.
@Suite struct TranscriptScaleTests {
    @Test func tenThousandMessagesAppendAtTheEndOnly() throws {
        let h = try ProjectorHarness(width: 100)
        let replies = [
            "Plain answer with `code`.",
            "- a list\n- of items",
            "```swift\nlet x = 1\n```",
            "| a | b |\n|---|---|\n| 1 | 2 |",
        ]
        for i in 0..<10_000 {
            let before = h.projector.lineCount
            h.changes = []
            if i % 2 == 0 {
                try h.projector.append(.user("question \(i)"))
            } else {
                try h.projector.append(.assistant(replies[i / 2 % replies.count]))
            }
            #expect(h.changes.count == 1)
            if let c = h.changes.first, before > 0 {
                #expect(c.first == before && c.lastOld == before, "message \(i) touched \(c)")
            }
        }
        #expect(h.buffer.lineCount == h.projector.lineCount)
        // Streaming at the end of the long transcript stays at the end.
        try h.projector.append(ChatMessage(role: .assistant, blocks: [.assistantText("")]))
        let start = h.projector.lineCount - 1
        h.changes = []
        var text = ""
        for ch in "Streaming a reply\n\nwith two paragraphs." {
            text.append(ch)
            try h.projector.updateLastBlock(.assistantText(text))
        }
        #expect(h.changes.allSatisfy { $0.first >= start })
        #expect(h.buffer.lines.suffix(3) == ["● Streaming a reply", "", "  with two paragraphs."])
    }
}
