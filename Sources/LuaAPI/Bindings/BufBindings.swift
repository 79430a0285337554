import Kernel

// weft.buf: buffers (docs/lua-api.md). Indexing is the kernel's
// (0-based, end-exclusive, negative = count + 1 + i), passed through.

extension LuaRuntime {
    /// The buffer named by argument `i` (0 = current).
    func bufferArg(_ c: LuaCall, _ i: Int32) throws -> Buffer {
        try editor.buffer(c.int(i))
    }

    func bufFunctions() -> [String: LuaFunction.Body] {
        [
            "create": { [unowned self] c in
                let o = try LuaOptions(c, 1, allowed: ["name", "scratch", "modifiable"])
                let b = try editor.createBuffer(name: o.string("name") ?? "",
                                                scratch: o.bool("scratch") ?? false,
                                                modifiable: o.bool("modifiable") ?? true)
                created.buffers[currentOwner, default: []].append(b.id)
                return c.push(b.id.raw)
            },
            "list": { [unowned self] c in
                c.push(.array(editor.bufferIDs.map { .int($0.raw) }))
            },
            "find": { [unowned self] c in
                let name = try c.string(1)
                guard let b = editor.findBuffer(name: name), !name.isEmpty else { return c.pushNil() }
                return c.push(b.id.raw)
            },
            "valid": { [unowned self] c in
                let raw = try c.int(1)
                return c.push((try? editor.buffer(raw)) != nil)
            },
            "delete": { [unowned self] c in
                let b = try bufferArg(c, 1)
                try editor.deleteBuffer(b.id)
                return 0
            },
            "name": { [unowned self] c in c.push(try bufferArg(c, 1).name) },
            "line_count": { [unowned self] c in c.push(try bufferArg(c, 1).lineCount) },
            // get_lines and set_lines: LuaRuntime+HotBindings.swift.
            "get_text": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let text = try b.getText(c.int(2), c.int(3), c.int(4), c.int(5))
                return c.push(.array(text.map { .string($0) }))
            },
            "set_text": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let (sr, sc, er, ec) = (try c.int(2), try c.int(3), try c.int(4), try c.int(5))
                try b.setText(sr, sc, er, ec, c.strings(6))
                return 0
            },
            "get_var": { [unowned self] c in
                let b = try bufferArg(c, 1)
                return c.push(b.vars[try c.string(2)] ?? .null)
            },
            "set_var": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let key = try c.string(2)
                let v = try c.plain(3)
                if v == .null { b.vars[key] = nil } else { b.vars[key] = v }
                return 0
            },
        ]
    }

    /// `weft.buf.get_lines(buf, start, end)`; the runtime through `link` (no
    /// reference counting per call; see RuntimeLink for why it is safe).
    static func getLines(_ link: RuntimeLink, _ c: LuaCall) throws -> Int32 {
        if case let (buf, s, e)? = c.ints3(1) {
            let b = try link.with(c) { try $0.editor.buffer(buf) }
            return c.pushLines(of: b, in: try b.lineRange(s, e))
        }
        let b = try link.with(c) { try $0.bufferArg(c, 1) }
        return c.pushLines(of: b, in: try b.lineRange(c.int(2), c.int(3)))
    }

    /// `weft.buf.set_lines(buf, start, end, lines)`, the runtime through `link`.
    static func setLines(_ link: RuntimeLink, _ c: LuaCall) throws -> Int32 {
        let b = try link.with(c) { try $0.bufferArg(c, 1) }
        let (s, e) = (try c.int(2), try c.int(3))
        try b.setLines(s, e, c.strings(4))
        return 0
    }
}
