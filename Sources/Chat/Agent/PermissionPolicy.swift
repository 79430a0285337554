/// What happens to a tool call.
public enum PermissionDecision: Hashable, Sendable {
    /// Run it.
    case allow
    /// Ask the user (refused when nobody can be asked, as in print mode).
    case ask
    /// Refuse it; the model gets this reason.
    case deny(String)
}

/// Decides whether a tool call runs, asks, or is refused, from the
/// permission mode, the kind of tool, the paths it changes and the policy
/// set for the tool (from Lua, or by answering "always allow").
///
/// Rules, in order:
/// 1. A tool set to `deny` is refused.
/// 2. `read` tools run (unless set to `ask`).
/// 3. In `read-only` mode everything else is refused.
/// 4. An edit of a path outside the project (or inside `.git`) asks,
///    whatever the mode or policy.
/// 5. A tool set to `allow` runs; one set to `ask` asks.
/// 6. Edits run in `edits` and `yolo` mode; commands and other tools run in
///    `yolo` mode; everything else asks.
public struct PermissionPolicy: Hashable, Sendable {
    /// The mode.
    public var mode: PermissionMode
    /// The project (edits outside it always ask).
    public var root: ProjectRoot

    /// A policy for `mode` in project `root`.
    public init(mode: PermissionMode, root: ProjectRoot) {
        self.mode = mode
        self.root = root
    }

    /// The decision for a call of tool `tool` of `kind`, whose policy was
    /// set to `setPolicy` (nil: never set), changing `paths` (canonical;
    /// empty for tools that change no file).
    public func decide(tool: String, kind: ToolKind, setPolicy: ToolPolicy?, paths: [String]) -> PermissionDecision {
        if setPolicy == .deny { return .deny(ToolRegistry.deniedResult(tool).output) }
        if kind == .read { return setPolicy == .ask ? .ask : .allow }
        if mode == .readOnly {
            return .deny("denied: \(tool) is not available in read-only mode (the user chose it); "
                + "do not retry: describe the change or command instead")
        }
        if kind == .edit && paths.contains(where: { !root.contains($0) }) { return .ask }
        if let setPolicy { return setPolicy == .allow ? .allow : .ask }
        switch (mode, kind) {
        case (.edits, .edit), (.yolo, _): return .allow
        default: return .ask
        }
    }
}
