import Foundation
import Kernel
import Testing
@testable import Chat

/// Issue 18, defect 11: an old error does not stay on screen after the
/// user goes on and something succeeds.
@Suite struct ChatStaleErrorTests {
    private func status(_ s: ChatScreen) -> String { s.ui.windows.statusBuffer.line(0) ?? "" }

    @Test func aFailedReplyIsNoLongerTheStatusOnceTheUserGoesOn() throws {
        let s = try ChatScreen(width: 100)
        s.ui.submit("error")
        #expect(s.loop.run(until: { if case .failed = s.controller.state { return true }; return false }, timeoutMs: 5000))
        #expect(status(s).contains("✗ error"), "\(status(s))")
        s.ui.submit("/help")   // a command that works
        #expect(!status(s).contains("✗"), "\(status(s))")
        #expect(status(s).contains("idle"))
    }

    @Test func anErrorNoticeIsClearedByTheNextPromptAndShownAgainIfItRecurs() throws {
        let s = try ChatScreen(width: 100)
        s.editor.notify("init.lua:3: boom", level: .error)
        #expect(status(s).contains("✗ init.lua:3: boom"))
        s.ui.submit("hello")
        #expect(!status(s).contains("boom"), "\(status(s))")
        #expect(s.loop.run(until: { !s.controller.isBusy }, timeoutMs: 5000))
        #expect(!status(s).contains("✗"), "\(status(s))")
        let before = s.ui.projector.lineCount
        s.editor.notify("init.lua:3: boom", level: .error)   // the same error again is shown again
        #expect(s.ui.projector.lineCount > before)
    }
}
