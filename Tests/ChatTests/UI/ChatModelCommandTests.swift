import Foundation
import Kernel
import Testing
@testable import Chat

private struct NoList: Error, CustomStringConvertible {
    var description: String { "HTTP 404" }
}

/// A provider whose server cannot list its models (an OpenAI-compatible
/// server without `/v1/models`).
private struct UnlistedProvider: ModelSwitching {
    let name = "compat"
    var model = "local-1"
    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        MockProvider().stream(request: request, emit: emit)
    }
    func availableModels(timeout: Double) async -> Result<[String], Error> {
        .failure(NoList())
    }
    func switching(to model: String) -> Provider { UnlistedProvider(model: model) }
}

/// `/model NAME` checks the name against the server's list. The list is
/// fetched in a task (the tests call what runs when it is back: a task may
/// wait for a free thread while tests run in parallel).
@Suite struct ChatModelCommandTests {
    @Test func theCommandAsksTheServerFirst() throws {
        let s = try ChatScreen(width: 100, height: 24)
        try s.editor.commands.run(line: "model mock-2")
        #expect(s.ui.statusNotice?.contains("checking mock-2") == true)
        #expect(s.controller.provider.model == "mock-1")   // not switched before the answer
    }

    @Test func anUnknownNameIsRefusedWithTheKnownOnes() throws {
        let s = try ChatScreen(width: 100, height: 24)
        let p = try #require(s.controller.provider as? ModelSwitching)
        s.ui.finishSwitch(p, to: "mock-2", models: .success(["mock-1", "mock-fast"]))
        #expect(s.controller.provider.model == "mock-1")
        let warning = try #require(s.editor.messages.last { $0.level == .warn })
        #expect(warning.text.contains("no model mock-2") && warning.text.contains("known: mock-1, mock-fast"),
                "\(warning.text)")
        #expect(s.ui.windows.statusBuffer.line(0)?.contains("no model mock-2") == true)
    }

    @Test func aListedNameSwitches() throws {
        let s = try ChatScreen(width: 100, height: 24)
        let p = try #require(s.controller.provider as? ModelSwitching)
        s.ui.finishSwitch(p, to: "mock-fast", models: .success(["mock-1", "mock-fast"]))
        #expect(s.controller.provider.model == "mock-fast")
        #expect(!s.editor.messages.contains { $0.level == .warn })
        #expect(s.ui.statusNotice?.contains("now mock:mock-fast") == true)
    }

    @Test func aServerWithoutAListStillSwitchesWithAWarning() throws {
        let s = try ChatScreen(width: 100, height: 24, provider: UnlistedProvider())
        let p = try #require(s.controller.provider as? ModelSwitching)
        s.ui.finishSwitch(p, to: "my-local-model", models: .failure(NoList()))
        #expect(s.controller.provider.model == "my-local-model")
        let warning = try #require(s.editor.messages.last { $0.level == .warn })
        #expect(warning.text.contains("could not list") && warning.text.contains("unchecked"), "\(warning.text)")
    }

    @Test func longListsAreCut() {
        let names = (1...20).map { "m\($0)" }
        #expect(ChatUI.modelList(names).hasSuffix("m12, … (8 more: /model lists them)"))
        #expect(ChatUI.modelList(["a", "b"]) == "a, b")
    }
}
