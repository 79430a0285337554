import Kernel
import Render

/// A transcript in inline mode: everything but the streaming reply is in
/// the scrollback (`Window.firstShownLine`); the live area (the reply and
/// a boxed composer) is drawn by an `InlineScreen` at the bottom of a
/// 200x50 terminal.
public struct InlineRig {
    public var rig: RenderRig
    public var screen: InlineScreen
    public let terminal = Size(width: 200, height: 50)

    /// Rows of the boxed composer below the transcript.
    let composerRows = 3

    public init(messages: Int) throws {
        rig = try RenderRig(messages: messages)
        try rig.buffer.append(["", "A reply starts"])
        rig.window.firstShownLine = rig.buffer.lineCount - 1
        // A boxed composer under the reply, as in the chat UI: the live
        // part grows above it, at the bottom of the terminal.
        let composer = try rig.editor.createBuffer(name: "composer")
        try composer.setLines(0, -1, ["a question being typed"])
        var spec = WindowSpec()
        spec.split = .below
        spec.size = .cells(composerRows)
        spec.border = .rounded
        _ = try rig.editor.openWindow(buffer: composer.id, spec)
        screen = InlineScreen(encoder: rig.encoder, size: terminal, top: terminal.height - 1)
        _ = screen.begin()
        _ = try token(0)
    }

    /// Appends one token to the reply (every 12th starts a line, every
    /// 600th finishes the reply) and draws the frame; returns its bytes.
    public mutating func token(_ n: Int) throws -> Int {
        let buffer = rig.buffer, window = rig.window, editor = rig.editor, compositor = rig.compositor
        var committed: Grid?
        if n > 0 && n % 600 == 0 {
            committed = compositor.renderLines(window, window.firstShownLine..<buffer.lineCount,
                                               width: terminal.width, in: editor)
            try buffer.append(["", "A reply starts"])
            window.firstShownLine = buffer.lineCount - 1
        } else {
            let last = buffer.lineCount - 1
            let len = buffer.line(last)?.utf8.count ?? 0
            try buffer.setText(last, len, last, len, [n % 12 == 11 ? "" : " tok"])
            if n % 12 == 11 { try buffer.append([""]) }
        }
        let rows = compositor.liveRows(window, width: terminal.width, cap: terminal.height, in: editor)
        editor.screenSize = Size(width: terminal.width, height: min(terminal.height, rows + composerRows))
        let frame = compositor.compose(editor)
        return screen.frame(committed: committed, live: frame).count
    }
}
