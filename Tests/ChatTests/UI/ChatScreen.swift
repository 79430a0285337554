import Foundation
import Kernel
import Render
import Testing
@testable import Chat

/// The stock chat UI on a virtual screen, for screen tests in the style of
/// Neovim's `screen:expect`: `transcript()` gives the transcript window's
/// rows, one per line ending in `|`, styled runs as `{N:text}` where N
/// numbers the styles in order of appearance and `legend` names them by
/// highlight group (`MdCode`, or `MdCodeBlock+SynKeyword` for a combined
/// style). `dump()` prints a ready-to-paste expectation.
final class ChatScreen {
    let editor: Editor
    let loop: MainLoop
    let highlights = HighlightTable()
    let compositor: Compositor
    let controller: ChatController
    let ui: ChatUI

    init(width: Int = 50, height: Int = 20, provider: Provider = MockProvider(tokensPerSecond: 0, firstTokenLatency: 0),
         cwd: String? = nil) throws {
        editor = Editor(size: Size(width: width, height: height))
        loop = try MainLoop()
        compositor = Compositor(highlights: highlights)
        let dir = NSTemporaryDirectory() + "weft-chat-screen-\(UUID().uuidString)"
        controller = ChatController(editor: editor, loop: loop, provider: provider, tools: ToolRegistry(),
                                    store: SessionStore(root: dir), cwd: cwd ?? dir)
        ui = try ChatUI(editor: editor, loop: loop, highlights: highlights, controller: controller, historyPath: nil)
        ui.scrollHook = { [compositor, editor] win, rows in compositor.scroll(win, in: editor, rows: rows) }
        ui.compositor = compositor
        // Give every chat group its own foreground so that each has its
        // own style id and the legend can name it unambiguously.
        for (i, (name, def)) in ChatHighlights.defaults.enumerated() {
            highlights.set(name, HighlightDef(fg: .indexed(UInt8(100 + i)), bg: def.bg, attrs: def.attrs))
        }
    }

    /// Shows a conversation: each pair is a user prompt and the assistant's
    /// markdown reply.
    func show(_ turns: [(String, String)]) {
        var messages: [ChatMessage] = []
        for (prompt, reply) in turns {
            messages.append(ChatMessage(role: .user, blocks: [.userText(prompt)]))
            messages.append(ChatMessage(role: .assistant, blocks: [.assistantText(reply)]))
        }
        controller.reset(to: messages)
    }

    /// Shows one message with the given blocks.
    func show(role: ChatRole, _ blocks: [ChatBlock]) {
        controller.reset(to: [ChatMessage(role: role, blocks: blocks)])
    }

    /// Resizes the screen as the terminal would.
    func resize(width: Int, height: Int) {
        let size = Size(width: width, height: height)
        editor.screenSize = size
        editor.emit(.resize, data: .table(["width": .int(width), "height": .int(height)]))
    }

    /// Composes a frame (emitting `render` first, as the app does).
    func frame() -> Grid {
        editor.emit(.render)
        return compositor.compose(editor).grid
    }

    /// The transcript window's rectangle on the screen.
    var transcriptRect: Rect {
        editor.layout?.compute(in: Rect(size: editor.screenSize))[ui.windows.transcript.id] ?? Rect(size: editor.screenSize)
    }

    /// The transcript rows and the style legend.
    func transcript() -> (rows: String, legend: [Int: String]) {
        let grid = frame()
        let rect = transcriptRect
        let names = styleNames()
        var numbers: [StyleID: Int] = [:]
        var legend: [Int: String] = [:]
        let normal = highlights.resolve("Normal")
        var rows: [String] = []
        for r in rect.row..<(rect.row + rect.height) {
            var out = ""
            var open: StyleID?
            for c in rect.col..<(rect.col + rect.width) {
                let cell = grid[r, c]
                if cell.isContinuation { continue }
                let style: StyleID? = cell.style == normal || cell.style == .default ? nil : cell.style
                if style != open {
                    if open != nil { out += "}" }
                    if let s = style {
                        let n = numbers[s] ?? { let n = numbers.count + 1; numbers[s] = n; legend[n] = name(s, names); return n }()
                        out += "{\(n):"
                    }
                    open = style
                }
                out += grid.cluster(row: r, col: c)
            }
            if open != nil { out += "}" }
            rows.append(out + "|")
        }
        return (rows.joined(separator: "\n"), legend)
    }

    /// The name of style `id`: its group(s), and the URL of a link.
    private func name(_ id: StyleID, _ names: [StyleID: String]) -> String {
        if let n = names[id] { return n }
        var style = highlights.style(for: id)
        guard style.link != 0, let url = highlights.url(for: style.link) else { return "?\(id.raw)" }
        style.link = 0
        return (names[highlights.intern(style)] ?? "?") + " url=" + url
    }

    /// Style ids named by chat group, or by two groups combined.
    private func styleNames() -> [StyleID: String] {
        let groups = ChatHighlights.defaults.map(\.0) + ChatUI.uiGroups.map(\.0) + ["NonText"]
        var names: [StyleID: String] = [:]
        for g in groups where names[highlights.resolve(g)] == nil { names[highlights.resolve(g)] = g }
        for a in groups {
            for b in groups where a != b {
                let id = highlights.combine(base: highlights.resolve(a), over: highlights.resolve(b))
                if names[id] == nil { names[id] = a + "+" + b }
            }
        }
        return names
    }

    /// Prints the transcript as an expectation to paste into a test.
    func dump() {
        let t = transcript()
        let legend = t.legend.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
        print("s.expect(\"\"\"\n\(t.rows)\n\"\"\", legend: [\(legend)])")
    }

    /// Compares the transcript with `expected` (and the legend), printing
    /// both screens and the first differing row on failure.
    func expect(_ expected: String, legend: [Int: String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let got = transcript()
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let have = got.rows.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if want != have {
            let row = (0..<min(want.count, have.count)).first { want[$0] != have[$0] } ?? min(want.count, have.count)
            Issue.record("screen differs at row \(row)\nexpected:\n\(expected)\ngot:\n\(got.rows)\nlegend: \(got.legend)",
                         sourceLocation: sourceLocation)
        } else if let legend, legend != got.legend {
            Issue.record("legend differs: expected \(legend), got \(got.legend)", sourceLocation: sourceLocation)
        }
    }
}
