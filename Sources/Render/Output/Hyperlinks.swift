/// Whether to send OSC 8 hyperlinks (`FrameEncoder.hyperlinks`).
///
/// Terminals that do not know OSC 8 mostly ignore it, but some (the Linux
/// console, `dumb` pipes) show garbage, so links are sent only where they
/// are known to work.
public enum Hyperlinks {
    /// Decides from the environment, first match wins:
    /// 1. `WEFT_HYPERLINKS` = `1`/`on`/`true`/`yes` or `0`/`off`/`false`/`no`;
    /// 2. `TERM` empty, `dumb` or `linux*` -> off;
    /// 3. inside tmux (`TMUX`), or `TERM_PROGRAM` iTerm, WezTerm, vscode,
    ///    ghostty, tmux -> on;
    /// 4. `TERM` naming xterm, kitty, wezterm, foot, alacritty, ghostty,
    ///    tmux, screen inside tmux -> on; anything else -> off.
    ///
    ///     Hyperlinks.detect(env: ["TERM": "xterm-256color"])  // true
    ///     Hyperlinks.detect(env: ["TERM": "linux"])           // false
    public static func detect(env: [String: String]) -> Bool {
        if let forced = env["WEFT_HYPERLINKS"]?.lowercased() {
            if ["1", "on", "true", "yes"].contains(forced) { return true }
            if ["0", "off", "false", "no"].contains(forced) { return false }
        }
        let term = env["TERM"]?.lowercased() ?? ""
        if term.isEmpty || term == "dumb" || term.hasPrefix("linux") { return false }
        if let tmux = env["TMUX"], !tmux.isEmpty { return true }
        let program = env["TERM_PROGRAM"]?.lowercased() ?? ""
        if ["iterm.app", "wezterm", "vscode", "ghostty", "tmux"].contains(program) { return true }
        return ["xterm", "kitty", "wezterm", "foot", "alacritty", "ghostty", "tmux"].contains { term.contains($0) }
    }
}
