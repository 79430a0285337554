import Foundation
import Kernel
import Testing
@testable import Chat

/// A provider that records every request and answers "ok" at once.
final class RecordingProvider: Provider, @unchecked Sendable {
    let name = "recording"
    let model = "rec-1"
    private let lock = NSLock()
    private var recorded: [ProviderRequest] = []

    var requests: [ProviderRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        lock.lock()
        recorded.append(request)
        lock.unlock()
        let stream = ProviderStream(emit: emit)
        stream.send(.textDelta("ok"))
        stream.send(.finish(reason: "stop"))
        stream.markFinished()
        return stream
    }
}

/// `model_request` handlers see the messages about to be sent and may
/// replace them (`ChatController.setRequest`, `weft.chat.set_request`).
@Suite struct ModelRequestTests {
    let editor = Editor(size: Size(width: 80, height: 24))
    let provider = RecordingProvider()
    let loop: MainLoop
    let controller: ChatController

    init() throws {
        let dir = NSTemporaryDirectory() + "weft-model-request-\(UUID().uuidString)"
        loop = try MainLoop()
        controller = ChatController(editor: editor, loop: loop, provider: provider, tools: ToolRegistry(),
                                    store: SessionStore(root: dir), cwd: dir)
    }

    private func onRequest(_ body: @escaping (EventPayload) throws -> Void) throws {
        _ = try editor.events.create(events: ["model_request"], options: AutocmdOptions()) { ev in
            try body(ev)
            return false
        }
    }

    @Test func withoutHandlersTheConversationIsSent() {
        controller.submit("hello")
        #expect(provider.requests.last?.messages.last == ProviderMessage(role: .user, content: "hello"))
    }

    @Test func handlerSeesTheMessagesAndCanAddASystemMessage() throws {
        var seen: Value = .null
        try onRequest { ev in
            seen = ev.data
            var list = ev.data.table?["messages"]?.array ?? []
            list.insert(.table(["role": .string("system"), "content": .string("Be brief.")]), at: 0)
            try self.controller.setRequest(.array(list))
        }
        controller.submit("hello")
        // weft's system prompt, then the prompt.
        let system = ProviderMessage(role: .system, content: controller.effectiveSystemPrompt)
        #expect(seen.table?["count"] == .int(2))
        #expect(seen.table?["messages"]?.array == [system.value, ProviderMessage(role: .user, content: "hello").value])
        let sent = provider.requests.last?.messages ?? []
        #expect(sent == [ProviderMessage(role: .system, content: "Be brief."), system, ProviderMessage(role: .user, content: "hello")])
        // The transcript is not changed by the handler.
        #expect(controller.messages.first?.role == .user)
        #expect(controller.messages.count == 2)
    }

    @Test func handlerCanDropAndRewriteMessages() throws {
        try onRequest { ev in
            let list = ev.data.table?["messages"]?.array ?? []
            let last = list.last?.table ?? [:]
            var rewritten = last
            rewritten["content"] = .string("rewritten: " + (last["content"]?.string ?? ""))
            try self.controller.setRequest(.array([.table(rewritten)]))
        }
        controller.submit("first")
        _ = loop.run(until: { !controller.isBusy }, timeoutMs: 5000)
        controller.submit("second")
        #expect(provider.requests.last?.messages == [ProviderMessage(role: .user, content: "rewritten: second")])
    }

    @Test func toolMessagesRoundTrip() throws {
        let messages = [
            ProviderMessage(role: .assistant, content: "", toolCalls: [ToolCallRequest(id: "c1", name: "read_file", arguments: "{}")]),
            ProviderMessage(role: .tool, content: "data", toolCallID: "c1"),
        ]
        #expect(try ProviderMessage.list(from: .array(messages.map(\.value))) == messages)
    }

    @Test func invalidListsAreClearErrorsAndLeaveTheRequestAlone() throws {
        var errors: [String] = []
        let bad: [Value] = [
            .array([.table(["role": .string("robot"), "content": .string("x")])]),
            .array([.table(["role": .string("user"), "content": .int(3)])]),
            .array([.table(["role": .string("tool"), "content": .string("x")])]),
            .array([.table(["role": .string("user"), "content": .string("x"), "colour": .string("red")])]),
            .string("nope"),
        ]
        try onRequest { _ in
            for value in bad {
                do { try self.controller.setRequest(value) } catch { errors.append("\(error)") }
            }
        }
        controller.submit("hello")
        #expect(errors == [
            "model_request: messages[1].role: expected one of system, user, assistant, tool, got 'robot'",
            "model_request: messages[1].content: expected a string, got number",
            "model_request: messages[1].tool_call_id: a tool message needs one",
            "model_request: messages[1]: unknown field 'colour' (role, content, tool_calls, tool_call_id)",
            "model_request: messages: expected a list of messages, got string",
        ])
        #expect(provider.requests.last?.messages == [ProviderMessage(role: .system, content: controller.effectiveSystemPrompt),
                                                     ProviderMessage(role: .user, content: "hello")])
    }

    @Test func outsideAHandlerItIsAnError() {
        #expect(throws: ChatValueError.self) { try controller.setRequest(.array([])) }
    }
}
