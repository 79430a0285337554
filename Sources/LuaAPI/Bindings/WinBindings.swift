import Kernel

// weft.win: windows (docs/lua-api.md). `0` means the current window.

extension LuaRuntime {
    /// The window named by argument `i` (0 = current).
    func windowArg(_ c: LuaCall, _ i: Int32) throws -> Window {
        try editor.window(c.int(i))
    }

    func winFunctions() -> [String: LuaFunction.Body] {
        [
            "open": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let o = try LuaOptions(c, 2, allowed: WinConfig.keys)
                let w = try editor.openWindow(buffer: b.id, WinConfig.spec(o, editor: editor))
                created.windows[currentOwner, default: []].append(w.id)
                return c.push(w.id.raw)
            },
            "close": { [unowned self] c in
                let w = try windowArg(c, 1)
                try editor.closeWindow(w.id, force: try c.optBool(2) ?? false)
                return 0
            },
            "list": { [unowned self] c in
                c.push(.array(editor.windowIDs.map { .int($0.raw) }))
            },
            "current": { [unowned self] c in
                guard let id = editor.currentWindowID else { return c.pushNil() }
                return c.push(id.raw)
            },
            "focus": { [unowned self] c in
                try editor.focus(try windowArg(c, 1).id)
                return 0
            },
            "find": { [unowned self] c in
                guard let w = editor.findWindow(name: try c.string(1)) else { return c.pushNil() }
                return c.push(w.id.raw)
            },
            "get_config": { [unowned self] c in
                c.push(WinConfig.value(of: try windowArg(c, 1), editor: editor))
            },
            "set_config": { [unowned self] c in
                let w = try windowArg(c, 1)
                _ = try c.table(2)
                try setConfig(w, LuaOptions(c, 2, allowed: WinConfig.keys))
                return 0
            },
            "get_buf": { [unowned self] c in c.push(try windowArg(c, 1).buffer.raw) },
            "set_buf": { [unowned self] c in
                let w = try windowArg(c, 1)
                let b = try bufferArg(c, 2)
                if w.buffer != b.id {
                    w.buffer = b.id
                    w.cursor = Position(row: 0, col: 0)
                    w.view = WindowView()
                }
                editor.requestRedraw()
                return 0
            },
            "get_cursor": { [unowned self] c in
                let w = try windowArg(c, 1)
                c.push(w.cursor.row)
                return c.push(w.cursor.col) + 1
            },
            "set_cursor": { [unowned self] c in
                let w = try windowArg(c, 1)
                let (row, col) = (try c.int(2), try c.int(3))
                let b = try editor.buffer(w.buffer.raw)
                guard let line = b.line(row) else {
                    throw c.bad(2, "row \(row) out of range (buffer has \(b.lineCount) lines)")
                }
                w.cursor = Position(row: row, col: Self.snap(col, in: line))
                editor.requestRedraw()
                return 0
            },
            "get_view": { [unowned self] c in
                let v = try windowArg(c, 1).view
                return c.push(.table(["topline": .int(v.topline), "skip": .int(v.skip), "follow": .bool(v.follow)]))
            },
            "set_view": { [unowned self] c in
                let w = try windowArg(c, 1)
                _ = try c.table(2)
                let o = try LuaOptions(c, 2, allowed: ["topline", "skip", "follow"])
                var v = w.view
                if let t = try o.int("topline") {
                    guard t >= 0 else { throw c.bad(2, "field 'topline': must not be negative, got \(t)") }
                    v.topline = min(t, max(0, (try editor.buffer(w.buffer.raw)).lineCount - 1))
                }
                if let s = try o.int("skip") {
                    guard s >= 0 else { throw c.bad(2, "field 'skip': must not be negative, got \(s)") }
                    v.skip = s
                }
                v.follow = try o.bool("follow") ?? v.follow
                w.view = v
                editor.requestRedraw()
                return 0
            },
            "scroll": { [unowned self] c in
                let w = try windowArg(c, 1)
                let rows = try c.int(2)
                let count = (try editor.buffer(w.buffer.raw)).lineCount
                let top = w.view.topline.addingReportingOverflow(rows)
                w.view.topline = top.overflow ? (rows < 0 ? 0 : count - 1) : min(max(0, top.partialValue), max(0, count - 1))
                w.view.skip = 0
                if rows < 0 { w.view.follow = false }
                editor.requestRedraw()
                return c.push(w.view.topline)
            },
            "get_rect": { [unowned self] c in
                let w = try windowArg(c, 1)
                guard let r = rect(of: w) else { return c.pushNil() }
                return c.push(.table(["row": .int(r.row), "col": .int(r.col),
                                      "width": .int(r.width), "height": .int(r.height)]))
            },
        ]
    }

    /// `col` moved into `0...line.utf8.count` and back onto a character boundary.
    static func snap(_ col: Int, in line: String) -> Int {
        let bytes = Array(line.utf8)
        var c = min(max(0, col), bytes.count)
        while c > 0, c < bytes.count, bytes[c] & 0xC0 == 0x80 { c -= 1 }
        return c
    }

    /// Where `w` is on screen: from the UI when attached, else computed from
    /// the layout and the float configuration. Nil when hidden.
    func rect(of w: Window) -> Rect? {
        if let r = ui?.windowRect(w.id) { return r }
        guard !w.hidden else { return nil }
        let screen = Rect(size: ui?.screenSize() ?? editor.screenSize)
        let tiled = editor.layout?.compute(in: screen) ?? [:]
        guard let f = w.floatConfig else { return tiled[w.id] }
        var anchorRect: Rect?
        if case .win(let id) = f.relative, let other = editor.windows[id] {
            anchorRect = other.isFloating ? rect(of: other) : tiled[id]
        }
        return FloatLayout(config: f, editor: screen, window: anchorRect).outer
    }

    /// Applies a partial config: keys left out keep their values.
    func setConfig(_ w: Window, _ o: LuaOptions) throws {
        if let name = try o.string("name"), name != w.name {
            if !name.isEmpty, editor.findWindow(name: name) != nil {
                throw o.call.fail("a window named '\(name)' already exists")
            }
            w.name = name
        }
        let wantsFloat = !o.fields.keys.filter { WinConfig.floatKeys.contains($0) }.isEmpty
        let wantsTiled = o.has("split") || ((o.has("size") || o.has("weight")) && !wantsFloat)
        let options = try WinConfig.options(o, base: w.options)
        if w.isFloating && !wantsTiled || wantsFloat {
            // Border, title and focusable of floats live in the float config.
            let f = try WinConfig.float(o, base: w.floatConfig, editor: editor)
            if let f { try editor.setPlacement(w.id, float: f) }
        } else {
            if o.has("split") && !w.isFloating {
                throw o.call.fail("a tiled window cannot be moved with 'split'; use weft.layout.set")
            }
            var spec = WindowSpec()
            if let d = try o.choice("split", SplitDirection.allCases.map(\.rawValue)) {
                spec.split = SplitDirection(rawValue: d) ?? .below
            }
            if let rel = try o.int("win") { spec.relativeTo = try editor.window(rel).id }
            spec.size = try WinConfig.size(o)
            try editor.setPlacement(w.id, float: nil, split: spec)
            if let b = o.value("border") { w.border = try WinConfig.border(b, o) }
            if o.has("title") { w.title = try o.string("title") }
            if let p = try o.choice("title_pos", TitlePosition.allCases.map(\.rawValue)) {
                w.titlePos = TitlePosition(rawValue: p) ?? .left
            }
            if o.has("footer") { w.footer = try o.string("footer") }
            if let p = try o.choice("footer_pos", TitlePosition.allCases.map(\.rawValue)) {
                w.footerPos = TitlePosition(rawValue: p) ?? .left
            }
            w.focusable = try o.bool("focusable") ?? w.focusable
        }
        w.options = options
        if let r = try o.choice("renderer", ["stock", "extension"]) {
            w.renderer = WindowRenderer(rawValue: r) ?? .stock
        }
        if let h = try o.bool("hidden") { try editor.setHidden(w.id, h) }
        if try o.bool("enter") == true { try editor.focus(w.id) }
        editor.requestRedraw()
    }
}
