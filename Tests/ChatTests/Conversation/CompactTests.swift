import Foundation
import Kernel
import Testing
@testable import Chat

/// `/compact` and automatic compaction with the offline mock: the summary
/// replaces the messages, the session file keeps everything plus the
/// summary, loading resumes from it.
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
        #expect(controller.messages[0].blocks.first?.isCompaction == true)
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

    // MARK: - Automatic

    /// "role: text" of each message (what the model gets of it).
    private func texts(_ messages: [ChatMessage]) -> [String] {
        messages.map { m in
            let (text, calls) = Conversation.assistantParts(m)
            let body = m.role == .user ? Conversation.userContent(m) : text + calls.map { " [\($0.name)]" }.joined()
            return "\(m.role.rawValue): \(body)"
        }
    }

    /// One finished turn, then a window so small that the next request is
    /// over its threshold.
    private func oneTurnThenATinyWindow() {
        controller.submit("count to 30")
        settle()
        controller.contextWindow = controller.contextTokens
    }

    @Test func aRequestOverTheThresholdIsCompactedFirstAndTheTurnKept() throws {
        oneTurnThenATinyWindow()
        var seen: [String: Value] = [:]
        _ = try editor.events.create(events: [.compact]) { ev in
            seen = ev.data.table ?? [:]
            return false
        }
        controller.submit("count to 2")
        settle()
        #expect(seen["auto"] == .bool(true) && seen["messages"] == .int(2) && seen["window"] == .int(controller.contextWindow))
        #expect((seen["tokens"]?.int ?? 0) > controller.contextWindow * 85 / 100)
        // The summary, then the prompt it was made for and its answer.
        #expect(controller.messages.count == 3)
        #expect(controller.messages[0].blocks == [.compaction(Compaction(
            summary: "The conversation had 3 messages. The user asked:\n- count to 30", messages: 2, turns: 1, auto: true))])
        #expect(Conversation.userContent(controller.messages[1]) == "count to 2")
        #expect(Conversation.assistantParts(controller.messages[2]).0 == "1\n2")
        let loaded = try controller.store.load(try #require(controller.sessionID))
        #expect(texts(Conversation.messages(from: loaded.records)) == texts(controller.messages))
        #expect(loaded.records.filter { $0.kind == .message }.count == 5)  // 2 + prompt + summary + answer
    }

    @Test func aToolRoundIsCompactedBeforeItsFollowUpRequest() throws {
        controller.submit("count to 30")
        settle()
        _ = try editor.events.create(events: [.toolStart]) { [controller] _ in
            controller.contextWindow = 10
            return false
        }
        controller.submit("read the readme")
        settle()
        // The summary of the first turn; the prompt and its tool round kept.
        #expect(controller.messages.count == 4)
        #expect(controller.messages[0].blocks.first?.isCompaction == true)
        #expect(Conversation.userContent(controller.messages[1]) == "read the readme")
        #expect(controller.messages[2].blocks.contains { $0.isToolCall })
        #expect(controller.state == .idle)
        let loaded = try controller.store.load(try #require(controller.sessionID))
        #expect(texts(Conversation.messages(from: loaded.records)) == texts(controller.messages))
    }

    @Test func aCancelledOrDisabledCompactionLeavesTheRequestAlone() throws {
        oneTurnThenATinyWindow()
        _ = try editor.events.create(events: [.compact]) { ev in ev.data["auto"] == .bool(true) }
        controller.submit("count to 2")
        settle()
        #expect(controller.messages.count == 4)
        #expect(!controller.messages.contains { $0.blocks.contains { $0.isCompaction } })
        controller.autoCompactThreshold = 0
        #expect(controller.autoCompactionEnd(tokens: Int.max / 2) == nil)
    }

    @Test func whatIsSummarised() {
        controller.contextWindow = 100
        controller.reset(to: [.user("a"), .assistant("b"), .user("c")])
        #expect(controller.autoCompactionEnd(tokens: 85) == nil)  // not over 85%
        #expect(controller.autoCompactionEnd(tokens: 86) == 2)    // all before the prompt
        let toolRound = ChatMessage(role: .assistant, blocks: [.toolCall(ToolCall(id: "1", name: "x", status: .ok))])
        controller.reset(to: [.user("a"), toolRound])
        #expect(controller.autoCompactionEnd(tokens: 90) == 2)    // one long turn: all of it
        controller.reset(to: [.user("a very long first prompt")])
        #expect(controller.autoCompactionEnd(tokens: 90) == nil)  // nothing to summarise
    }

    @Test func theEstimateIsTheLastUsagePlusTheNewText() {
        let request = [ProviderMessage(role: .user, content: String(repeating: "x", count: 400))]
        #expect(controller.estimatedTokens(request) == 100)  // no usage yet: characters / 4
        controller.submit("count to 3")
        settle()
        let used = controller.contextTokens
        #expect(used > 0)
        var next = Conversation.providerMessages(controller.messages, system: controller.effectiveSystemPrompt)
        next.append(ProviderMessage(role: .user, content: String(repeating: "y", count: 40)))
        #expect(controller.estimatedTokens(next) == used + 10)
    }

    @Test func theSummaryRequestCarriesTheToolsOfTheHistory() throws {
        let provider = RecordingProvider()
        let c = ChatController(editor: editor, loop: loop, provider: provider, tools: ToolRegistry.withBuiltins(),
                               store: SessionStore(root: dir), cwd: dir)
        c.submit("hi")
        _ = loop.runUntilIdle()
        #expect(c.compact())
        for _ in 0..<200 where c.isBusy { _ = loop.runOnce(timeoutMs: 10) }
        let request = try #require(provider.requests.last)
        #expect(request.messages.last?.content.hasPrefix("Summarise the conversation so far") == true)
        #expect(!request.tools.isEmpty && request.tools.count == c.tools.schemas().count)
        #expect(c.messages.first?.blocks == [.compaction(Compaction(summary: "ok", messages: 2, turns: 1))])
    }

    @Test func turnsGoOnCountingAfterASummary() throws {
        controller.submit("count to 2")
        settle()
        controller.submit("count to 3")
        settle()
        #expect(controller.currentTurn == 2)
        #expect(controller.compact())
        settle()
        #expect(controller.currentTurn == 2)
        controller.submit("count to 4")
        settle()
        // Checkpoints of the new prompt go to turn 3, not to turn 1 again.
        #expect(controller.currentTurn == 3)
        #expect(controller.prompts.map(\.turn) == [3])
        #expect(throws: ChatValueError.self) { try controller.rewind(toTurn: 1, overwriteChanged: false) }
        #expect(ChatController.rewindable(controller.prompts) == "only prompt 3 can be rewound to; earlier ones were compacted")
        // A second summary counts the first one's turns.
        #expect(controller.compact())
        settle()
        let loaded = try controller.store.load(try #require(controller.sessionID))
        let resumed = Conversation.messages(from: loaded.records)
        #expect(resumed.reduce(0) { $0 + Conversation.turns($1) } == 3)
    }
}
