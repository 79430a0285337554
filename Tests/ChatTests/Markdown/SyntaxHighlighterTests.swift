@testable import Chat
import Testing

/// The keyword highlighters and the registry hook.
@Suite struct SyntaxHighlighterTests {
    func spans(_ language: String, _ code: [String]) -> [[String]] {
        guard let h = SyntaxRegistry.standard.highlighter(for: language) else { return [] }
        let all = h.highlight(code)
        return code.indices.map { i in MD.spans(StyledLine(code[i], spans: i < all.count ? all[i] : [])) }
    }

    @Test func standardLanguages() {
        for name in ["swift", "Python", "js", "rust", "go", "lua", "bash", "json", "c"] {
            #expect(SyntaxRegistry.standard.highlighter(for: name) != nil, "\(name)")
        }
        #expect(SyntaxRegistry.standard.highlighter(for: "klingon") == nil)
    }

    @Test func python() {
        #expect(spans("python", ["def f(x):  # c", "    return 'a' + 2"]) == [
            ["SynKeyword:def", "SynComment:# c"],
            ["SynKeyword:return", "SynString:'a'", "SynNumber:2"],
        ])
    }

    @Test func blockCommentsSpanLines() {
        #expect(spans("go", ["x /* a", "b */ func"]) == [["SynComment:/* a"], ["SynComment:b */", "SynKeyword:func"]])
        #expect(spans("lua", ["--[[ a", "]] local x -- c"]) == [["SynComment:--[[ a"], ["SynComment:]]", "SynKeyword:local", "SynComment:-- c"]])
    }

    @Test func identifiersWithDigitsAndUnicode() {
        #expect(spans("rust", ["let x1 = é2 + 3;"]) == [["SynKeyword:let", "SynNumber:3"]])
        #expect(spans("json", ["{\"a\": [true, null, -1.5]}"]) == [["SynString:\"a\"", "SynKeyword:true", "SynKeyword:null", "SynNumber:1.5"]])
    }

    @Test func unterminatedStringsAndEscapes() {
        #expect(spans("js", ["s = \"a\\\"b", "`x`"]) == [["SynString:\"a\\\"b"], ["SynString:`x`"]])
        #expect(spans("sh", ["echo \\"]) == [["SynKeyword:echo"]])
    }

    struct Upper: SyntaxHighlighter {
        func highlight(_ lines: [String]) -> [[StyledSpan]] {
            lines.map { [StyledSpan(0..<$0.utf8.count, ChatHighlights.synKeyword)] }
        }
    }

    @Test func customHighlighterHook() {
        var registry = SyntaxRegistry()
        registry.register(Upper(), for: ["Shout"])
        let lines = MarkdownRenderer(syntax: registry).render("```shout\nhey\n```\n\n```swift\nlet\n```", width: 40)
        #expect(MD.spans(lines[1]) == ["SynKeyword:hey"])
        #expect(MD.spans(lines[4]) == [])
    }
}
