import Testing
@testable import Chat

/// Screen tests for every markdown element and block state of the stock
/// chat UI, on a 30-column virtual screen. Each expectation is the
/// transcript window as it reads (`ChatScreen`); every one also shows the
/// user's turn ("›" and the tinted row) and the reply's "●".
@Suite struct ChatScreenTests {
    private func screen(_ markdown: String, height: Int = 18) throws -> ChatScreen {
        let s = try ChatScreen(width: 30, height: height)
        s.show([("q", markdown)])
        return s
    }

    /// Headings: one style per level, a blank line between blocks.
    @Test func headings() throws {
        let s = try screen("# One\n## Two\n### Three\ntext")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} {4:One}                         |
                                      |
          {5:Two}                         |
                                      |
          {6:Three}                       |
                                      |
          text                        |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdH1", 5: "MdH2", 6: "MdH3"])
    }

    /// Emphasis, strikethrough and inline code.
    @Test func emphasis() throws {
        let s = try screen("**bold** *italic* ~~gone~~ `code`")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} {4:bold} {5:italic} {6:gone} {7:code}       |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdBold", 5: "MdItalic", 6: "MdStrike", 7: "MdCode"])
    }

    /// Fenced code: language label, row background, syntax colours; a long
    /// line is not wrapped but cut at the edge with a marker.
    @Test func fence() throws {
        let s = try screen("```swift\nlet x = 1 // a comment that is far too long for the window\n```")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●}{4: }{5:swift}{4:                       }|
        {4:  }{6:let}{4: x = }{7:1}{4: }{8:// a comment that}{9:›}|
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdCodeBlock+ChatAssistant", 4: "MdCodeBlock", 5: "MdCodeBlock+MdCodeLang", 6: "MdCodeBlock+SynKeyword", 7: "MdCodeBlock+SynNumber", 8: "MdCodeBlock+SynComment", 9: "MdCodeBlock+NonText"])
    }

    /// Nested lists: markers, hanging indent on wrapped lines, task boxes.
    @Test func lists() throws {
        let s = try screen("- first item that wraps around the narrow window\n  - nested item also wraps around here\n    1. deep\n- [x] done")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} {4:• }first item that wraps     |
            around the narrow window  |
            {4:◦ }nested item also wraps  |
              around here             |
              {4:1. }deep                 |
          {4:• ☑ }done                    |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdListMarker"])
    }

    /// Quotes: a bar per level, pre-wrapped under the bar.
    @Test func quote() throws {
        let s = try screen("> quoted text that goes on long enough to wrap\n> > nested")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} {4:│ quoted text that goes on}  |
          {4:│ long enough to wrap}       |
          {4:│}                           |
          {4:│ │ nested}                  |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdQuote"])
    }

    /// Tables fitted to the width: CJK and emoji keep the borders aligned.
    @Test func table() throws {
        let s = try screen("| Name | Note |\n|---|---|\n| 漢字 | a long cell that must wrap in its column |\n| 🎉 | ok |")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} {4:┌──────┬───────────────────┐}|
          {4:│} {5:Name} {4:│} {5:Note}              {4:│}|
          {4:├──────┼───────────────────┤}|
          {4:│} 漢字 {4:│} a long cell that  {4:│}|
          {4:│}      {4:│} must wrap in its  {4:│}|
          {4:│}      {4:│} column            {4:│}|
          {4:│} 🎉   {4:│} ok                {4:│}|
          {4:└──────┴───────────────────┘}|
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdTableBorder", 5: "MdTableHeader"])
    }

    /// Links: styled and carrying their URL (sent as OSC 8).
    @Test func link() throws {
        let s = try screen("see [docs](https://example.com/docs) now")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} see {4:docs} now                |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdLink url=https://example.com/docs"])
    }

    /// Rules span the width.
    @Test func rule() throws {
        let s = try screen("above\n\n---\n\nbelow")
        s.expect("""
        {1:›}{2: q                           }|
                                      |
        {3:●} above                       |
                                      |
          {4:────────────────────────────}|
                                      |
          below                       |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "ChatAssistant", 4: "MdRule"])
    }

    /// Thinking collapsed to a summary line; tool blocks with status glyph,
    /// name, argument summary, duration and an output preview; errors.
    @Test func thinkingAndToolBlocks() throws {
        let s = try ChatScreen(width: 30, height: 14)
        s.show(role: .assistant, [.thinking("step one\nstep two", collapsed: true),
                                  .toolCall(ToolCall(id: "c1", name: "read_file", arguments: "{\"path\":\"a.txt\"}",
                                                     status: .ok, output: "l1\nl2", duration: 0.25)),
                                  .toolCall(ToolCall(id: "c2", name: "grep", arguments: "{}", status: .error,
                                                     output: "bad pattern")),
                                  .assistantText("done")])
        s.expect("""
          {1:to expand}                   |
                                      |
        {2:✓} {3:read_file}  {4:a.txt} {5:250ms}      |
        {6:  l1}                          |
        {6:  l2}                          |
                                      |
        {7:✗} {3:grep}  {4:{}}                    |
        {8:  bad pattern}                 |
                                      |
        {9:●} done                        |
        """, legend: [1: "ChatThinking", 2: "ChatToolOk", 3: "ChatToolName", 4: "ChatToolArgs", 5: "ChatNotice", 6: "ChatToolOutput", 7: "ChatToolError", 8: "ChatError", 9: "ChatAssistant"])
    }
}
