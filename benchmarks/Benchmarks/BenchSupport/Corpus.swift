import Kernel
import Render

/// Deterministic text for benchmarks: prose, code, CJK, emoji, combining.
public enum Corpus {
    /// The deterministic generator (Kernel's SplitMix64) so every run
    /// measures the same data.
    public typealias Rng = SplitMix64

    static let words = ["the", "kernel", "window", "buffer", "render", "a", "of", "wrap", "terminal",
                        "quick", "measure", "diff", "extmark", "layout", "streaming", "token", "model"]
    static let mixedWords = ["漢字", "かな", "😀", "👩‍👩‍👧", "é", "naïve", "🇯🇵", "한국어", "x"]

    /// `count` bytes (about) of English-like prose lines.
    public static func prose(bytes count: Int, lineWords: Int = 14, seed: UInt64 = 1) -> [String] {
        var rng = Rng(seed: seed)
        var lines: [String] = []
        var total = 0
        while total < count {
            let line = (0..<lineWords).map { _ in words[rng.int(words.count)] }.joined(separator: " ")
            total += line.utf8.count + 1
            lines.append(line)
        }
        return lines
    }

    /// Lines mixing CJK, emoji ZWJ sequences, flags and combining marks.
    public static func mixed(bytes count: Int, seed: UInt64 = 2) -> [String] {
        var rng = Rng(seed: seed)
        var lines: [String] = []
        var total = 0
        while total < count {
            let line = (0..<12).map { _ in rng.int(3) == 0 ? words[rng.int(words.count)] : mixedWords[rng.int(mixedWords.count)] }
                .joined(separator: " ")
            total += line.utf8.count + 1
            lines.append(line)
        }
        return lines
    }

    /// A transcript-like buffer: `messages` messages of a few lines each,
    /// with a highlight extmark per message header.
    public static func transcript(messages: Int, into editor: Editor, buffer: Buffer) throws {
        let ns = editor.namespaces.create(name: "bench")
        var rng = Rng(seed: 3)
        var lines: [String] = []
        var headers: [Int] = []
        for i in 0..<messages {
            headers.append(lines.count)
            lines.append(i % 2 == 0 ? "You" : "Assistant")
            for _ in 0..<(2 + rng.int(3)) {
                lines.append((0..<(8 + rng.int(20))).map { _ in words[rng.int(words.count)] }.joined(separator: " "))
            }
            lines.append("")
        }
        try buffer.setLines(0, -1, lines)
        for h in headers {
            try buffer.extmarks.set(ns: ns, start: Position(row: h, col: 0), end: Position(row: h, col: lines[h].utf8.count),
                                    decoration: Decoration(hl: "Title"))
        }
    }
}

/// A 200x50 editor showing one buffer with follow-tail, for render benchmarks.
public struct RenderRig {
    public let editor: Editor
    public let buffer: Buffer
    public let window: Window
    public let compositor: Compositor
    public var encoder: FrameEncoder

    public init(width: Int = 200, height: Int = 50, messages: Int) throws {
        editor = Editor(size: Size(width: width, height: height))
        buffer = try editor.createBuffer(name: "transcript")
        window = try editor.openWindow(buffer: buffer.id, WindowSpec())
        window.view.follow = true
        window.options.cursorVisible = false
        try Corpus.transcript(messages: messages, into: editor, buffer: buffer)
        let hl = HighlightTable()
        compositor = Compositor(highlights: hl)
        encoder = FrameEncoder(terminfo: Terminfo.load(term: "xterm-256color"), colorMode: .truecolor, highlights: hl)
        _ = frame()
    }

    /// Composes and encodes one frame; returns the bytes written.
    @discardableResult
    public mutating func frame() -> Int {
        let f = compositor.compose(editor)
        return encoder.encode(f).count
    }
}

extension SplitMix64 {
    /// A number in `0..<n`.
    public mutating func int(_ n: Int) -> Int { below(n) }
}
