import Kernel

/// The stock chat layout: `transcript` above, `composer` below it, `status`
/// at the bottom. All three are ordinary buffers and windows: Lua finds them
/// with `weft.win.find(name)`, moves them with `weft.layout.set`, or takes
/// over their drawing with `renderer = "extension"`.
public struct ChatWindows {
    public let transcript: Window
    public let composer: Window
    public let status: Window
    public let transcriptBuffer: Buffer
    public let composerBuffer: Buffer
    public let statusBuffer: Buffer

    /// Creates the buffers and windows (the composer takes focus).
    static func create(in editor: Editor) throws -> ChatWindows {
        let tb = try editor.createBuffer(name: "transcript", scratch: true)
        let cb = try editor.createBuffer(name: "composer", scratch: true)
        let sb = try editor.createBuffer(name: "status", scratch: true)

        var t = WindowSpec()
        t.name = "transcript"
        t.options.linebreak = true
        // Every block keeps a two-cell margin (its marks sit in it), so
        // wrapped rows continue two cells in, under the text.
        t.options.breakindent = false
        t.options.showbreak = "  "
        let transcript = try editor.openWindow(buffer: tb.id, t)
        transcript.view.follow = true
        transcript.options.cursorVisible = false

        var c = WindowSpec()
        c.name = "composer"
        c.split = .below
        c.relativeTo = transcript.id
        c.size = .cells(3)
        c.border = .rounded
        c.options.normalHl = "ChatComposer"
        let composer = try editor.openWindow(buffer: cb.id, c)

        var s = WindowSpec()
        s.name = "status"
        s.split = .below
        s.relativeTo = composer.id
        s.size = .cells(1)
        s.focusable = false
        s.options.wrap = false
        s.options.normalHl = "ChatStatus"
        s.options.cursorVisible = false
        let status = try editor.openWindow(buffer: sb.id, s)

        try editor.focus(composer.id)
        return ChatWindows(transcript: transcript, composer: composer, status: status,
                           transcriptBuffer: tb, composerBuffer: cb, statusBuffer: sb)
    }
}
