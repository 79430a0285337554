#if canImport(Glibc)
import Glibc
#endif

/// A local clipboard program and how to call it, detected once.
///
/// | tool | used when | copies with | reads with |
/// |---|---|---|---|
/// | `wl-copy` | `$WAYLAND_DISPLAY` is set | `wl-copy [--primary]` | `wl-paste --no-newline [--primary]` |
/// | `xclip` | `$DISPLAY` is set | `xclip -selection clipboard\|primary` | `xclip -selection … -o` |
/// | `xsel` | `$DISPLAY` is set, no xclip | `xsel --clipboard\|--primary --input` | `xsel … --output` |
/// | `pbcopy` | macOS | `pbcopy` (clipboard only) | `pbpaste` |
/// | `tmux` | inside tmux (`$TMUX`), none of the above | `tmux load-buffer -w -` (3.2+: also the outer terminal's clipboard) | `tmux save-buffer -` |
///
/// `$WEFT_CLIPBOARD_TOOL` overrides detection: a name from the table, or
/// `none` for no tool (OSC 52 only).
public struct ClipboardTool: Hashable, Sendable {
    /// The program's name ("xclip").
    public let name: String
    /// The command that copies standard input to each register it supports.
    public let copy: [ClipboardRegister: [String]]
    /// The command that prints each register it supports.
    public let paste: [ClipboardRegister: [String]]

    /// The tools weft knows, by name.
    public static let known = ["wl-copy", "xclip", "xsel", "pbcopy", "tmux"]

    /// The tool for `env`: `$WEFT_CLIPBOARD_TOOL` when set, else the first
    /// of the table whose condition holds and whose program is on `PATH`.
    /// - Parameter executable: whether a program is found (tests inject it).
    public static func detect(env: [String: String],
                              executable: (String) -> Bool = { ClipboardTool.onPath($0, env: nil) }) -> ClipboardTool? {
        if let forced = env["WEFT_CLIPBOARD_TOOL"], !forced.isEmpty {
            return forced == "none" ? nil : named(forced, tmuxWrites: true)
        }
        func has(_ k: String) -> Bool { !(env[k] ?? "").isEmpty }
        if has("WAYLAND_DISPLAY"), executable("wl-copy"), executable("wl-paste") { return named("wl-copy") }
        if has("DISPLAY"), executable("xclip") { return named("xclip") }
        if has("DISPLAY"), executable("xsel") { return named("xsel") }
        if executable("pbcopy"), executable("pbpaste") { return named("pbcopy") }
        if has("TMUX"), executable("tmux") { return named("tmux", tmuxWrites: tmuxSupportsW()) }
        return nil
    }

    /// The tool called `name` (one of ``known``), or nil.
    /// - Parameter tmuxWrites: pass `-w` to `tmux load-buffer` (tmux 3.2+).
    public static func named(_ name: String, tmuxWrites: Bool = true) -> ClipboardTool? {
        switch name {
        case "wl-copy", "wl-clipboard":
            return ClipboardTool(name: "wl-copy",
                                 copy: [.clipboard: ["wl-copy"], .primary: ["wl-copy", "--primary"]],
                                 paste: [.clipboard: ["wl-paste", "--no-newline"],
                                         .primary: ["wl-paste", "--no-newline", "--primary"]])
        case "xclip":
            return ClipboardTool(name: "xclip",
                                 copy: [.clipboard: ["xclip", "-selection", "clipboard"],
                                        .primary: ["xclip", "-selection", "primary"]],
                                 paste: [.clipboard: ["xclip", "-selection", "clipboard", "-o"],
                                         .primary: ["xclip", "-selection", "primary", "-o"]])
        case "xsel":
            return ClipboardTool(name: "xsel",
                                 copy: [.clipboard: ["xsel", "--clipboard", "--input"],
                                        .primary: ["xsel", "--primary", "--input"]],
                                 paste: [.clipboard: ["xsel", "--clipboard", "--output"],
                                         .primary: ["xsel", "--primary", "--output"]])
        case "pbcopy":
            return ClipboardTool(name: "pbcopy", copy: [.clipboard: ["pbcopy"]], paste: [.clipboard: ["pbpaste"]])
        case "tmux":
            return ClipboardTool(name: "tmux",
                                 copy: [.clipboard: ["tmux", "load-buffer"] + (tmuxWrites ? ["-w"] : []) + ["-"]],
                                 paste: [.clipboard: ["tmux", "save-buffer", "-"]])
        default:
            return nil
        }
    }

    /// Whether `program` is an executable file in `PATH` (from `env`, or
    /// weft's own environment when nil).
    public static func onPath(_ program: String, env: [String: String]?) -> Bool {
        let path = env?["PATH"] ?? (getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin")
        for dir in path.split(separator: ":") where access("\(dir)/\(program)", X_OK) == 0 {
            return true
        }
        return false
    }

    /// Whether the tmux on `PATH` is 3.2 or newer (`load-buffer -w`),
    /// from `tmux -V`.
    static func tmuxSupportsW() -> Bool {
        guard let out = try? ClipboardProcess.read(["tmux", "-V"], timeoutMs: 1000) else { return false }
        // "tmux 3.3a", "tmux next-3.4", "tmux openbsd-7.4"
        let digits = out.drop { !$0.isNumber }
        let parts = digits.split(separator: ".", maxSplits: 1)
        guard let major = parts.first.flatMap({ Int($0) }) else { return true }
        let minor = parts.count > 1 ? Int(parts[1].prefix { $0.isNumber }) ?? 0 : 0
        return major > 3 || (major == 3 && minor >= 2)
    }
}
