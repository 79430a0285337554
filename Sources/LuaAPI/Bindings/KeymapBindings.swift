import CLua
import Kernel

// weft.keymap, weft.mode and weft.input (docs/lua-api.md).

extension LuaRuntime {
    func keymapFunctions() -> [String: LuaFunction.Body] {
        [
            "set": { [unowned self] c in
                let modes = try modesArg(c, 1)
                let lhs = try c.string(2)
                let rhs = try keymapAction(c, 3, modes: modes, lhs: lhs)
                let o = try LuaOptions(c, 4, allowed: ["buf", "desc", "nowait"])
                let opts = KeymapOptions(buf: try o.int("buf").map { try editor.buffer($0).id },
                                         desc: try o.string("desc"), nowait: try o.bool("nowait") ?? false,
                                         owner: currentOwner)
                for m in modes { try editor.keymaps.set(mode: m, lhs: lhs, rhs: rhs, options: opts) }
                return 0
            },
            "del": { [unowned self] c in
                let modes = try modesArg(c, 1)
                let lhs = try c.string(2)
                let o = try LuaOptions(c, 3, allowed: ["buf"])
                let buf = try o.int("buf").map { try editor.buffer($0).id }
                for m in modes { try editor.keymaps.del(mode: m, lhs: lhs, buf: buf) }
                return 0
            },
            "list": { [unowned self] c in
                let maps = editor.keymaps.list(mode: try c.optString(1))
                return c.push(.array(maps.map(Self.keymapValue)))
            },
            "set_timeout": { [unowned self] c in
                let ms = try c.int(1)
                guard ms >= 0, ms <= 3_600_000 else {
                    throw c.bad(1, "timeout must be 0 to 3600000 ms, got \(ms)")
                }
                editor.dispatcher.timeoutlen = ms
                return 0
            },
        ]
    }

    /// A mode name or a list of mode names.
    private func modesArg(_ c: LuaCall, _ i: Int32) throws -> [String] {
        if c.type(i) == LUA_TTABLE {
            let modes = try c.strings(i)
            guard !modes.isEmpty else { throw c.bad(i, "mode list is empty") }
            return modes
        }
        return [try c.string(i)]
    }

    /// The right-hand side: a function, `":cmd args"` (a command line), or keys.
    private func keymapAction(_ c: LuaCall, _ i: Int32, modes: [String], lhs: String) throws -> KeymapAction {
        switch c.type(i) {
        case LUA_TFUNCTION:
            let h = handler(try c.function(i))
            let what = "keymap \(modes.joined(separator: ",")) \(lhs) (\(h.owner))"
            return .handler(owner: h.owner) { [weak self] in
                _ = try self?.invoke(h, [], what: what)
            }
        case LUA_TSTRING:
            let s = try c.string(i)
            return s.hasPrefix(":") ? .command(s) : .keys(s)
        default:
            throw c.bad(i, "function or string expected, got \(c.isNil(i) && i > c.count ? "no value" : c.typeName(i))")
        }
    }

    static func keymapValue(_ k: KeymapInfo) -> Value {
        var t: [String: Value] = ["mode": .string(k.mode), "lhs": .string(k.lhs), "rhs": .string(k.rhs),
                                  "nowait": .bool(k.nowait)]
        if let d = k.desc { t["desc"] = .string(d) }
        if let b = k.buf { t["buf"] = .int(b.raw) }
        if let o = k.owner { t["owner"] = .string(o) }
        return .table(t)
    }

    func modeFunctions() -> [String: LuaFunction.Body] {
        [
            "get": { [unowned self] c in c.push(editor.mode) },
            "set": { [unowned self] c in
                try editor.setMode(try c.string(1))
                return 0
            },
        ]
    }

    func inputFunctions() -> [String: LuaFunction.Body] {
        [
            "feed": { [unowned self] c in
                try editor.feedKeys(try c.string(1))
                armKeyTimeout()
                return 0
            },
        ]
    }

    /// When keys are pending after a feed, resolves them once `timeoutlen`
    /// has passed on the loop (unless more keys came in the meantime).
    func armKeyTimeout() {
        guard let deadline = editor.dispatcher.deadline else { return }
        let wait = max(0, deadline - editor.now())
        loop.after(ms: wait) { [weak self] in
            guard let self, let d = self.editor.dispatcher.deadline else { return }
            if self.editor.now() >= d { self.editor.keyTimeout() } else { self.armKeyTimeout() }
        }
    }
}
