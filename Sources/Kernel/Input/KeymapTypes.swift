/// What a key mapping does when its keys are typed.
public enum KeymapAction {
    /// Calls a Swift closure (the Lua layer wraps Lua functions in these).
    /// `owner` names who registered it (a file or plugin), for error reports.
    case handler(owner: String?, call: () throws -> Void)
    /// Feeds a key sequence, in canonical notation, as if it were typed.
    case keys(String)
    /// Runs a command line such as `":write"` or `"/model gpt"` through the
    /// command registry.
    case command(String)

    /// A short human-readable form for listings: `<function>`, the keys, or
    /// the command line.
    public var summary: String {
        switch self {
        case .handler: return "<function>"
        case .keys(let k): return k
        case .command(let c): return c
        }
    }
}

/// One default key of a mode, as its owner installs it with
/// ``KeymapTable/setDefaults(mode:owner:_:)``: keys, description, action.
public struct KeyBinding {
    /// The keys in notation (`"<C-g>"`).
    public var lhs: String
    /// What the key does, shown by `weft.keymap.list()` and help.
    public var desc: String
    /// The action.
    public var action: () throws -> Void

    /// A binding of `lhs` to `action`.
    public init(_ lhs: String, _ desc: String, action: @escaping () throws -> Void) {
        self.lhs = lhs
        self.desc = desc
        self.action = action
    }
}

/// Options for ``KeymapTable/set(mode:lhs:rhs:options:)``.
public struct KeymapOptions {
    /// A buffer for a buffer-local mapping; nil for a global one.
    public var buf: BufferID?
    /// A description shown in listings and help.
    public var desc: String?
    /// Fire as soon as the keys match, even when longer mappings share the prefix.
    public var nowait: Bool
    /// Who registered the mapping (file or plugin name).
    public var owner: String?

    /// Creates options; every field is optional.
    public init(buf: BufferID? = nil, desc: String? = nil, nowait: Bool = false, owner: String? = nil) {
        self.buf = buf
        self.desc = desc
        self.nowait = nowait
        self.owner = owner
    }
}

/// One mapping as listed by ``KeymapTable/list(mode:)`` (plain data, the
/// shape `weft.keymap.list` returns).
public struct KeymapInfo: Hashable, Sendable, CustomStringConvertible {
    /// The mode the mapping belongs to.
    public var mode: String
    /// The left-hand side in canonical notation (`"<C-x>a"`), `<leader>` expanded.
    public var lhs: String
    /// The right-hand side summary (see ``KeymapAction/summary``).
    public var rhs: String
    /// The description, if any.
    public var desc: String?
    /// The buffer for a buffer-local mapping; nil for a global one.
    public var buf: BufferID?
    /// Who registered it.
    public var owner: String?
    /// Whether it fires without waiting for longer mappings.
    public var nowait: Bool

    /// Creates a listing entry.
    public init(mode: String, lhs: String, rhs: String, desc: String? = nil,
                buf: BufferID? = nil, owner: String? = nil, nowait: Bool = false) {
        self.mode = mode
        self.lhs = lhs
        self.rhs = rhs
        self.desc = desc
        self.buf = buf
        self.owner = owner
        self.nowait = nowait
    }

    /// `mode lhs -> rhs` plus the buffer when buffer-local.
    public var description: String {
        "\(mode) \(lhs) -> \(rhs)" + (buf.map { " (buf \($0.raw))" } ?? "")
    }
}

/// A mapping as stored in the trie: its keys, action and options.
public struct KeymapEntry {
    /// The mode it belongs to.
    public let mode: String
    /// The keys of the left-hand side.
    public let keys: [Key]
    /// What it does.
    public let action: KeymapAction
    /// Its options (buffer, desc, nowait, owner).
    public let options: KeymapOptions

    /// The listing form of this entry.
    public var info: KeymapInfo {
        KeymapInfo(mode: mode, lhs: KeyNotation.format(keys), rhs: action.summary,
                   desc: options.desc, buf: options.buf, owner: options.owner,
                   nowait: options.nowait)
    }
}
