import Kernel
import Testing
@testable import Chat

/// Work done per token, key and spinner tick stays small: the status line
/// is rewritten only when it changes, window widths come from a cache that
/// a resize or layout change invalidates.
@Suite struct ChatUIStatusTests {
    @Test func unchangedStatusIsNotRewritten() throws {
        let s = try ChatScreen(width: 60, height: 12)
        let status = s.ui.windows.statusBuffer
        let tick = status.tick
        for _ in 0..<5 { s.ui.refreshStatus() }
        #expect(status.tick == tick)
        s.ui.statusNotice = "hello"
        s.ui.refreshStatus()
        #expect(status.tick == tick + 1)
        #expect(status.line(0)?.contains("hello") == true)
    }

    @Test func statusFollowsAResize() throws {
        let s = try ChatScreen(width: 60, height: 12)
        let before = s.ui.windows.statusBuffer.line(0) ?? ""
        s.resize(width: 30, height: 12)
        let after = s.ui.windows.statusBuffer.line(0) ?? ""
        #expect(after != before)
        #expect(after.count <= 30)
    }

    @Test func widthCacheSeesLayoutAndBorderChanges() throws {
        let s = try ChatScreen(width: 60, height: 12)
        let composer = s.ui.windows.composer
        let boxed = s.ui.innerWidth(composer)
        s.resize(width: 50, height: 12)
        #expect(s.ui.innerWidth(composer) == boxed - 10)
        composer.border = .none
        #expect(s.ui.innerWidth(composer) == 50)
    }

    @Test func typingPlainTextNeverOpensThePopup() throws {
        let s = try ChatScreen(width: 60, height: 12)
        try s.ui.composer.setText("hello there")
        s.ui.composerChanged()
        #expect(s.ui.popup == nil)
        try s.ui.composer.setText("/he")
        s.ui.composerChanged()
        #expect(s.ui.popup != nil)
        try s.ui.composer.setText("plain again")
        s.ui.composerChanged()
        #expect(s.ui.popup == nil)
    }
}
