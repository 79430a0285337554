import Kernel

/// The canned texts ``MockProvider`` answers with.
enum MockTexts {
    /// The markdown showcase: every element the transcript renders.
    static let markdownShowcase = """
    # Markdown showcase

    This reply exercises **bold**, *italic*, ***both***, ~~strikethrough~~, `inline code` and a [link to the weft repository](https://example.com/weft).

    ## Lists

    - A bullet item
    - A bullet with **nested** items:
      - second level, with `code`
      - another one
        - third level
    - Back at the top level

    1. First ordered item
    2. Second ordered item
       1. nested ordered
       2. nested again
    3. Third ordered item

    ### Task list

    - [x] Stream the reply
    - [x] Render markdown
    - [ ] Conquer the world

    ## Table

    | Language | Greeting | Width |
    |:---------|:--------:|------:|
    | English  | Hello    | 5     |
    | 日本語   | こんにちは | 10    |
    | 中文     | 你好     | 4     |
    | Emoji    | 👋🌍     | 4     |

    ## Code

    ```swift
    struct Greeter {
        let name: String
        func greet() -> String { "Hello, \\(name)!" }
    }
    print(Greeter(name: "weft").greet())
    ```

    ```python
    def fib(n: int) -> int:
        a, b = 0, 1
        for _ in range(n):
            a, b = b, a + b
        return a

    print([fib(i) for i in range(10)])
    ```

    > A quote: *simple things should be simple, complex things should be possible.*
    > — Alan Kay

    ---

    That's everything: headings, emphasis, lists, a task list, a table with CJK and emoji, code in two languages, a quote and a rule.
    """

    /// The thinking shown before the "think" answer.
    static let thinking = """
    The user wants to see thinking. Let me consider what a good demonstration looks like.
    First, the reasoning should stream as its own block, dimmed and collapsed to a summary line.
    Second, the answer should follow as ordinary text once the reasoning is done.
    I'll keep the answer short so the contrast is obvious.
    """

    /// The answer after thinking.
    static let thinkingAnswer = """
    Done thinking. The reasoning above streamed as a separate **thinking** block; \
    it is collapsed to a summary line, and you can expand it to read it in full.
    """

    /// Text full of escape sequences and control characters; the transcript
    /// must show all of it inert.
    static let escapeText = "Here is text with escape sequences that must be shown inert:\n\n"
        + "- SGR colour: \u{1B}[31mred?\u{1B}[0m back to normal\n"
        + "- clear screen: \u{1B}[2J\u{1B}[H (the screen must not clear)\n"
        + "- window title: \u{1B}]0;pwned\u{07} (the title must not change)\n"
        + "- OSC 8 link: \u{1B}]8;;https://example.com\u{1B}\\click\u{1B}]8;;\u{1B}\\\n"
        + "- C1 CSI: \u{9B}1m and DEL: \u{7F}\n"
        + "- bell \u{07}, backspace \u{08}, carriage return \r, vertical tab \u{0B}, form feed \u{0C}\n"
        + "- NUL: \u{00} end\n\n"
        + "If you can read every line above as plain text, rendering is safe."

    /// The reply when no trigger matches: what to type to see each path.
    static let help = """
    Hi! I'm the **mock** provider: offline and deterministic, so you can try every part of the UI without an API key.

    Type a message containing one of these words to see:

    | You type     | You get |
    |--------------|---------|
    | `markdown`   | a showcase of headings, lists, a table (CJK, emoji), code and quotes |
    | `think`      | a thinking block, then an answer |
    | `read` or `tool` | a `read_file` tool call on README.md, then a summary |
    | `fail tool`  | a tool call that fails, then an apology |
    | `two tools`  | two tool calls in one reply |
    | `run`        | a `run_command` call (`echo hello`) that asks for approval |
    | `write`      | a `write_file` call creating `weft-scratch.txt`: the diff to approve |
    | `edit`       | an `edit_file` call changing `weft-scratch.txt` (then try `/undo`) |
    | `fail edit`  | an `edit_file` call that is refused: its `old_string` is not in the file |
    | `error`      | a simulated provider error |
    | `long`       | a long reply (about 2,000 lines) for scrolling |
    | `count to N` | the numbers 1 to N, one per line |
    | `escape`     | text with escape sequences, shown inert |

    To talk to a real model, configure an OpenAI-compatible provider (see `weft --help`).
    """

    /// A long deterministic reply of `lines` lines: sections of prose, one
    /// sentence per line, paragraphs separated by blank lines.
    static func longText(lines: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let subjects = ["The renderer", "A window", "The kernel", "Every buffer", "The loop", "A timer",
                        "The composer", "Each extmark", "The transcript", "A provider"]
        let verbs = ["draws", "measures", "wraps", "schedules", "tracks", "projects", "streams", "caches"]
        let objects = ["the visible lines", "wide characters like 漢字 and 🙂", "every grapheme cluster",
                       "the cursor position", "a diff of the grid", "the next frame", "thousands of tokens",
                       "the scroll offset"]
        let endings = ["without allocating.", "in constant time.", "before the next keystroke.",
                       "while the user scrolls.", "and then rests.", "exactly once."]
        var out: [String] = []
        out.reserveCapacity(lines)
        var section = 0
        while out.count < lines {
            section += 1
            out.append("## Section \(section)")
            out.append("")
            for _ in 0..<3 {
                for _ in 0..<(5 + rng.below(4)) {
                    out.append("\(rng.pick(subjects) ?? "") \(rng.pick(verbs) ?? "") \(rng.pick(objects) ?? "") \(rng.pick(endings) ?? "")")
                }
                out.append("")
            }
        }
        return out.prefix(lines).joined(separator: "\n")
    }

    /// `1\n2\n...\nN`.
    static func counting(to n: Int) -> String {
        guard n > 0 else { return "" }
        var out = ""
        out.reserveCapacity(n * 7)
        for i in 1...n {
            if i > 1 { out += "\n" }
            out += String(i)
        }
        return out
    }
}

extension SplitMix64 {
    /// A double in `0..<1`, for the mock's pacing.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
