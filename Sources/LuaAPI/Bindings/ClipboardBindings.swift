import Kernel
import Render

// weft.clipboard (the clipboard primitive), weft.win.get_selection /
// set_selection (window selections) and weft.input.mouse (the cell of the
// mouse key being handled).

extension LuaRuntime {
    /// The register named by the `register` field of option table `i`.
    private func registerArg(_ c: LuaCall, _ i: Int32) throws -> ClipboardRegister {
        let o = try LuaOptions(c, i, allowed: ["register"])
        guard let name = try o.string("register") else { return .clipboard }
        guard let r = ClipboardRegister(name: name) else {
            throw c.bad(i, "field 'register': expected \"+\" (clipboard) or \"*\" (primary), got \"\(name)\"")
        }
        return r
    }

    func clipboardFunctions() -> [String: LuaFunction.Body] {
        [
            "set": { [unowned self] c in
                let text = try c.string(1)
                let copy = editor.clipboard.set(text, register: try registerArg(c, 2))
                return c.push(.table([
                    "bytes": .int(copy.bytes), "lines": .int(copy.lines),
                    "paths": .array(copy.paths.map { .string($0) }),
                    "truncated": .bool(copy.truncated != nil),
                ]))
            },
            "get": { [unowned self] c in
                do {
                    return c.push(try editor.clipboard.get(register: try registerArg(c, 1)))
                } catch let e as KernelError {
                    throw c.fail("\(e)")
                }
            },
            "paths": { [unowned self] c in
                c.push(.array(editor.clipboard.paths.map { p in
                    .table(["name": .string(p.name), "summary": .string(p.summary),
                            "limit": p.limit.map { .int($0) } ?? .null, "reads": .bool(p.canPaste)])
                }))
            },
        ]
    }

    /// `weft.input.mouse()`: where the mouse event being handled happened.
    func inputMouseFunctions() -> [String: LuaFunction.Body] {
        [
            "mouse": { [unowned self] c in
                guard let m = editor.mouse else { return c.pushNil() }
                return c.push(.table(["row": .int(m.row), "col": .int(m.col), "clicks": .int(m.clicks)]))
            },
        ]
    }

    func winSelectionFunctions() -> [String: LuaFunction.Body] {
        [
            "get_selection": { [unowned self] c in
                let w = try windowArg(c, 1)
                guard let sel = w.selection else { return c.pushNil() }
                let buf = try editor.buffer(w.buffer.raw)
                let s = sel.start, e = sel.end
                return c.push(.table([
                    "mode": .string(sel.mode.rawValue),
                    "start": .array([.int(s.row), .int(s.col)]),
                    "end": .array([.int(e.row), .int(e.col)]),
                    "text": .string(SelectionText.text(sel, in: buf, tabstop: w.options.tabstop)),
                ]))
            },
            "set_selection": { [unowned self] c in
                let w = try windowArg(c, 1)
                if c.isNil(2) {
                    try editor.setSelection(w.id, nil)
                    return 0
                }
                let o = try LuaOptions(c, 2, allowed: ["mode", "start", "end"])
                let mode = Selection.Mode(rawValue: try o.choice("mode", Selection.Mode.allCases.map(\.rawValue)) ?? "char") ?? .char
                func position(_ key: String) throws -> Position {
                    guard let list = try o.list(key), list.count == 2, let row = list[0].int, let col = list[1].int else {
                        throw c.bad(2, "field '\(key)': {row, col} expected")
                    }
                    return Position(row: row, col: col)
                }
                do {
                    try editor.setSelection(w.id, Selection(mode: mode, anchor: try position("start"), head: try position("end")))
                } catch let e as KernelError {
                    throw c.bad(2, "\(e)")
                }
                return 0
            },
        ]
    }
}
