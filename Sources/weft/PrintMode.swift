import Chat
import Glibc
import Kernel

/// `weft -p PROMPT`: sends one prompt and streams the reply to stdout as
/// plain text (no escape sequences when stdout is not a terminal). Exit 0,
/// or 1 with the provider's error on stderr. Tools that need approval are
/// denied (no one is there to ask).
enum PrintMode {
    static func run(options: Options, prompt: String) throws -> Int32 {
        let app = try App(size: Size(width: 80, height: 24))
        let controller = try ChatSetup.controller(app: app, options: options)
        let plain = isatty(STDOUT_FILENO) != 1
        var code: Int32 = 0
        var done = false
        var endsWithNewline = true
        _ = try app.editor.events.create(events: [.modelDelta]) { ev in
            guard let text = ev.data["text"]?.string else { return false }
            let out = plain ? stripControls(text) : stripControls(text)
            StandardStream.output.write(out)
            endsWithNewline = out.hasSuffix("\n")
            return false
        }
        _ = try app.editor.events.create(events: [.promptDone]) { ev in
            if let err = ev.data["error"]?.string {
                // The message may quote the server: never let it drive the terminal.
                StandardStream.error.write("weft: \(stripControls(err))\n")
                code = 1
            }
            done = true
            return false
        }
        let mcp = MCPSetup.install(controller: controller, loop: app.loop, options: options) { message in
            StandardStream.error.write("weft: \(stripControls(message))\n")
        }
        MCPSetup.warnUntrusted { StandardStream.error.write("weft: \($0)\n") }
        // The servers' tools must be there before the one request goes out.
        mcp.waitUntilStarted(loop: app.loop)
        defer { mcp.shutdown() }
        controller.submit(prompt)
        while !done { _ = app.loop.runOnce(timeoutMs: 1000) }
        if !endsWithNewline { StandardStream.output.write("\n") }
        return code
    }

    /// Model text never drives the terminal: C0 (but newline and tab), DEL
    /// and C1 controls are dropped.
    static func stripControls(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { u in
            let v = u.value
            return v == 10 || v == 9 || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v))
        }))
    }
}
