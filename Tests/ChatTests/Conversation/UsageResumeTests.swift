import Foundation
import Kernel
import Testing
@testable import Chat

/// Token counts (the status line's ↑ ↓ and context share) are saved with
/// each reply and come back with `/resume` and `--continue`.
@Suite struct UsageResumeTests {
    let editor = Editor(size: Size(width: 80, height: 24))
    let loop: MainLoop
    let dir = NSTemporaryDirectory() + "weft-usage-\(UUID().uuidString)"

    init() throws { loop = try MainLoop() }

    func controller(_ provider: Provider) -> ChatController {
        ChatController(editor: editor, loop: loop, provider: provider, tools: ToolRegistry(),
                       store: SessionStore(root: dir), cwd: dir)
    }

    @Test func countsSurviveLoadingTheSession() throws {
        let c = controller(ScriptedProvider([
            [.textDelta("one"), .cacheUsage(read: 7, write: 2), .usage(input: 100, output: 20), .finish(reason: "stop")],
            [.textDelta("two"), .usage(input: 150, output: 30), .finish(reason: "stop")],
        ]))
        c.submit("first")
        _ = loop.runUntilIdle()
        c.submit("second")
        _ = loop.runUntilIdle()
        #expect(c.usage == (input: 250, output: 50))
        let id = try #require(c.sessionID)

        let again = controller(ScriptedProvider([]))
        var changes = 0
        again.onChange = { changes += 1 }
        try again.load(sessionID: id)
        #expect(again.usage == (input: 250, output: 50))
        #expect(again.cacheUsage == (read: 7, write: 2))
        #expect(again.contextTokens == 180)
        #expect(changes > 0)   // the status line is told
        // A new reply adds to the restored counts.
        again.provider = ScriptedProvider([[.textDelta("three"), .usage(input: 10, output: 1), .finish(reason: "stop")]])
        again.submit("third")
        _ = loop.runUntilIdle()
        #expect(again.usage == (input: 260, output: 51))
    }

    @Test func anOldSessionWithoutCountsLoadsWithZero() throws {
        let store = SessionStore(root: dir)
        let w = try store.create()
        try w.append(SessionRecord(kind: .meta, meta: ["cwd": .string(dir)]))
        try w.append(.message(.user, "hi"))
        try w.append(.message(.assistant, "hello"))
        w.close()
        let c = controller(ScriptedProvider([]))
        try c.load(sessionID: w.id)
        #expect(c.usage == (input: 0, output: 0) && c.contextTokens == 0)
        #expect(c.messages.count == 2)
    }
}
