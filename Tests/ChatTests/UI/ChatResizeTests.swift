import Kernel
import Testing
@testable import Chat

/// Resizing re-fits what is visible at once and the rest lazily.
@Suite struct ChatResizeTests {
    static let table = "| Name | Note |\n|---|---|\n| 漢字 | a long cell that must wrap in its column |"

    @Test func tableIsRefittedOnResize() throws {
        let s = try ChatScreen(width: 30, height: 14)
        s.show([("q", Self.table)])
        s.resize(width: 24, height: 14)
        s.expect("""
        {1:›}{2: q                     }|
                                |
        {3:●} {4:┌──────┬─────────────┐}|
          {4:│} {5:Name} {4:│} {5:Note}        {4:│}|
          {4:├──────┼─────────────┤}|
          {4:│} 漢字 {4:│} a long cell {4:│}|
          {4:│}      {4:│} that must   {4:│}|
          {4:│}      {4:│} wrap in its {4:│}|
          {4:│}      {4:│} column      {4:│}|
          {4:└──────┴─────────────┘}|
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdTableBorder", 5: "MdTableHeader"])
    }

    @Test func afterAResizeAndScrollingToTheTopEveryBlockFitsTheNewWidth() throws {
        let s = try ChatScreen(width: 60, height: 20)
        s.show((0..<300).map { ("question \($0)", "- item \($0) with words enough to wrap\n\n" + Self.table) })
        _ = s.frame()
        s.resize(width: 40, height: 20)
        // Only the blocks near the tail were re-fitted at once.
        #expect(s.ui.projector.staleBlockCount > 250)
        _ = s.frame()
        // Scroll to the top and let the idle re-fit run.
        s.ui.windows.transcript.view.follow = false
        s.ui.windows.transcript.view.topline = 0
        _ = s.frame()
        _ = s.loop.run(until: { s.ui.projector.staleBlockCount == 0 }, timeoutMs: 10_000)
        #expect(s.ui.projector.staleBlockCount == 0)
        let fresh = try ChatScreen(width: 40, height: 20)
        fresh.show((0..<300).map { ("question \($0)", "- item \($0) with words enough to wrap\n\n" + Self.table) })
        #expect(s.ui.windows.transcriptBuffer.lines == fresh.ui.windows.transcriptBuffer.lines)
        for m in 0..<600 {
            #expect(s.ui.projector.renderedLines(message: m, block: 0) == fresh.ui.projector.renderedLines(message: m, block: 0),
                    "message \(m)")
        }
    }
}
