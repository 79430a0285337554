import Testing
@testable import Render

/// OSC 8 hyperlinks: styles carry a link id, the encoder opens and closes
/// links around runs of linked cells and never leaves one open.
@Suite struct HyperlinkTests {
    private static let open = "\\e]8;;"
    private static let close = "\\e]8;;\\e\\"

    private func encoder(_ hl: HighlightTable, links: Bool = true) -> FrameEncoder {
        hl.set("Underlined", HighlightDef(fg: .indexed(12), attrs: [.underline]))
        var enc = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: hl)
        enc.hyperlinks = links
        return enc
    }

    /// "see docs now" with "docs" linked.
    private func linkedGrid(_ hl: HighlightTable, url: String = "https://example.com/a") -> Grid {
        var g = Grid(width: 20, height: 2)
        let link = hl.withLink(hl.resolve("Underlined"), url: url)
        var col = g.put(text: "see ", row: 0, col: 0, style: .default)
        col = g.put(text: "docs", row: 0, col: col, style: link)
        g.put(text: " now", row: 0, col: col, style: .default)
        return g
    }

    @Test func linkedRunIsWrappedInOSC8AndClosed() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        let text = readable(enc.encode(next: linkedGrid(hl), cursor: nil, cursorVisible: false))
        #expect(text.contains(Self.open + "https://example.com/a\\e\\"), "\(text)")
        let afterLink = text.components(separatedBy: "https://example.com/a\\e\\").last ?? ""
        #expect(afterLink.contains("docs"), "\(text)")
        #expect(afterLink.contains(Self.close), "\(text)")
        // The link closes before " now".
        let closeAt = afterLink.range(of: Self.close)!.lowerBound
        #expect(afterLink[..<closeAt].contains("docs"))
        #expect(!afterLink[..<closeAt].contains("now"))
    }

    @Test func frameNeverEndsWithALinkOpen() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        var g = Grid(width: 10, height: 1)
        g.put(text: "linkedtext", row: 0, col: 0, style: hl.withLink(.default, url: "https://x.org"))
        let text = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text.hasSuffix(Self.close) || text.contains(Self.close + "\\e[?2026l"), "\(text)")
        #expect(enc.pen?.link == 0)
        // Changing one linked cell re-opens the link for that cell only.
        g.put(text: "X", row: 0, col: 3, style: hl.withLink(.default, url: "https://x.org"))
        let next = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(next.contains(Self.open + "https://x.org\\e\\X" + Self.close), "\(next)")
    }

    @Test func disabledOrUnsafeLinksSendNothing() {
        let hl = HighlightTable()
        var off = encoder(hl, links: false)
        #expect(!readable(off.encode(next: linkedGrid(hl), cursor: nil, cursorVisible: false)).contains("]8;"))
        #expect(hl.linkID(for: "https://a/\u{1B}]0;pwned\u{7}") == 0)
        #expect(hl.linkID(for: "https://a/\u{9B}x") == 0)
        #expect(hl.linkID(for: String(repeating: "a", count: HighlightTable.maxURLBytes + 1)) == 0)
        #expect(hl.linkID(for: "") == 0)
        #expect(hl.withLink(.default, url: "bad\u{7}") == .default)
        var on = encoder(hl)
        let text = readable(on.encode(next: linkedGrid(hl, url: "x\u{1B}y"), cursor: nil, cursorVisible: false))
        #expect(!text.contains("]8;;x"), "\(text)")
    }

    @Test func adjacentLinksSwitchWithoutClosingInBetween() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        var g = Grid(width: 4, height: 1)
        g.put(text: "ab", row: 0, col: 0, style: hl.withLink(.default, url: "https://a"))
        g.put(text: "cd", row: 0, col: 2, style: hl.withLink(.default, url: "https://b"))
        let text = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text.contains(Self.open + "https://a\\e\\ab" + Self.open + "https://b\\e\\cd" + Self.close), "\(text)")
    }

    @Test func spacesInsideALinkStayLinked() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        var g = Grid(width: 12, height: 1)
        g.put(text: "two words", row: 0, col: 0, style: hl.withLink(.default, url: "https://a"))
        let text = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text.contains(Self.open + "https://a\\e\\two words" + Self.close), "\(text)")
    }

    @Test func repaintClosesAnyLink() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        _ = enc.encode(next: linkedGrid(hl), cursor: nil, cursorVisible: false)
        enc.invalidate()
        let text = readable(enc.encode(next: linkedGrid(hl), cursor: nil, cursorVisible: false))
        #expect(text.contains("\\e[m" + Self.close), "\(text)")
    }

    @Test func overlayKeepsTheLinkOfTheTopStyle() {
        let hl = HighlightTable()
        let linked = hl.withLink(hl.resolve("Underlined"), url: "https://a")
        let combined = hl.combine(base: hl.resolve("Normal"), over: linked)
        #expect(hl.url(for: hl.style(for: combined).link) == "https://a")
        #expect(hl.style(for: hl.combine(base: linked, over: hl.resolve("Search"))).link == hl.style(for: linked).link)
    }

    @Test func detectionFollowsTermAndOverride() {
        #expect(Hyperlinks.detect(env: ["TERM": "xterm-256color"]))
        #expect(Hyperlinks.detect(env: ["TERM": "xterm-kitty"]))
        #expect(Hyperlinks.detect(env: ["TERM": "foot"]))
        #expect(Hyperlinks.detect(env: ["TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0"]))
        #expect(Hyperlinks.detect(env: ["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]))
        #expect(!Hyperlinks.detect(env: ["TERM": "linux"]))
        #expect(!Hyperlinks.detect(env: ["TERM": "dumb"]))
        #expect(!Hyperlinks.detect(env: [:]))
        #expect(!Hyperlinks.detect(env: ["TERM": "xterm-256color", "WEFT_HYPERLINKS": "0"]))
        #expect(Hyperlinks.detect(env: ["TERM": "linux", "WEFT_HYPERLINKS": "1"]))
    }

    /// A terminal that parses OSC 8 (libvterm) shows exactly the grid:
    /// the link sequences never print or shift cells, over edits that move
    /// links around.
    @Test func libvtermShowsLinkedFramesExactly() {
        let hl = HighlightTable()
        var enc = encoder(hl)
        let vt = VTermOracle(rows: 3, cols: 20)
        let urls = ["https://a.example/1", "https://b.example/2?q=中", "file:///tmp/x"]
        var g = Grid(width: 20, height: 3)
        for step in 0..<60 {
            let row = step % 3, col = (step * 7) % 15
            let style = step % 4 == 0 ? .default : hl.withLink(hl.resolve(step % 2 == 0 ? "Search" : "Normal"),
                                                               url: urls[step % urls.count])
            g.put(text: step % 5 == 0 ? "中文 x" : "ab cd", row: row, col: col, style: style)
            vt.feed(enc.encode(next: g, cursor: Position(row: 2, col: 0), cursorVisible: step % 3 == 0))
            if let problem = vt.mismatch(with: g, highlights: hl, mode: .truecolor) {
                Issue.record("step \(step): \(problem)")
                return
            }
            #expect(enc.pen?.link ?? 0 == 0)
        }
    }
}
