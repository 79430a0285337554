@testable import Chat
import Render

/// Shared helpers for the markdown and transcript tests.
enum MD {
    /// "hl:covered text" for each span of `line`, in order.
    static func spans(_ line: StyledLine) -> [String] {
        let bytes = Array(line.text.utf8)
        return line.spans.map { s in
            let a = min(max(0, s.range.lowerBound), bytes.count)
            let b = min(max(a, s.range.upperBound), bytes.count)
            return s.hl + ":" + String(decoding: bytes[a..<b], as: UTF8.self)
        }
    }

    /// Texts of `lines`.
    static func texts(_ lines: [StyledLine]) -> [String] { lines.map(\.text) }

    /// The display columns at which box-drawing junctions and bars appear.
    static func borderColumns(_ line: String) -> [Int] {
        let borders: Set<Character> = ["│", "┼", "┬", "┴", "├", "┤", "┌", "┐", "└", "┘"]
        var columns: [Int] = []
        var col = 0
        for ch in line {
            if borders.contains(ch) { columns.append(col) }
            col += TextMeasure.measure(String(ch))
        }
        return columns
    }

    /// A markdown showcase like the mock provider's: every element.
    static let showcase = """
    # Markdown showcase

    Some **bold**, *italic*, ~~struck~~ and `inline code`, a [link](https://example.com) and www.example.org.

    ## Lists

    - first item with enough words to wrap around at a narrow width
    - second item
      - nested item that is also rather long so it wraps too
        1. deep ordered
        2. another
    - [ ] a task
    - [x] a done task

    > A quote that goes on for a while, long enough to wrap at forty columns.
    > Second line of the quote.

    | Name | Language | Note |
    |:-----|:--------:|-----:|
    | 漢字 | 日本語 | CJK text in a cell |
    | emoji 🎉 | 👩‍👩‍👧 family | wide 🇯🇵 flag |
    | plain | ascii | a rather long cell that must wrap inside its column |

    ```swift
    // Swift
    let answer = 42
    print("hello \\(answer)")
    ```

    ```python
    def f(x):  # comment
        return "s" + str(x)
    ```

    ---

    Done. 你好，世界！
    """
}
