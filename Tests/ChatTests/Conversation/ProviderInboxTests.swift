import Foundation
import Kernel
import Testing
@testable import Chat

/// A provider that sends `count` one-word deltas and a finish from its
/// own thread as fast as it can, before the loop gets to run.
final class BurstProvider: Provider, @unchecked Sendable {
    let name = "burst"
    let model = "burst-1"
    let count: Int

    init(count: Int) { self.count = count }

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        let stream = ProviderStream(emit: emit)
        for i in 0..<count { stream.send(.textDelta("w\(i) ")) }
        stream.send(.finish(reason: "stop"))
        stream.markFinished()
        return stream
    }
}

/// Provider events reach the loop in batches: a burst costs one delivery
/// pass with its deltas merged, in order, and nothing is lost.
@Suite struct ProviderInboxTests {
    @Test func aBurstIsDeliveredInOnePassWithDeltasMerged() throws {
        let editor = Editor(size: Size(width: 80, height: 24))
        let loop = try MainLoop()
        let dir = NSTemporaryDirectory() + "weft-inbox-\(UUID().uuidString)"
        let controller = ChatController(editor: editor, loop: loop, provider: BurstProvider(count: 5_000),
                                        tools: ToolRegistry(), store: SessionStore(root: dir), cwd: dir)
        var deltas = 0
        _ = try editor.events.create(events: ["model_delta"], options: AutocmdOptions()) { _ in
            deltas += 1
            return false
        }
        controller.submit("go")
        loop.runOnce(timeoutMs: 0)
        #expect(deltas == 1)
        #expect(!controller.isBusy)
        let want = (0..<5_000).map { "w\($0) " }.joined()
        #expect(controller.messages.last?.blocks == [.assistantText(want)])
    }

    @Test func mergingKeepsOrderAndOtherEvents() {
        let events: [ProviderEvent] = [.thinkingDelta("a"), .thinkingDelta("b"), .textDelta("c"), .textDelta("d"),
                                       .toolCall(id: "1", name: "t", arguments: "{}"), .textDelta("e"),
                                       .usage(input: 1, output: 2), .finish(reason: "stop")]
        var merged: [ProviderEvent] = []
        for e in events { ProviderEvent.append(e, to: &merged) }
        #expect(merged == [.thinkingDelta("ab"), .textDelta("cd"),
                                                    .toolCall(id: "1", name: "t", arguments: "{}"), .textDelta("e"),
                                                    .usage(input: 1, output: 2), .finish(reason: "stop")])
    }
}
