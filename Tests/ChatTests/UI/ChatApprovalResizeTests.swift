import Foundation
import Kernel
import Render
import Testing
@testable import Chat

/// Issue 18, defect 9: the approval float opened on a tiny screen re-fits
/// when the terminal grows, and its key row shows.
@Suite struct ChatApprovalResizeTests {
    @Test func theApprovalFloatRefitsWhenTheScreenGrows() throws {
        let s = try ChatScreen(width: 30, height: 10)
        var decided: [ToolApprovalDecision] = []
        let call = ToolCall(id: "t1", name: "bash", arguments: "{\"command\":\"ls -la /tmp\"}", status: .running)
        s.ui.askApproval(call) { decided.append($0) }
        let small = s.frame().lines
        #expect(small.allSatisfy { TextMeasure.measure($0) <= 30 })

        s.resize(width: 120, height: 40)
        let big = s.frame().lines
        let keyRow = try #require(big.firstIndex { $0.contains("deny") }, "\(big.joined(separator: "\n"))")
        #expect(big[keyRow].contains("allow") && big[keyRow].contains("always"), "\(big[keyRow])")
        // Wider than the 28 columns it had: the row is not cut.
        let float = try #require(s.ui.approval?.float)
        let width = float.window.floatConfig?.width ?? 0
        #expect(width > 28, "width \(width)")
        try s.editor.feedKeys("y")
        #expect(decided == [.allow])
    }
}
