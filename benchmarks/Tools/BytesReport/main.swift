import BenchSupport
import Kernel
import Render

/// Prints the bytes weft writes to the terminal for the frames of
/// shared/PERF.md, as markdown table rows (`make bench` puts them in
/// docs/performance.md). Bytes are deterministic: no timing involved.

func encoder(_ hl: HighlightTable) -> FrameEncoder {
    FrameEncoder(terminfo: Terminfo.load(term: "xterm-256color"), colorMode: .truecolor, highlights: hl)
}

func row(_ name: String, _ bytes: Int, _ target: String) {
    print("| \(name) | \(bytes) | \(target) |")
}

// One cell changes, same style.
do {
    let hl = HighlightTable()
    var enc = encoder(hl)
    var g = Grid(lines: Corpus.prose(bytes: 20_000).prefix(50).map { String($0.prefix(200)) })
    g = Grid(width: 200, height: 50).overlaid(g)
    _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
    g.put("X", row: 20, col: 77, style: .default)
    row("one-cell change", enc.encode(next: g, cursor: nil, cursorVisible: false).count, "<= 20")
}

// The whole screen scrolls by one line.
do {
    let hl = HighlightTable()
    var enc = encoder(hl)
    let lines = Corpus.prose(bytes: 40_000).map { String($0.prefix(200)) }
    let a = Grid(width: 200, height: 50).overlaid(Grid(lines: Array(lines[0..<50])))
    let b = Grid(width: 200, height: 50).overlaid(Grid(lines: Array(lines[1..<51])))
    _ = enc.encode(next: a, cursor: nil, cursorVisible: false)
    row("one-line scroll, 200x50", enc.encode(next: b, cursor: nil, cursorVisible: false).count, "Neovim 69")
}

// Dense highlights: a different truecolor style every few cells.
do {
    let hl = HighlightTable()
    var enc = encoder(hl)
    var g = Grid(width: 200, height: 50)
    var rng = Corpus.Rng(seed: 9)
    let text = Corpus.prose(bytes: 20_000).joined(separator: " ")
    var chars = Array(text)
    var i = 0
    for r in 0..<50 {
        var c = 0
        while c < 200 {
            let style = hl.intern(Style(fg: .rgb(UInt8(rng.int(256)), UInt8(rng.int(256)), UInt8(rng.int(256))),
                                        bg: rng.int(4) == 0 ? .rgb(20, 20, UInt8(rng.int(60))) : .default,
                                        attrs: rng.int(5) == 0 ? [.bold] : []))
            for _ in 0..<(3 + rng.int(5)) where c < 200 {
                if i >= chars.count { chars += chars; }
                g.put(String(chars[i]), row: r, col: c, style: style)
                i += 1; c += 1
            }
        }
    }
    row("dense full redraw, 200x50", enc.encode(next: g, cursor: nil, cursorVisible: false).count, "<= 61440 (Neovim 122 KB)")
}

// One token appended to the last message of a 10,000-message transcript.
do {
    var rig = try RenderRig(messages: 10_000)
    var total = 0
    let n = 100
    for _ in 0..<n {
        let last = rig.buffer.lineCount - 1
        let len = rig.buffer.line(last)?.utf8.count ?? 0
        try rig.buffer.setText(last, len, last, len, [" tok"])
        total += rig.frame()
    }
    row("stream append, per token (10,000 messages)", total / n, "<= 200")
}

// Inline mode: tokens of a streaming reply (every 12th starts a line,
// every 600th finishes the reply into the scrollback) under a
// 10,000-message transcript that is already in the terminal's scrollback.
do {
    var rig = try InlineRig(messages: 10_000)
    var total = 0
    let n = 1_200
    for i in 1...n { total += try rig.token(i) }
    row("inline stream append, per token, line starts and finished replies included (10,000 messages)", total / n, "<= 200")
}

extension Grid {
    /// This grid with `top` drawn over its top-left corner.
    func overlaid(_ top: Grid) -> Grid {
        var g = self
        g.blit(top, at: Position(row: 0, col: 0))
        return g
    }
}
