import Foundation
import Kernel
import Testing
@testable import Chat

/// A provider that calls tool `echo` on every request, forever.
final class LoopingToolProvider: Provider, @unchecked Sendable {
    let name = "looping"
    let model = "loop-1"
    private let lock = NSLock()
    private var count = 0

    var requests: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        lock.lock()
        count += 1
        let n = count
        lock.unlock()
        let stream = ProviderStream(emit: emit)
        stream.send(.toolCall(id: "call-\(n)", name: "echo", arguments: "{}"))
        stream.send(.finish(reason: "tool_calls"))
        stream.markFinished()
        return stream
    }
}

/// `ChatController.maxTurns` (print mode's `--max-turns`) stops a model
/// that keeps calling tools.
@Suite struct TurnLimitTests {
    let editor = Editor(size: Size(width: 80, height: 24))
    let provider = LoopingToolProvider()
    let loop: MainLoop
    let controller: ChatController

    init() throws {
        let dir = NSTemporaryDirectory() + "weft-turn-limit-\(UUID().uuidString)"
        loop = try MainLoop()
        let tools = ToolRegistry()
        tools.register(FunctionTool(name: "echo", description: "echo") { _, _ in ToolResult(output: "echoed") })
        controller = ChatController(editor: editor, loop: loop, provider: provider, tools: tools,
                                    store: SessionStore(root: dir), cwd: dir)
    }

    /// Runs the loop until `prompt_done`; returns its data.
    private func run(_ prompt: String) throws -> [String: Value] {
        var done: [String: Value]?
        _ = try editor.events.create(events: [.promptDone]) { ev in
            done = ev.data.table
            return false
        }
        controller.submit(prompt)
        var turns = 0
        while done == nil && turns < 2000 {
            _ = loop.runOnce(timeoutMs: 50)
            turns += 1
        }
        return try #require(done)
    }

    @Test func theLimitStopsTheToolLoop() throws {
        controller.maxTurns = 3
        let done = try run("go")
        #expect(done["reason"] == .string("max_turns"))
        #expect(provider.requests == 3)
        #expect(controller.turnsThisPrompt == 3)
        #expect(controller.state == .idle)
        // Every tool call has an answer (the history stays valid); the
        // last round's call was not run.
        let calls = controller.messages.flatMap(\.blocks).compactMap { b -> ToolCall? in
            if case .toolCall(let c) = b { return c }
            return nil
        }
        #expect(calls.count == 3)
        #expect(calls.prefix(2).allSatisfy { $0.output == "echoed" })
        #expect(calls.last?.status == .denied)
        #expect(calls.last?.output.contains("--max-turns") == true)
    }

    @Test func aNewPromptStartsCountingAgain() throws {
        controller.maxTurns = 2
        _ = try run("first")
        #expect(provider.requests == 2)
        _ = try run("second")
        #expect(provider.requests == 4)
    }
}
