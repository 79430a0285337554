import Kernel
import Render

/// The clipboard paths of a running weft: OSC 52 through the terminal (when
/// there is one and it takes OSC 52) and the local tool, found on first use.
/// Headless runs use a tool only when `$WEFT_CLIPBOARD_TOOL` names one, so
/// scripts and tests never touch the desktop's clipboard by accident.
enum ClipboardSetup {
    static func install(_ app: App, terminal: TerminalSession?) {
        let env = ProcessInfoLite.env
        let loop = app.loop
        app.editor.clipboard.detect = { [weak terminal] in
            var paths: [ClipboardPath] = []
            if let terminal {
                let t = OSC52.terminal(env: env)
                if t.maxPayload > 0 {
                    paths.append(OSC52ClipboardPath(terminal: t) { [weak terminal] bytes in try terminal?.device.write(bytes) })
                }
            }
            if terminal != nil || !(env["WEFT_CLIPBOARD_TOOL"] ?? "").isEmpty, let tool = ClipboardTool.detect(env: env) {
                paths.append(ToolClipboardPath(tool: tool, loop: loop))
            }
            return paths
        }
    }

    /// The `--health` lines: the terminal's OSC 52 and the local tool.
    static func healthLines(env: [String: String]) -> [String] {
        let t = OSC52.terminal(env: env)
        let osc = OSC52ClipboardPath(terminal: t) { _ in }
        var lines = ["clipboard: \(osc.summary)"]
        if let tool = ClipboardTool.detect(env: env) {
            lines.append("clipboard: local tool \(tool.name): copies with `\((tool.copy[.clipboard] ?? []).joined(separator: " "))`"
                         + (tool.paste[.clipboard].map { ", reads with `\($0.joined(separator: " "))`" } ?? ""))
        } else {
            let why = (env["WEFT_CLIPBOARD_TOOL"] ?? "") == "none" ? "WEFT_CLIPBOARD_TOOL=none"
                : "none of wl-copy ($WAYLAND_DISPLAY), xclip/xsel ($DISPLAY), pbcopy, tmux ($TMUX) is usable here"
            lines.append("clipboard: no local tool (\(why)); reading gives what weft copied last")
        }
        return lines
    }
}
