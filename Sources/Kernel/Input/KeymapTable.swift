/// All key mappings: per mode (any string: `"normal"`, `"insert"`,
/// `"composer"`...), global or buffer-local, each (mode, scope) a trie of
/// keys.
///
/// ```swift
/// let maps = KeymapTable()
/// maps.leader = "<Space>"
/// try maps.set(mode: "normal", lhs: "<leader>w", rhs: .command(":write"),
///              options: KeymapOptions(desc: "save"))
/// ```
/// Lookup during typing is done by ``KeyDispatcher``.
public final class KeymapTable {
    /// A trie's identity: mode plus buffer (nil = global).
    struct Scope: Hashable {
        let mode: String
        let buf: BufferID?
    }

    /// The key notation `<leader>` expands to in left-hand sides (default `\`).
    /// Changing it does not rewrite mappings already set.
    public var leader: String = "\\"

    private var tries: [Scope: KeymapTrie] = [:]

    /// Creates an empty table.
    public init() {}

    /// The number of mappings in all modes and scopes.
    public var count: Int { tries.values.reduce(0) { $0 + $1.count } }

    /// Maps `lhs` (key notation, `<leader>` allowed) in `mode` to `rhs`,
    /// replacing a mapping with the same keys in the same scope. A `.keys`
    /// right-hand side is stored normalised (`<leader>` expanded, canonical
    /// tokens), so the feeder needs no leader of its own.
    /// - Throws: `KernelError.invalidArgument` when the mode or `lhs` is empty,
    ///   notation is invalid, or a `.keys` right-hand side is invalid notation.
    public func set(mode: String, lhs: String, rhs: KeymapAction,
                    options: KeymapOptions = KeymapOptions()) throws {
        guard !mode.isEmpty else { throw KernelError.invalidArgument("keymap mode is empty") }
        try set(mode: mode, keys: try parseLHS(lhs), rhs: rhs, options: options)
    }

    /// ``set(mode:lhs:rhs:options:)`` with the left-hand side already parsed.
    private func set(mode: String, keys: [Key], rhs: KeymapAction, options: KeymapOptions) throws {
        guard !mode.isEmpty else { throw KernelError.invalidArgument("keymap mode is empty") }
        var action = rhs
        if case .keys(let k) = rhs {
            action = .keys(KeyNotation.format(try KeyNotation.parse(expandLeader(k))))
        }
        let scope = Scope(mode: mode, buf: options.buf)
        let trie = tries[scope] ?? KeymapTrie()
        tries[scope] = trie
        trie.insert(keys, KeymapEntry(mode: mode, keys: keys, action: action, options: options))
    }

    /// Installs the default keys of `mode` in one call, so each mode's
    /// defaults have one owner and one list: global mappings tagged with
    /// `owner`, replacing mappings of the same keys (Lua maps over them
    /// afterwards, or deletes them).
    /// - Throws: `KernelError.invalidArgument` when two bindings of the list
    ///   have the same keys (however they are spelled: `<C-G>` and `<c-g>`),
    ///   before anything is mapped; errors of ``set(mode:lhs:rhs:options:)``.
    public func setDefaults(mode: String, owner: String, _ bindings: [KeyBinding]) throws {
        var seen: [[Key]: String] = [:]
        var parsed: [[Key]] = []
        parsed.reserveCapacity(bindings.count)
        for b in bindings {
            let keys = try parseLHS(b.lhs)
            if let first = seen[keys] {
                throw KernelError.invalidArgument(
                    "default keys of mode '\(mode)': \(KeyNotation.format(keys)) is bound twice ('\(first)' and '\(b.desc)')")
            }
            seen[keys] = b.desc
            parsed.append(keys)
        }
        // Each left-hand side is parsed once (parsing was most of the
        // stock UI's start-up keymap cost).
        for (b, keys) in zip(bindings, parsed) {
            try set(mode: mode, keys: keys, rhs: .handler(owner: owner, call: b.action),
                    options: KeymapOptions(desc: b.desc, owner: owner))
        }
    }

    /// Deletes the mapping of `lhs` in `mode` (buffer-local when `buf` is given).
    /// - Throws: `KernelError.notFound` when there is no such mapping;
    ///   `KernelError.invalidArgument` for bad notation.
    public func del(mode: String, lhs: String, buf: BufferID? = nil) throws {
        let keys = try parseLHS(lhs)
        let scope = Scope(mode: mode, buf: buf)
        guard let trie = tries[scope], trie.remove(keys) else {
            let whereText = buf.map { " for buffer \($0.raw)" } ?? ""
            throw KernelError.notFound(
                "no mapping for '\(KeyNotation.format(keys))' in mode '\(mode)'\(whereText)")
        }
        if trie.isEmpty { tries[scope] = nil }
    }

    /// Removes every mapping local to `buf` (all modes), e.g. when the buffer
    /// is deleted.
    public func clear(buf: BufferID) {
        for scope in tries.keys where scope.buf == buf { tries[scope] = nil }
    }

    /// The mapping of exactly `lhs` in `mode` and the given scope, if any.
    /// - Throws: `KernelError.invalidArgument` for bad notation.
    public func get(mode: String, lhs: String, buf: BufferID? = nil) throws -> KeymapEntry? {
        let keys = try parseLHS(lhs)
        return tries[Scope(mode: mode, buf: buf)]?.node(keys[...])?.entry
    }

    /// Every mapping of `mode` (all modes when nil), ordered by mode, then
    /// global before buffer-local (by buffer id), then by keys.
    public func list(mode: String? = nil) -> [KeymapInfo] {
        let scopes = tries.keys.filter { mode == nil || $0.mode == mode }.sorted { a, b in
            if a.mode != b.mode { return a.mode < b.mode }
            return (a.buf?.raw ?? Int.min) < (b.buf?.raw ?? Int.min)
        }
        return scopes.flatMap { tries[$0]?.entries().map(\.info) ?? [] }
    }

    /// Checks every trie's invariants (debug aid for tests); returns one
    /// message per violation, empty when the table is sound.
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        for (scope, trie) in tries {
            let name = "\(scope.mode)/\(scope.buf.map { "buf \($0.raw)" } ?? "global")"
            if trie.isEmpty { problems.append("\(name): empty trie kept") }
            problems += trie.checkInvariants().map { "\(name): \($0)" }
            for e in trie.entries() where e.mode != scope.mode || e.options.buf != scope.buf {
                problems.append("\(name): entry for \(e.mode)/\(String(describing: e.options.buf)) misfiled")
            }
        }
        return problems
    }

    // MARK: - Lookup for the dispatcher

    /// The trie for a scope, if it has mappings.
    func trie(mode: String, buf: BufferID?) -> KeymapTrie? {
        tries[Scope(mode: mode, buf: buf)]
    }

    // MARK: - Notation

    /// Parses a left-hand side with `<leader>` expanded.
    private func parseLHS(_ lhs: String) throws -> [Key] {
        let keys = try KeyNotation.parseKeys(expandLeader(lhs))
        guard !keys.isEmpty else { throw KernelError.invalidArgument("keymap lhs is empty") }
        return keys
    }

    /// Replaces every `<leader>` (any case) with ``leader``.
    func expandLeader(_ s: String) -> String {
        if let ascii = expandLeaderASCII(s) { return ascii }
        guard s.contains("<") else { return s }
        let chars = Array(s)
        let word = Array("<leader>")
        var out = ""
        var i = 0
        while i < chars.count {
            if i + word.count <= chars.count,
               zip(chars[i..<(i + word.count)], word).allSatisfy({ $0.lowercased() == String($1) }) {
                out += leader
                i += word.count
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// ``expandLeader(_:)`` for ASCII text, on its bytes (the general loop
    /// splits the text into characters and lowercases each one); nil for
    /// other text. In ASCII every character is one byte, so matching
    /// `<leader>` with the bytes ASCII-lowercased finds what the general
    /// loop finds.
    private func expandLeaderASCII(_ s: String) -> String? {
        var text = s
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard bytes.contains(UInt8(ascii: "<")) else { return s }
            let word = Array("<leader>".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if i + word.count <= bytes.count,
                   (0..<word.count).allSatisfy({ j in Self.asciiLower(bytes[i + j]) == word[j] }) {
                    out.append(contentsOf: leader.utf8)
                    i += word.count
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func asciiLower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }
}
