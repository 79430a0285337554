import Foundation
import Kernel
import Testing
@testable import Chat

/// A provider that replays a fixed list of events for every request, and
/// records the requests.
final class ScriptedProvider: Provider, @unchecked Sendable {
    let name = "scripted"
    let model = "script-1"
    private let lock = NSLock()
    private var recorded: [ProviderRequest] = []
    private var replies: [[ProviderEvent]]

    init(_ replies: [[ProviderEvent]]) { self.replies = replies }

    var requests: [ProviderRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        lock.lock()
        recorded.append(request)
        let events = replies.isEmpty ? [.textDelta("done"), .finish(reason: "stop")] : replies.removeFirst()
        lock.unlock()
        let stream = ProviderStream(emit: emit)
        for e in events { stream.send(e) }
        stream.markFinished()
        return stream
    }
}

/// Signed thinking and cache usage from a provider are kept with the reply,
/// saved, and sent back; they never show.
@Suite struct SignedThinkingTests {
    let editor = Editor(size: Size(width: 80, height: 24))
    let loop: MainLoop
    let dir = NSTemporaryDirectory() + "weft-signed-\(UUID().uuidString)"
    let signed = SignedThinking(text: "Let me look.", signature: "sig-1")
    let redacted = SignedThinking(redactedData: "opaque")

    init() throws { loop = try MainLoop() }

    func controller(_ provider: Provider) -> ChatController {
        let tools = ToolRegistry()
        tools.register(FunctionTool(name: "echo", description: "echo", parametersSchema: ToolArguments.emptySchema,
                                    needsApproval: false) { _, _ in ToolResult(output: "echoed") })
        return ChatController(editor: editor, loop: loop, provider: provider, tools: tools,
                              store: SessionStore(root: dir), cwd: dir)
    }

    @Test func theToolLoopSendsTheThinkingOfTheCallingTurnBack() throws {
        let provider = ScriptedProvider([
            [.thinkingDelta("Let me look."), .signedThinking(signed), .signedThinking(redacted),
             .toolCall(id: "t1", name: "echo", arguments: "{}"), .cacheUsage(read: 30, write: 5),
             .usage(input: 10, output: 3), .finish(reason: "tool_calls")],
        ])
        let c = controller(provider)
        c.submit("go")
        let deadline = Date(timeIntervalSinceNow: 10)  // the tool runs on a worker thread
        while (provider.requests.count < 2 || c.isBusy) && Date() < deadline { _ = loop.runOnce(timeoutMs: 20) }
        #expect(provider.requests.count == 2)
        let assistant = provider.requests.last?.messages.first { $0.role == .assistant }
        #expect(assistant?.thinking == [signed, redacted])
        let result = provider.requests.last?.messages.last
        #expect(result?.role == .tool && result?.isError == false)
        #expect(c.cacheUsage == (read: 30, write: 5))
        // the redacted block is named in the transcript; the signature never shows
        let shown = c.messages.flatMap(\.blocks).compactMap { b -> String? in
            if case .thinking(let t, _) = b { return t }
            return nil
        }.joined()
        #expect(shown == "Let me look.(redacted thinking)")
    }

    @Test func aResumedSessionKeepsTheSignatures() throws {
        let provider = ScriptedProvider([[.signedThinking(signed), .textDelta("Answer."), .finish(reason: "stop")]])
        let c = controller(provider)
        c.submit("q")
        _ = loop.runUntilIdle()
        let id = try #require(c.sessionID)
        let again = controller(ScriptedProvider([]))
        try again.load(sessionID: id)
        let sent = Conversation.providerMessages(again.messages)
        #expect(sent.last?.thinking == [signed])
        #expect(sent.last?.content == "Answer.")
    }

    @Test func deniedAndFailedToolsAreErrorResults() {
        let m = ChatMessage(role: .assistant, blocks: [
            .toolCall(ToolCall(id: "a", name: "x", status: .denied, output: "denied")),
            .toolCall(ToolCall(id: "b", name: "x", status: .ok, output: "fine")),
        ])
        let sent = Conversation.providerMessages([.user("hi"), m])
        #expect(sent.filter { $0.role == .tool }.map(\.isError) == [true, false])
    }
}
