@testable import Chat
import Render
import Testing

/// Tables: borders, alignment, fitting to narrow widths with CJK and emoji.
@Suite struct TableLayoutTests {
    @Test func naturalWidthTable() {
        let lines = MarkdownRenderer.render("| a | bb |\n|---|:-:|\n| 1 | 2 |", width: 40)
        #expect(MD.texts(lines) == [
            "┌───┬────┐",
            "│ a │ bb │",
            "├───┼────┤",
            "│ 1 │ 2  │",
            "└───┴────┘",
        ])
        #expect(MD.spans(lines[1]).contains("MdTableHeader:a"))
        #expect(MD.spans(lines[0]) == ["MdTableBorder:┌───┬────┐"])
    }

    @Test func rightAlignment() {
        let lines = MarkdownRenderer.render("| n |\n|--:|\n| 1 |\n| 100 |", width: 40)
        #expect(lines[3].text == "│   1 │")
        #expect(lines[4].text == "│ 100 │")
    }

    @Test func cjkAndEmojiTableFitsANarrowWidth() {
        let md = """
        | 名前 | 説明 | emoji |
        |---|---|---|
        | 漢字テキスト | とても長い説明文がここに入ります | 🎉🎉🎉 👩‍👩‍👧 |
        | ascii words here | mixed 日本 text | 🇯🇵 flag |
        """
        for width in [20, 26, 33, 50, 100] {
            let lines = MarkdownRenderer.render(md, width: width)
            let widths = Set(lines.map { TextMeasure.measure($0.text) })
            #expect(widths.count == 1, "width \(width): rows differ \(widths)")
            #expect((widths.first ?? 0) <= width, "width \(width): \(MD.texts(lines))")
            let columns = MD.borderColumns(lines[0].text)
            for line in lines {
                #expect(MD.borderColumns(line.text) == columns, "width \(width): \(line.text)")
            }
        }
    }

    @Test func narrowTableWrapsCellsInsideColumns() {
        let md = "| key | value |\n|---|---|\n| k | one two three four five six |"
        let lines = MarkdownRenderer.render(md, width: 20)
        #expect(MD.texts(lines) == [
            "┌─────┬────────────┐",
            "│ key │ value      │",
            "├─────┼────────────┤",
            "│ k   │ one two    │",
            "│     │ three four │",
            "│     │ five six   │",
            "└─────┴────────────┘",
        ])
    }

    @Test func halfATableWhileStreaming() {
        let lines = MarkdownRenderer.render("| a | b |\n|---|---|\n| 1 |", width: 30)
        #expect(lines.first?.text.hasPrefix("┌") == true)
        #expect(Set(lines.map { TextMeasure.measure($0.text) }).count == 1)
    }
}
