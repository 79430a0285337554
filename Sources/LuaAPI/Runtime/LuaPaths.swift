import Foundation

/// The standard directories of `weft.stdpath` (XDG base directories, each
/// with a `weft` subdirectory).
public enum LuaPaths {
    /// The directory for `kind` ("config", "state", "data", "runtime"), or
    /// nil for an unknown kind.
    ///
    /// - config: `$XDG_CONFIG_HOME/weft` (default `~/.config/weft`)
    /// - state: `$XDG_STATE_HOME/weft` (default `~/.local/state/weft`)
    /// - data: `$XDG_DATA_HOME/weft` (default `~/.local/share/weft`)
    /// - runtime: the runtime directory weft was started with
    public static func stdpath(_ kind: String, runtime: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func xdg(_ variable: String, _ fallback: String) -> String {
            let base = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/\(fallback)"
            return base + "/weft"
        }
        switch kind {
        case "config": return xdg("XDG_CONFIG_HOME", ".config")
        case "state": return xdg("XDG_STATE_HOME", ".local/state")
        case "data": return xdg("XDG_DATA_HOME", ".local/share")
        case "runtime": return runtime
        default: return nil
        }
    }
}
