import Testing
@testable import Chat

/// Screen tests for every markdown element and block state of the stock
/// chat UI, on a 30-column virtual screen. Each expectation is the
/// transcript window as it reads (`ChatScreen`); every one also shows the
/// user tint ("You" header and tinted rows).
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
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:One}                           |
                                      |
        {4:Two}                           |
                                      |
        {5:Three}                         |
                                      |
        text                          |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdH1", 4: "MdH2", 5: "MdH3"])
    }

    /// Emphasis, strikethrough and inline code.
    @Test func emphasis() throws {
        let s = try screen("**bold** *italic* ~~gone~~ `code`")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:bold} {4:italic} {5:gone} {6:code}         |
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
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdBold", 4: "MdItalic", 5: "MdStrike", 6: "MdCode"])
    }

    /// Fenced code: language label, row background, syntax colours; a long
    /// line is not wrapped but cut at the edge with a marker.
    @Test func fence() throws {
        let s = try screen("```swift\nlet x = 1 // a comment that is far too long for the window\n```")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:swift}{4:                         }|
        {5:let}{4: x = }{6:1}{4: }{7:// a comment that i}{8:›}|
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdCodeBlock+MdCodeLang", 4: "MdCodeBlock", 5: "MdCodeBlock+SynKeyword", 6: "MdCodeBlock+SynNumber", 7: "MdCodeBlock+SynComment", 8: "MdCodeBlock+NonText"])
    }

    /// Nested lists: markers, hanging indent on wrapped lines, task boxes.
    @Test func lists() throws {
        let s = try screen("- first item that wraps around the narrow window\n  - nested item also wraps around here\n    1. deep\n- [x] done")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:• }first item that wraps around|
          the narrow window           |
          {3:◦ }nested item also wraps    |
            around here               |
            {3:1. }deep                   |
        {3:• ☑ }done                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdListMarker"])
    }

    /// Quotes: a bar per level, pre-wrapped under the bar.
    @Test func quote() throws {
        let s = try screen("> quoted text that goes on long enough to wrap\n> > nested")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:│ quoted text that goes on}    |
        {3:│ long enough to wrap}         |
        {3:│}                             |
        {3:│ │ nested}                    |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdQuote"])
    }

    /// Tables fitted to the width: CJK and emoji keep the borders aligned.
    @Test func table() throws {
        let s = try screen("| Name | Note |\n|---|---|\n| 漢字 | a long cell that must wrap in its column |\n| 🎉 | ok |")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        {3:┌──────┬─────────────────────┐}|
        {3:│} {4:Name} {3:│} {4:Note}                {3:│}|
        {3:├──────┼─────────────────────┤}|
        {3:│} 漢字 {3:│} a long cell that    {3:│}|
        {3:│}      {3:│} must wrap in its    {3:│}|
        {3:│}      {3:│} column              {3:│}|
        {3:│} 🎉   {3:│} ok                  {3:│}|
        {3:└──────┴─────────────────────┘}|
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdTableBorder", 4: "MdTableHeader"])
    }

    /// Links: styled and carrying their URL (sent as OSC 8).
    @Test func link() throws {
        let s = try screen("see [docs](https://example.com/docs) now")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        see {3:docs} now                  |
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
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdLink url=https://example.com/docs"])
    }

    /// Rules span the width.
    @Test func rule() throws {
        let s = try screen("above\n\n---\n\nbelow")
        s.expect("""
        {1:You}{2:                           }|
        {2:q                             }|
                                      |
        above                         |
                                      |
        {3:──────────────────────────────}|
                                      |
        below                         |
                                      |
                                      |
                                      |
                                      |
                                      |
                                      |
        """, legend: [1: "ChatUserBg+ChatUser", 2: "ChatUserBg", 3: "MdRule"])
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
        {1:▸ Thinking (2 lines)}          |
                                      |
        {2:✓} {3:read_file}  {4:a.txt} {5:250ms}      |
        {6:  l1}                          |
        {6:  l2}                          |
                                      |
        {7:✗} {3:grep}  {4:{}}                    |
        {8:  bad pattern}                 |
                                      |
        done                          |
        """, legend: [1: "ChatThinking", 2: "ChatToolOk", 3: "ChatToolName", 4: "ChatToolArgs", 5: "ChatNotice", 6: "ChatToolOutput", 7: "ChatToolError", 8: "ChatError"])
    }
}
