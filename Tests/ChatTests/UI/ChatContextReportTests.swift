import Testing
@testable import Chat

/// `/context` says where automatic compaction starts, or that it is off.
@Suite struct ChatContextReportTests {
    @Test func theAutoCompactLineFollowsTheWindowAndTheShare() throws {
        let s = try ChatScreen()
        s.ui.contextWindow = 200_000
        #expect(s.ui.contextReport().contains("Context used: 0 of 200000 tokens (0%)\n"
                                              + "Auto-compact: before a request passes 85% (170000 tokens; /compact any time)"))
        s.controller.autoCompactThreshold = 0
        #expect(s.ui.contextReport().hasSuffix("Auto-compact: off (/compact any time)"))
    }
}
