/// How much the model may do without asking.
///
/// | mode | reads | edits inside the project | edits outside | commands, other tools |
/// |---|---|---|---|---|
/// | `ask` (default) | run | ask | ask | ask |
/// | `edits` | run | run | ask | ask |
/// | `read-only` | run | refused | refused | refused |
/// | `yolo` | run | run | ask | run |
///
/// Raw values are the names used by `--permission-mode`, Lua and the
/// status line.
public enum PermissionMode: String, Hashable, Sendable, CaseIterable {
    /// Reads run; edits and commands ask.
    case ask
    /// Edits inside the project run; commands ask.
    case edits
    /// Nothing that changes anything runs (the model is told).
    case readOnly = "read-only"
    /// Everything runs (edits outside the project still ask).
    case yolo

    /// The next mode for Shift-Tab: ask → edits → read-only → ask, with
    /// yolo in the cycle (after read-only) only when `includeYolo`, so it
    /// is never reached by accident.
    public func next(includeYolo: Bool) -> PermissionMode {
        switch self {
        case .ask: return .edits
        case .edits: return .readOnly
        case .readOnly: return includeYolo ? .yolo : .ask
        case .yolo: return .ask
        }
    }

    /// A short description for the status line and `/mode`.
    public var summary: String {
        switch self {
        case .ask: return "edits and commands ask"
        case .edits: return "edits in the project run without asking"
        case .readOnly: return "no edits, no commands"
        case .yolo: return "everything runs without asking"
        }
    }

    /// What the system prompt tells the model about the mode.
    public var instruction: String {
        switch self {
        case .ask:
            return "Permission mode: ask. File changes and commands are shown to the user, who approves or denies each one."
        case .edits:
            return "Permission mode: edits. File changes inside the project are applied without asking; commands need the user's approval."
        case .readOnly:
            return "Permission mode: read-only. You may read and search files, but edit_file, write_file, run_command and "
                + "other tools that change things are refused: do not call them; describe the changes you would make instead."
        case .yolo:
            return "Permission mode: yolo. Tools run without asking (changes outside the project still need approval)."
        }
    }

    /// The mode named `name`, or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// The names, for messages: `ask|edits|read-only|yolo`.
    public static let names = allCases.map(\.rawValue).joined(separator: "|")
}
