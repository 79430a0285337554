@testable import Chat
import Render
import Testing

/// Markdown elements one by one: expected lines and spans.
@Suite struct MarkdownRendererTests {
    func render(_ md: String, width: Int = 40) -> [StyledLine] {
        MarkdownRenderer.render(md, width: width)
    }

    @Test func headings() {
        let lines = render("# One\n\n## Two\n\n#### Four")
        #expect(MD.texts(lines) == ["One", "", "Two", "", "Four"])
        #expect(MD.spans(lines[0]) == ["MdH1:One"])
        #expect(MD.spans(lines[2]) == ["MdH2:Two"])
        #expect(MD.spans(lines[4]) == ["MdH3:Four"])
    }

    @Test func emphasisAndCode() {
        let lines = render("a *b* **c** ~~d~~ `e` ***f***")
        #expect(MD.texts(lines) == ["a b c d e f"])
        #expect(MD.spans(lines[0]) == ["MdItalic:b", "MdBold:c", "MdStrike:d", "MdCode:e", "MdItalic:f", "MdBold:f"])
    }

    @Test func linksKeepTheirURL() {
        let lines = render("see [the site](https://x.example/a) or www.example.org")
        #expect(lines[0].text == "see the site or www.example.org")
        let links = lines[0].spans.filter { $0.hl == ChatHighlights.link }
        #expect(links.map(\.url) == ["https://x.example/a", "http://www.example.org"])
        #expect(MD.spans(lines[0]) == ["MdLink:the site", "MdLink:www.example.org"])
    }

    /// An image's alt text that holds a line break gives each line its own
    /// link span, starting where that line starts (fuzz finding: the second
    /// line's span kept the first line's offset and cut a character).
    @Test func anImageSplitByALineBreakStylesEachLine() {
        let lines = render("a ![x\n\u{FFFD}y](http://a) b")
        #expect(MD.texts(lines) == ["a [image: x", "\u{FFFD}y] b"])
        #expect(MD.spans(lines[0]) == ["MdLink:[image: x"])
        #expect(MD.spans(lines[1]) == ["MdLink:\u{FFFD}y]"])
        #expect(lines.allSatisfy { $0.spans.allSatisfy { $0.url == "http://a" } })
    }

    @Test func topLevelParagraphsAreNotPreWrapped() {
        let text = String(repeating: "word ", count: 30).trimmingSuffixSpaces()
        let lines = render(text, width: 20)
        #expect(lines.count == 1)
        #expect(lines[0].text == text)
    }

    /// Unlike CommonMark, a single newline from the model is kept as a line break.
    @Test func softAndHardBreaks() {
        #expect(MD.texts(render("a\nb")) == ["a", "b"])
        #expect(MD.texts(render("a  \nb")) == ["a", "b"])
        let lines = render("**x  \ny**")
        #expect(MD.spans(lines[0]) == ["MdBold:x"])
        #expect(MD.spans(lines[1]) == ["MdBold:y"])
    }

    @Test func fencedCodeWithLabelAndSyntax() {
        let lines = render("```swift\nlet x = 1 // hi\n  return \"s\"\n```")
        #expect(MD.texts(lines) == ["swift", "let x = 1 // hi", "  return \"s\""])
        #expect(lines.allSatisfy { $0.lineHl == ChatHighlights.codeBlock })
        #expect(MD.spans(lines[0]) == ["MdCodeLang:swift"])
        #expect(MD.spans(lines[1]) == ["SynKeyword:let", "SynNumber:1", "SynComment:// hi"])
        #expect(MD.spans(lines[2]) == ["SynKeyword:return", "SynString:\"s\""])
    }

    @Test func codeLinesAreNeverWrapped() {
        let long = String(repeating: "x", count: 100)
        let lines = render("```\n\(long)\n```", width: 20)
        #expect(MD.texts(lines) == [long])
        #expect(lines[0].lineHl == ChatHighlights.codeBlock)
    }

    @Test func unclosedFenceWhileStreaming() {
        let lines = render("text\n\n```py\nprint(1)\nx = ")
        #expect(MD.texts(lines) == ["text", "", "py", "print(1)", "x = "])
        #expect(lines[3].lineHl == ChatHighlights.codeBlock)
    }

    @Test func blockQuoteIsPreWrappedWithABar() {
        let lines = render("> one two three four five six", width: 16)
        #expect(MD.texts(lines) == ["│ one two three", "│ four five six"])
        #expect(MD.spans(lines[0]).first == "MdQuote:│ ")
        #expect(lines.allSatisfy { TextMeasure.measure($0.text) <= 16 })
    }

    @Test func thematicBreakSpansTheWidth() {
        let lines = render("a\n\n---\n\nb", width: 12)
        #expect(lines[2].text == String(repeating: "─", count: 12))
        #expect(MD.spans(lines[2]) == ["MdRule:" + String(repeating: "─", count: 12)])
    }

    @Test func bulletListsNestWithHangingIndent() {
        let md = "- one two three four five\n  - nested words here to wrap\n- two"
        let lines = render(md, width: 14)
        #expect(MD.texts(lines) == [
            "• one two",
            "  three four",
            "  five",
            "  ◦ nested",
            "    words here",
            "    to wrap",
            "• two",
        ])
        #expect(MD.spans(lines[0]) == ["MdListMarker:• "])
        #expect(MD.spans(lines[3]) == ["MdListMarker:◦ "])
        #expect(lines.allSatisfy { TextMeasure.measure($0.text) <= 14 })
    }

    @Test func orderedListsAlignTheirNumbers() {
        let md = (1...10).map { "\($0). item" }.joined(separator: "\n")
        let lines = render(md)
        #expect(lines[0].text == " 1. item")
        #expect(lines[9].text == "10. item")
    }

    @Test func orderedListStartAndWrap() {
        let lines = render("3. alpha beta gamma delta", width: 12)
        #expect(MD.texts(lines) == ["3. alpha", "   beta", "   gamma", "   delta"])
    }

    @Test func taskLists() {
        let lines = render("- [ ] todo\n- [x] done")
        #expect(MD.texts(lines) == ["☐ todo", "☑ done"].map { "• " + $0 })
    }

    @Test func looseListsKeepBlankLines() {
        let lines = render("- a\n\n- b")
        #expect(MD.texts(lines) == ["• a", "", "• b"])
    }

    @Test func codeInsideAListKeepsTheIndent() {
        let lines = render("- item\n\n  ```\n  code\n  ```")
        #expect(MD.texts(lines) == ["• item", "", "  code"])
        #expect(lines[2].lineHl == ChatHighlights.codeBlock)
    }

    @Test func controlCharactersAreKept() {
        let lines = render("a \u{1b}[31mred\u{7} b")
        #expect(lines.count == 1)
        #expect(lines[0].text == "a \u{1b}[31mred\u{7} b")
    }

    /// A lone CR is text (shown `^M`), not a line break; CRLF still ends a line.
    @Test func aLoneCarriageReturnStaysInTheLine() {
        #expect(MD.texts(render("progress 10%\rprogress 20%")) == ["progress 10%\rprogress 20%"])
        #expect(MD.texts(render("- return \r, tab")) == ["• return \r, tab"])
        #expect(MD.texts(render("a\r\n\r\nb")) == ["a", "", "b"])
        #expect(MD.texts(render("```\nx\ry\n```")) == ["x\ry"])
    }

    /// An autolink ends at a control character: the escape sequence after
    /// it is text, not part of the link or its URL.
    @Test func anAutolinkStopsAtAControlCharacter() {
        let lines = render("link: \u{1B}]8;;https://example.com\u{1B}\\click\u{1B}]8;;\u{1B}\\ end")
        #expect(lines.count == 1)
        #expect(lines[0].text == "link: \u{1B}]8;;https://example.com\u{1B}\\click\u{1B}]8;;\u{1B}\\ end")
        let links = lines[0].spans.filter { $0.hl == ChatHighlights.link }
        #expect(links.map(\.url) == ["https://example.com"])
        #expect(MD.spans(lines[0]).filter { $0.hasPrefix("MdLink") } == ["MdLink:https://example.com"])
    }

    @Test func emptyAndWhitespaceInput() {
        #expect(MD.texts(render("")) == [""])
        #expect(MD.texts(render("   \n\n")) == [""])
    }

    @Test func hostileNestingDoesNotOverflow() {
        let quotes = String(repeating: "> ", count: 2000) + "deep"
        let lists = (0..<300).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n")
        let emph = String(repeating: "*a ", count: 3000)
        for md in [quotes, lists, emph] {
            let lines = render(md, width: 30)
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { !$0.text.utf8.contains(10) })
        }
    }

    /// Quotes and lists nested past what the width holds are drawn flat:
    /// no line is wider than the window, and the cost stays linear (40
    /// nested quotes around a long paragraph, found by FuzzMarkdown, took
    /// seconds and drew a 40-bar prefix into a 20-column window).
    @Test func deepNestingStaysInsideTheWidth() {
        let words = String(repeating: "word ", count: 60)
        let quotes = String(repeating: ">", count: 40) + " " + words
        let lists = (0..<40).map { String(repeating: "  ", count: $0) + "- " + words }.joined(separator: "\n")
        let mixed = (0..<30).map { String(repeating: "> - ", count: $0 + 1) + words }.joined(separator: "\n\n")
        for width in [8, 20, 60] {
            for md in [quotes, lists, mixed] {
                let lines = render(md, width: width)
                #expect(lines.allSatisfy { TextMeasure.measure($0.text) <= width },
                        "width \(width): \(lines.map(\.text).max { $0.count < $1.count } ?? "")")
                #expect(lines.allSatisfy { $0.spans.count <= 2 * MarkdownRenderer.maxNesting + 4 })
            }
        }
        let deepQuote = render(quotes, width: 60)
        let firstWords = deepQuote.first { $0.text.contains("word") }?.text ?? ""
        #expect(firstWords.hasPrefix(String(repeating: "│ ", count: MarkdownRenderer.maxNesting) + "word"))
    }

    @Test func everyPrefixOfTheShowcaseRenders() {
        let md = MD.showcase
        var prefix = ""
        for ch in md {
            prefix.append(ch)
            let lines = render(prefix, width: 40)
            for line in lines {
                #expect(!line.text.utf8.contains(10))
                let n = line.text.utf8.count
                #expect(line.spans.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= n })
            }
        }
    }

    @Test func cachedStreamingMatchesUncachedRendering() {
        let renderer = MarkdownRenderer()
        let cache = MarkdownCache()
        var prefix = ""
        for ch in MD.showcase {
            prefix.append(ch)
            let cached = renderer.renderDocument(prefix, width: 40, cache: cache).lines
            #expect(cached == renderer.render(prefix, width: 40), "prefix of \(prefix.count) characters")
        }
        #expect(cache.count > 5)
    }

    @Test func referenceDefinitionsBypassTheCache() {
        let renderer = MarkdownRenderer()
        let cache = MarkdownCache()
        let before = renderer.renderDocument("see [x][r]\n\nmore", width: 40, cache: cache).lines
        #expect(before[0].text == "see [x][r]")
        let after = renderer.renderDocument("see [x][r]\n\nmore\n\n[r]: https://a.example", width: 40, cache: cache).lines
        #expect(after[0].text == "see x")
        #expect(after[0].spans.first?.url == "https://a.example")
    }

    @Test func showcaseWidthsRespected() {
        for width in [24, 40, 80] {
            let lines = render(MD.showcase, width: width)
            for line in lines where line.lineHl == nil && !line.text.hasPrefix("Some ") && !line.text.hasPrefix("Done") {
                #expect(TextMeasure.measure(line.text) <= width, "\(width): \(line.text)")
            }
        }
    }
}

extension String {
    func trimmingSuffixSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
