import Foundation
import Kernel
import Render
import Testing
@testable import Chat

/// The stock chat UI over a real project directory with the built-in
/// tools and the instant mock model, for tests of the agent's flows:
/// approvals with diffs, permission modes, /undo, /rewind, `!command`.
final class AgentFixture {
    let files = FileFixture()
    let editor: Editor
    let loop: MainLoop
    let highlights = HighlightTable()
    let compositor: Compositor
    let controller: ChatController
    let ui: ChatUI
    var events: [(String, Value)] = []

    init(mode: PermissionMode = .ask, width: Int = 80, height: Int = 30) throws {
        editor = Editor(size: Size(width: width, height: height))
        loop = try MainLoop()
        compositor = Compositor(highlights: highlights)
        let sessions = files.dir + "/.state/weft/sessions"
        let agent = AgentState(cwd: files.dir, mode: mode, sessionsRoot: sessions, environment: [:],
                               includeUserInstructions: false)
        controller = ChatController(editor: editor, loop: loop, provider: MockProvider(tokensPerSecond: 0, firstTokenLatency: 0),
                                    tools: ToolRegistry.withBuiltins(), store: SessionStore(root: sessions), cwd: files.dir,
                                    agent: agent)
        ui = try ChatUI(editor: editor, loop: loop, highlights: highlights, controller: controller, historyPath: nil)
        for name in ["permission_mode", "undo", "rewind", "tool_approval", "tool_end"] {
            _ = try editor.events.create(events: [EventName(name)]) { [unowned self] ev in
                self.events.append((name, ev.data))
                return false
            }
        }
    }

    deinit { files.cleanup() }

    /// Sends a prompt and runs the loop until the chat is idle or waits
    /// for approval.
    func send(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        controller.submit(text)
        settle(sourceLocation: sourceLocation)
    }

    /// Runs the loop until nothing is running (or an approval is asked).
    func settle(sourceLocation: SourceLocation = #_sourceLocation) {
        let done = loop.run(until: { [unowned self] in
            !self.controller.isBusy || self.controller.state == .awaitingApproval
        }, timeoutMs: 10_000)
        #expect(done, "the chat did not settle", sourceLocation: sourceLocation)
    }

    /// Presses keys (Neovim notation) and settles.
    func press(_ keys: String) {
        try? editor.feedKeys(keys)
        settle()
    }

    /// The screen as text rows.
    func screen() -> [String] {
        editor.emit(.render)
        let grid = compositor.compose(editor).grid
        return (0..<grid.height).map { grid.rowText($0) }
    }

    /// The tool calls of the conversation, in order.
    var calls: [ToolCall] {
        controller.messages.flatMap(\.blocks).compactMap { if case .toolCall(let c) = $0 { return c } else { return nil } }
    }
}
