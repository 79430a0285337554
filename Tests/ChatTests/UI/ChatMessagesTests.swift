import Foundation
import Kernel
import Testing
@testable import Chat

/// Errors cannot be missed: a notice in the transcript with file:line, and
/// `/messages` with everything, tracebacks included.
@Suite struct ChatMessagesTests {
    @Test func anInitLuaErrorIsANoticeInTheTranscriptWithItsLine() throws {
        let s = try ChatScreen(width: 60, height: 24)
        let path = "/home/someone/.config/weft/init.lua"
        s.editor.notify("error in \(path): \(path):3: attempt to call a nil value (field 'nope')\nstack traceback:\n\t[C]: in field 'nope'",
                        level: .error)
        let text = s.ui.windows.transcriptBuffer.lines.joined(separator: "\n")
        #expect(text.contains("✗ error in \(path): \(path):3: attempt to call a nil value (field 'nope') (/messages shows the rest)"),
                "\(text)")
        #expect(!text.contains("stack traceback"))
        s.editor.notify("a plain note")
        try s.editor.feedKeys("/messages<CR>")
        let after = s.ui.windows.transcriptBuffer.lines.joined(separator: "\n")
        #expect(after.contains("Messages of this session"))
        #expect(after.contains("      stack traceback:"))
        #expect(after.contains("        [C]: in field 'nope'"))
        #expect(after.contains("· info  a plain note"))
    }

    @Test func theSameErrorTwiceIsShownOnce() throws {
        let s = try ChatScreen(width: 60, height: 24)
        s.editor.notify("handler failed: boom", level: .error)
        s.editor.notify("handler failed: boom", level: .error)
        let count = s.ui.windows.transcriptBuffer.lines.filter { $0.contains("handler failed: boom") }.count
        #expect(count == 1)
    }
}
