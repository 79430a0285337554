import Kernel

// Window configuration tables of `win.open`, `win.get_config` and
// `win.set_config`, converted to and from the kernel's types in one place.

enum WinConfig {
    static let keys: Set<String> = [
        "name", "split", "win", "size", "weight", "relative", "row", "col", "width", "height",
        "anchor", "zindex", "border", "title", "title_pos", "footer", "footer_pos", "focusable", "renderer", "hidden",
        "enter", "options",
    ]
    static let floatKeys: Set<String> = ["relative", "row", "col", "width", "height", "anchor", "zindex"]
    static let optionKeys: Set<String> = [
        "wrap", "linebreak", "breakindent", "showbreak", "tabstop", "normal_hl", "cursor_visible",
    ]

    // MARK: - Reading

    /// A float configuration from `o`, merged onto `base` (keys left out
    /// keep `base`'s values). Nil when `o` has no float key and no base.
    static func float(_ o: LuaOptions, base: FloatConfig?, editor: Editor) throws -> FloatConfig? {
        guard base != nil || o.has("relative") else { return nil }
        var f = base ?? FloatConfig(row: 0, col: 0, width: 0, height: 0)
        if let rel = try o.choice("relative", ["editor", "win", "cursor"]) {
            switch rel {
            case "win":
                let w = try o.int("win") ?? editor.currentWindowID?.raw ?? 0
                f.relative = .win(try editor.window(w).id)
            case "cursor": f.relative = .cursor
            default: f.relative = .editor
            }
        }
        if base == nil {
            guard o.has("width"), o.has("height") else {
                throw o.call.bad(o.index, "a float (relative = ...) needs 'width' and 'height'")
            }
        }
        f.row = try o.int("row") ?? f.row
        f.col = try o.int("col") ?? f.col
        f.width = try o.int("width") ?? f.width
        f.height = try o.int("height") ?? f.height
        if let a = try o.choice("anchor", Anchor.allCases.map(\.rawValue)) { f.anchor = Anchor(rawValue: a) ?? .NW }
        f.zindex = try o.int("zindex") ?? f.zindex
        if let b = o.value("border") { f.border = try border(b, o) }
        if o.has("title") { f.title = try o.string("title") }
        if let p = try o.choice("title_pos", TitlePosition.allCases.map(\.rawValue)) {
            f.titlePos = TitlePosition(rawValue: p) ?? .left
        }
        if o.has("footer") { f.footer = try o.string("footer") }
        if let p = try o.choice("footer_pos", TitlePosition.allCases.map(\.rawValue)) {
            f.footerPos = TitlePosition(rawValue: p) ?? .left
        }
        f.focusable = try o.bool("focusable") ?? f.focusable
        do { try f.validate() } catch let e as KernelError { throw o.call.bad(o.index, e.description) }
        return f
    }

    /// A border: a style name or a list of 1, 2, 4 or 8 characters (strings
    /// or `{char, hl}` pairs).
    static func border(_ v: Value, _ o: LuaOptions) throws -> BorderStyle {
        if let name = v.string {
            guard let b = BorderStyle(name: name) else {
                throw o.call.bad(o.index, "field 'border': unknown style \"\(name)\" (expected none, single, double, rounded, solid or a list of characters)")
            }
            return b
        }
        guard let list = v.array else { throw o.error("border", "string or list", v) }
        let chars = try list.map { item -> BorderChar in
            if let s = item.string { return BorderChar(char: s) }
            if let pair = item.array, let ch = pair.first?.string {
                return BorderChar(char: ch, hl: pair.count > 1 ? pair[1].string : nil)
            }
            throw o.call.bad(o.index, "field 'border': each character must be a string or {char, hl}")
        }
        do { return try BorderStyle.make(chars) } catch let e as KernelError {
            throw o.call.bad(o.index, e.description)
        }
    }

    /// Window options merged onto `base`.
    static func options(_ o: LuaOptions, base: WindowOptions) throws -> WindowOptions {
        guard let t = try o.table("options") else { return base }
        if let bad = t.keys.sorted().first(where: { !optionKeys.contains($0) }) {
            throw o.call.bad(o.index, "field 'options': unknown option '\(bad)' (expected one of: \(optionKeys.sorted().joined(separator: ", ")))")
        }
        let n = LuaOptions(o.call, o.index, fields: t)
        var w = base
        w.wrap = try n.bool("wrap") ?? w.wrap
        w.linebreak = try n.bool("linebreak") ?? w.linebreak
        w.breakindent = try n.bool("breakindent") ?? w.breakindent
        w.showbreak = try n.string("showbreak") ?? w.showbreak
        if let ts = try n.int("tabstop") {
            guard ts >= 1, ts <= 32 else { throw o.call.bad(o.index, "field 'options': tabstop must be 1 to 32, got \(ts)") }
            w.tabstop = ts
        }
        w.normalHl = try n.string("normal_hl") ?? w.normalHl
        w.cursorVisible = try n.bool("cursor_visible") ?? w.cursorVisible
        return w
    }

    /// The size along the split axis: `size` cells or a `weight`.
    static func size(_ o: LuaOptions) throws -> SizeSpec? {
        if let s = try o.int("size") {
            guard s > 0 else { throw o.call.bad(o.index, "field 'size': must be a positive number of cells, got \(s)") }
            return .cells(s)
        }
        if let w = try o.number("weight") {
            guard w.isFinite, w > 0 else { throw o.call.bad(o.index, "field 'weight': must be a positive number, got \(w)") }
            return .weight(w)
        }
        return nil
    }

    /// A `WindowSpec` for `win.open`.
    static func spec(_ o: LuaOptions, editor: Editor) throws -> WindowSpec {
        var spec = WindowSpec()
        spec.name = try o.string("name") ?? ""
        spec.float = try float(o, base: nil, editor: editor)
        if spec.float == nil {
            if let d = try o.choice("split", SplitDirection.allCases.map(\.rawValue)) {
                spec.split = SplitDirection(rawValue: d) ?? .below
            }
            if let w = try o.int("win") { spec.relativeTo = try editor.window(w).id }
            spec.size = try size(o)
            if let b = o.value("border") { spec.border = try border(b, o) }
            spec.title = try o.string("title")
            spec.footer = try o.string("footer")
            spec.focusable = try o.bool("focusable") ?? true
        }
        if let r = try o.choice("renderer", ["stock", "extension"]) {
            spec.renderer = WindowRenderer(rawValue: r) ?? .stock
        }
        spec.hidden = try o.bool("hidden") ?? false
        spec.enter = try o.bool("enter") ?? false
        spec.options = try options(o, base: WindowOptions())
        return spec
    }

    // MARK: - Writing

    /// The Lua table of `win.get_config`.
    static func value(of w: Window, editor: Editor) -> Value {
        var t: [String: Value] = [
            "name": .string(w.name), "renderer": .string(w.renderer.rawValue),
            "hidden": .bool(w.hidden), "focusable": .bool(w.focusable),
            "border": borderValue(w.border), "title_pos": .string(w.titlePos.rawValue),
            "footer_pos": .string(w.footerPos.rawValue),
            "buf": .int(w.buffer.raw), "options": optionsValue(w.options),
        ]
        if let title = w.title { t["title"] = .string(title) }
        if let footer = w.footer { t["footer"] = .string(footer) }
        if let f = w.floatConfig {
            switch f.relative {
            case .editor: t["relative"] = "editor"
            case .cursor: t["relative"] = "cursor"
            case .win(let id): t["relative"] = "win"; t["win"] = .int(id.raw)
            }
            t["row"] = .int(f.row); t["col"] = .int(f.col)
            t["width"] = .int(f.width); t["height"] = .int(f.height)
            t["anchor"] = .string(f.anchor.rawValue); t["zindex"] = .int(f.zindex)
        } else if let size = editor.layout?.size(of: w.id) {
            switch size {
            case .cells(let n): t["size"] = .int(n)
            case .weight(let x): t["weight"] = x == x.rounded() && abs(x) < 9e15 ? .int(Int(x)) : .double(x)
            }
        }
        return .table(t)
    }

    static func borderValue(_ b: BorderStyle) -> Value {
        switch b {
        case .none: return "none"
        case .single: return "single"
        case .double: return "double"
        case .rounded: return "rounded"
        case .solid: return "solid"
        case .custom(let chars):
            return .array(chars.map { ch in
                ch.hl.map { .array([.string(ch.char), .string($0)]) } ?? .string(ch.char)
            })
        }
    }

    static func optionsValue(_ o: WindowOptions) -> Value {
        .table([
            "wrap": .bool(o.wrap), "linebreak": .bool(o.linebreak), "breakindent": .bool(o.breakindent),
            "showbreak": .string(o.showbreak), "tabstop": .int(o.tabstop),
            "normal_hl": .string(o.normalHl), "cursor_visible": .bool(o.cursorVisible),
        ])
    }
}
