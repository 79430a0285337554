import Foundation
import Kernel
import Testing
@testable import Chat

/// `/compact` with the offline mock: the summary replaces the messages, the
/// session file keeps everything plus the summary, loading resumes from it.
@Suite struct CompactTests {
    let editor = Editor(size: Size(width: 80, height: 24))
    let loop: MainLoop
    let controller: ChatController
    let dir = NSTemporaryDirectory() + "weft-compact-\(UUID().uuidString)"

    init() throws {
        loop = try MainLoop()
        controller = ChatController(editor: editor, loop: loop, provider: MockProvider(model: "mock-1", tokensPerSecond: 0),
                                    tools: ToolRegistry(), store: SessionStore(root: dir), cwd: dir)
    }

    private func settle() {
        for _ in 0..<200 where controller.isBusy { _ = loop.runOnce(timeoutMs: 10) }
        _ = loop.runUntilIdle()
    }

    @Test func theSummaryReplacesTheConversationAndSurvivesALoad() throws {
        controller.submit("count to 3")
        settle()
        controller.submit("count to 2")
        settle()
        #expect(controller.messages.count == 4)
        #expect(controller.compact(instructions: "keep the numbers"))
        settle()
        #expect(controller.messages.count == 1)
        let text = Conversation.userContent(controller.messages[0])
        #expect(text.hasPrefix(ChatController.compactionHeader))
        #expect(text.contains("- count to 3") && text.contains("- count to 2"))
        // The next request carries the summary, not the old messages.
        controller.submit("count to 1")
        settle()
        let id = try #require(controller.sessionID)
        let loaded = try controller.store.load(id)
        #expect(loaded.records.filter { $0.kind == .message }.count == 7)  // 4 + summary + 2
        let resumed = Conversation.messages(from: loaded.records)
        #expect(resumed.count == 3)
        #expect(Conversation.userContent(resumed[0]).hasPrefix(ChatController.compactionHeader))
    }

    @Test func aHandlerCanCancelAndNothingIsCompactedWhenEmpty() throws {
        #expect(!controller.compact())
        controller.submit("count to 2")
        settle()
        var seen: [String: Value] = [:]
        _ = try editor.events.create(events: [.compact]) { ev in
            seen = ev.data.table ?? [:]
            return true
        }
        #expect(!controller.compact(instructions: "x"))
        #expect(seen["messages"] == .int(2) && seen["instructions"] == .string("x"))
        #expect(controller.messages.count == 2)
    }
}
