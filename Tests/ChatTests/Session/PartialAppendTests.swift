import Foundation
import Kernel
import Testing
@testable import Chat

/// A provider whose events the test sends one at a time.
final class HandProvider: Provider, @unchecked Sendable {
    // Safe: used only on the test's thread.
    let name = "hand"
    let model = "hand-1"
    var handle: ProviderStream?

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        let h = ProviderStream(emit: emit)
        handle = h
        return h
    }
}

/// Partial snapshots of a streaming reply cost O(new text): after the first
/// whole `partial`, each snapshot is a `partial_append` of what the reply
/// gained, and a file cut anywhere (kill -9) still loads the reply so far.
@Suite struct PartialAppendTests {
    final class Rig {
        let clock = ManualClock()
        let provider = HandProvider()
        let loop: MainLoop
        let controller: ChatController
        let store: SessionStore

        init() throws {
            loop = try MainLoop(clock: clock)
            store = SessionStore(root: NSTemporaryDirectory() + "weft-partial-\(UUID().uuidString)")
            controller = ChatController(editor: Editor(size: Size(width: 80, height: 24)), loop: loop,
                                        provider: provider, tools: ToolRegistry(), store: store, cwd: "/tmp")
        }

        /// Sends `event` after `ms` milliseconds and lets the loop take it.
        func send(_ event: ProviderEvent, after ms: Int = 600) {
            clock.advance(ms: ms)
            _ = provider.handle?.send(event)
            loop.runOnce(timeoutMs: 0)
        }

        var path: String { (try? store.path(for: controller.sessionID ?? "")) ?? "" }
        var kinds: [String] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? SessionRecord(jsonLine: String($0)).kind.rawValue }
        }
        func loaded() throws -> [SessionRecord] {
            try store.load(controller.sessionID ?? "").records.filter { $0.kind != .meta }
        }
    }

    @Test func aGrowingReplyIsAppendedNotRewritten() throws {
        let rig = try Rig()
        rig.controller.submit("go")
        rig.send(.textDelta("Héllo"))
        rig.send(.textDelta(" wörld"))
        rig.send(.textDelta(", again 🙂"))
        rig.send(.textDelta("!"), after: 10)  // not due: not saved yet
        #expect(rig.kinds.filter { $0 != "meta" } == ["message", "partial", "partial_append", "partial_append"])
        // Killed here: the reply so far comes back, interrupted.
        let cut = try rig.loaded()
        #expect(cut.map(\.text) == ["go", "Héllo wörld, again 🙂"])
        #expect(cut.last?.interrupted == true)
        rig.send(.finish(reason: "stop"))
        #expect(rig.kinds.filter { $0 != "meta" } == ["message", "message"])
        #expect(try rig.loaded().map(\.text) == ["go", "Héllo wörld, again 🙂!"])
    }

    @Test func thinkingThenTextAppendBoth() throws {
        let rig = try Rig()
        rig.controller.submit("go")
        rig.send(.thinkingDelta("Let me "))
        rig.send(.textDelta("A"))
        rig.send(.thinkingDelta("think."), after: 10)
        rig.send(.textDelta("nswer"))
        #expect(rig.kinds.filter { $0 != "meta" } == ["message", "partial", "partial_append"])
        let r = try rig.loaded().last
        #expect(r?.text == "Answer")
        #expect(r?.thinking == "Let me think.")
        #expect(r?.interrupted == true)
    }

    @Test func anErrorOrANewReplyWritesAWholeSnapshot() throws {
        let rig = try Rig()
        rig.controller.submit("one")
        rig.send(.textDelta("first"))
        rig.send(.finish(reason: "stop"))
        rig.controller.submit("two")
        rig.send(.textDelta("second"))
        rig.send(.textDelta(" reply"))
        #expect(rig.kinds.filter { $0 != "meta" } == ["message", "message", "message", "partial", "partial_append"])
        #expect(try rig.loaded().map(\.text) == ["one", "first", "two", "second reply"])
    }

    @Test func anAppendWithoutItsPartialIsSkippedWithAWarning() throws {
        let line = SessionRecord(kind: .partialAppend, role: .assistant, text: "lost").jsonLine + "\n"
            + SessionRecord.message(.user, "next").jsonLine + "\n"
        let loaded = SessionStore.parse(id: "x", data: Data(line.utf8))
        #expect(loaded.records.map(\.text) == ["next"])
        #expect(loaded.warnings.count == 1 && loaded.warnings[0].contains("partial_append"))
    }

    /// The file cut after any byte still loads: whole lines up to the cut,
    /// the reply's text a prefix of the full one.
    @Test func everyCutOfTheFileLoads() throws {
        let rig = try Rig()
        rig.controller.submit("go")
        for w in ["alpha ", "beta ", "gamma ", "delta"] { rig.send(.textDelta(w)) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: rig.path))
        for n in 0...bytes.count {
            let loaded = SessionStore.parse(id: "x", data: bytes.prefix(n))
            if let reply = loaded.records.last(where: { $0.role == .assistant }) {
                #expect("alpha beta gamma delta".hasPrefix(reply.text), "cut at \(n): \(reply.text)")
            }
        }
    }
}
