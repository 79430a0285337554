import Foundation
import Kernel
import Render
import Testing
@testable import Chat

/// The designer pass: status line, welcome, key names, help, approval text.
@Suite struct ChatStatusPolishTests {
    private func line(session: String? = "fix the login bug", notice: String? = nil) -> StatusLine {
        var s = StatusLine(model: "mock-1", provider: "mock", state: .idle, spinner: "", tokensIn: 1_234, tokensOut: 56,
                           contextWindow: 100_000, session: session, cwd: "/home/u/project", queued: 0, newLines: 0,
                           notice: notice)
        s.cacheRead = 10
        return s
    }

    @Test func everythingShowsWhenThereIsRoom() {
        let text = line().render(width: 120)
        #expect(text.hasPrefix(" mock:mock-1  idle  ⏵ ask "))
        #expect(text.hasSuffix("↑1.2k ↓56 cache r10 w0 0%  fix the login bug  /home/u/project "))
        #expect(TextMeasure.measure(text) == 120)
    }

    /// On a narrow screen the directory, cache, session, provider, mode,
    /// tokens and model go first, in that order; the state stays.
    @Test func narrowScreensDropTheLeastUsefulPartsFirst() {
        #expect(line().render(width: 60) == " mock:mock-1  idle  ⏵ ask   ↑1.2k ↓56 0%  fix the login bug ")
        #expect(line().render(width: 40) == " mock:mock-1  idle  ⏵ ask  ↑1.2k ↓56 0% ")
        #expect(line().render(width: 24) == " mock-1  idle        0% ")
        let tight = line().render(width: 5)
        #expect(TextMeasure.measure(tight) == 5)
        #expect(tight.hasPrefix(" idl"))
    }

    @Test func aNoticeOutlivesEverythingButTheState() {
        let text = line(notice: "press Ctrl-C again to quit").render(width: 40)
        #expect(text == " idle  press Ctrl-C again to quit    0% ")
    }

    @Test func theSessionIsNamedByItsFirstWords() {
        #expect(StatusLine.sessionName(id: "20261207-023906-3cd21d", firstPrompt: "fix the login bug\nmore") == "fix the login bug")
        #expect(StatusLine.sessionName(id: "20261207-023906-3cd21d",
                                       firstPrompt: "please explain what this long function does") == "please explain what…")
        #expect(StatusLine.sessionName(id: "20261207-023906-3cd21d", firstPrompt: nil) == "3cd21d")
        #expect(StatusLine.sessionName(id: "20261207-023906-3cd21d", firstPrompt: "   ") == "3cd21d")
    }

    @Test func theStatusShowsTheShortNameNotTheId() throws {
        let s = try ChatScreen(width: 120, height: 12)
        s.ui.controller.submit("think about names")
        _ = s.loop.runUntilIdle()
        let status = s.ui.windows.statusBuffer.line(0) ?? ""
        #expect(status.contains("think about names"))
        #expect(!status.contains(s.ui.controller.sessionID ?? "-"))
        #expect(s.ui.resumeHint == "Resume this conversation with: weft --continue (or weft --resume \(s.ui.controller.sessionID ?? ""))")
        s.ui.controller.reset(to: [.user("rename it from here"), .assistant("ok")], sessionID: s.ui.controller.sessionID)
        _ = s.loop.runUntilIdle()
        s.ui.refreshStatus()
        #expect((s.ui.windows.statusBuffer.line(0) ?? "").contains("rename it from here"), "a new first prompt renames it")
    }
}

@Suite struct ChatWelcomePolishTests {
    /// At 120 columns the keys line used to break inside "Ctrl-T select
    /// and copy"; items are now wrapped between, continuation rows indented.
    @Test func theKeysWrapBetweenItems() throws {
        for width in [120, 80, 50, 40] {
            let s = try ChatScreen(width: width, height: 40)
            let lines = s.ui.welcomeShown ?? []
            let start = try #require(lines.firstIndex { $0.hasPrefix("Keys: ") })
            var keys = [lines[start]]
            var i = start + 1
            while i < lines.count, lines[i].hasPrefix("      ") { keys.append(lines[i]); i += 1 }
            for row in keys { #expect(TextMeasure.measure(row) <= width - 2, "width \(width): \(row)") }
            let items = keys.map { $0.dropFirst(6) }.joined(separator: " · ").components(separatedBy: " · ")
            #expect(items == ChatUI.welcomeKeys, "width \(width)")
        }
    }
}

@Suite struct KeyLabelTests {
    @Test func keysAreSpelledOneWay() {
        #expect(KeyLabel.display("<C-o>") == "Ctrl-O")
        #expect(KeyLabel.display("<S-Tab>") == "Shift-Tab")
        #expect(KeyLabel.display("<M-b>") == "Alt-B")
        #expect(KeyLabel.display("<CR>") == "Enter")
        #expect(KeyLabel.display("<C-S-z>") == "Ctrl-Shift-Z")
        #expect(KeyLabel.display("<PageUp>") == "PageUp")
        #expect(KeyLabel.display("<M-BS>") == "Alt-Backspace")
        #expect(KeyLabel.display("<C-->") == "Ctrl--")
        #expect(KeyLabel.display("q") == "q")
    }
}

@Suite struct ChatHelpTests {
    @Test func helpIsGroupedAlignedAndFitsTheWidth() throws {
        let s = try ChatScreen(width: 60, height: 20)
        let lines = s.ui.helpLines(width: 58)
        #expect(lines.first?.hasPrefix("Commands") == true)
        #expect(lines.contains("Keys (while typing a message)"))
        #expect(lines.contains("Mouse"))
        for l in lines { #expect(TextMeasure.measure(l) <= 58, "\(l)") }
        let expand = try #require(lines.first { $0.hasPrefix("  Ctrl-O ") })
        let help = try #require(lines.first { $0.hasPrefix("  /help ") })
        // Descriptions start in one column within a group.
        let enter = try #require(lines.first { $0.hasPrefix("  Enter ") })
        #expect(expand.firstIndex { $0 != " " && $0 != "C" } != nil)
        #expect(column(expand) == column(enter))
        #expect(column(help) > 0)
        #expect(!lines.contains { $0.contains("<C-") })
    }

    private func column(_ line: String) -> Int {
        // The description starts after the first run of two or more spaces past the name.
        let chars = Array(line)
        var i = 2
        while i < chars.count, chars[i] != " " { i += 1 }
        while i < chars.count, chars[i] == " " { i += 1 }
        return i
    }

    @Test func longDescriptionsWrapUnderTheirColumn() {
        let rows = ChatUI.table([("/x", "one two three four five six seven eight nine ten")], width: 30)
        #expect(rows.count > 1)
        let col = rows[0].distance(from: rows[0].startIndex, to: rows[0].firstIndex(of: "o")!)
        for r in rows { #expect(TextMeasure.measure(r) <= 30) }
        for r in rows.dropFirst() { #expect(r.prefix(col).allSatisfy { $0 == " " }) }
    }
}

@Suite struct ApprovalTextTests {
    @Test func aCommandReadsLikeAShellLine() {
        let call = ToolCall(id: "1", name: "run_command", arguments: #"{"command":"echo hello\nls","timeout":30}"#)
        #expect(ApprovalText.lines(for: call, width: 60) == ["$ echo hello", "  ls", "timeout: 30"])
    }

    @Test func otherToolsGetKeyValueLinesNeverJSON() {
        let call = ToolCall(id: "1", name: "mcp__db__query",
                            arguments: #"{"sql":"select 1","limit":5,"opts":{"a":true},"path":"x.db"}"#)
        #expect(ApprovalText.lines(for: call, width: 60) == ["path:  x.db", "limit: 5", "opts:  {\"a\":true}", "sql:   select 1"])
        let read = ToolCall(id: "2", name: "read_file", arguments: #"{"path":"README.md"}"#)
        #expect(ApprovalText.lines(for: read, width: 60) == ["path: README.md"])
        #expect(ApprovalText.lines(for: ToolCall(id: "3", name: "t", arguments: "{}"), width: 60) == ["(no arguments)"])
        #expect(ApprovalText.lines(for: ToolCall(id: "4", name: "t", arguments: "not json"), width: 60) == ["not json"])
    }

    @Test func longValuesEndInAnEllipsis() {
        let call = ToolCall(id: "1", name: "t", arguments: #"{"q":"\#(String(repeating: "x", count: 100))"}"#)
        let line = ApprovalText.lines(for: call, width: 20)[0]
        #expect(TextMeasure.measure(line) == 20)
        #expect(line.hasSuffix("…"))
    }

    /// The diff float's keys fit its border on an 80-column screen (76 inside).
    @Test func theDiffKeysFitAnEightyColumnFloat() throws {
        let s = try ChatScreen(width: 80, height: 24)
        let keys = s.ui.approvalKeysLine(ToolCall(id: "1", name: "edit_file"), diff: true)
        #expect(TextMeasure.measure(keys) + 2 <= 76, "\(keys)")
    }

    @Test func theFloatShowsTheSummaryAndAnsweringKeys() throws {
        let s = try ChatScreen(width: 80, height: 24)
        var answer: ToolApprovalDecision?
        s.ui.askApproval(ToolCall(id: "1", name: "run_command", arguments: #"{"command":"echo hello"}"#)) { answer = $0 }
        let text = s.frame().lines.joined(separator: "\n")
        #expect(text.contains("$ echo hello"))
        #expect(!text.contains("{\"command\""))
        #expect(text.contains("[y] allow  [n] deny"))
        try s.editor.feedKeys("x")
        #expect(s.ui.statusNotice?.contains("x does nothing here") == true)
        #expect(answer == nil)
        try s.editor.feedKeys("n")
        #expect(answer == .deny)
    }
}

@Suite struct TranscriptGutterCopyTests {
    @Test func copiesLeaveTheGutterBehind() {
        #expect(ChatUI.withoutGutter("● one\n  two\n\n  let x = 1", first: true, rest: true) == "one\ntwo\n\nlet x = 1")
        #expect(ChatUI.withoutGutter("ne\n  two", first: false, rest: true) == "ne\ntwo")
        #expect(ChatUI.withoutGutter(" fir\n one", first: false, rest: false) == " fir\n one")
        #expect(ChatUI.withoutGutter("› my prompt\n  more", first: true, rest: true) == "my prompt\nmore")
        #expect(ChatUI.withoutGutter("✓ read_file  a.txt", first: true, rest: true) == "✓ read_file  a.txt")
    }
}

@Suite struct SessionPickerTests {
    /// Three saved sessions: `/resume` lists them newest first, typing
    /// filters, Enter opens the selected one, Esc closes.
    @Test func resumeWithoutAnIdPicksASession() throws {
        let s = try ChatScreen(width: 100, height: 24)
        let store = s.controller.store
        for (i, prompt) in ["fix the login bug", "write the release notes", "refactor the parser"].enumerated() {
            let w = try store.create(id: "20261201-00000\(i)-abcde\(i)")
            try w.append(SessionRecord.message(.user, prompt))
        }
        try s.editor.commands.run(line: "resume")
        #expect(s.editor.mode == SessionPicker.mode)
        let picker = try #require(s.ui.sessionPicker)
        #expect(picker.shown.count == 3)
        var screen = s.frame().lines.joined(separator: "\n")
        #expect(screen.contains("Resume which session?"))
        #expect(screen.contains("fix the login bug"))
        try s.editor.feedKeys("rel")
        #expect(picker.shown.map(\.title) == ["write the release notes"])
        screen = s.frame().lines.joined(separator: "\n")
        #expect(screen.contains("Filter: rel"))
        #expect(!screen.contains("refactor the parser"))
        try s.editor.feedKeys("<BS><BS><BS>zzz")
        #expect(picker.shown.isEmpty)
        #expect(s.frame().lines.joined(separator: "\n").contains("No session matches."))
        try s.editor.feedKeys("<C-u>par<CR>")
        #expect(s.ui.sessionPicker == nil)
        #expect(s.controller.sessionID == "20261201-000002-abcde2")
        #expect(s.controller.messages.first?.blocks.first == .userText("refactor the parser"))
        #expect(s.editor.mode == "composer")
        try s.editor.commands.run(line: "resume")
        try s.editor.feedKeys("<Esc>")
        #expect(s.ui.sessionPicker == nil && s.editor.mode == "composer")
    }

    @Test func withNoSessionsItSaysSo() throws {
        let s = try ChatScreen(width: 80, height: 20)
        try s.editor.commands.run(line: "resume")
        #expect(s.ui.sessionPicker == nil)
        #expect(s.ui.statusNotice == "resume: no saved sessions yet")
    }

    @Test func whenIsSaidShortly() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(SessionPicker.ago(now.addingTimeInterval(-30), now: now) == "just now")
        #expect(SessionPicker.ago(now.addingTimeInterval(-600), now: now) == "10 min ago")
        #expect(SessionPicker.ago(now.addingTimeInterval(-7_200), now: now) == "2 h ago")
        #expect(SessionPicker.ago(now.addingTimeInterval(-90_000), now: now) == "yesterday")
        #expect(SessionPicker.ago(now.addingTimeInterval(-3 * 86_400), now: now) == "3 days ago")
    }
}

@Suite struct ComposerHintTests {
    /// Fifteen lines in a composer of ten rows: the top border says how
    /// many are scrolled out, and moving up keeps the cursor in view.
    @Test func theComposerSaysWhatIsScrolledOutAbove() throws {
        let s = try ChatScreen(width: 60, height: 30)
        try s.ui.composer.setText((1...15).map { "line \($0)" }.joined(separator: "\n"))
        _ = s.frame()
        _ = s.frame()
        #expect(s.ui.windows.composer.title == "↑ 5 more lines")
        #expect(s.frame().lines.contains { $0.contains("↑ 5 more lines") })
        for _ in 0..<12 { try s.editor.feedKeys("<Up>") }
        _ = s.frame()
        _ = s.frame()
        let cursor = s.ui.windows.composer.cursor.row
        #expect(cursor == 2)
        #expect(s.ui.windows.composer.view.topline <= cursor)
        #expect(s.ui.windows.composer.title == "↑ 2 more lines")
        try s.ui.composer.setText("short")
        _ = s.frame()
        _ = s.frame()
        #expect(s.ui.windows.composer.title == nil)
    }
}
