import Kernel
import Render

// weft.layout and weft.ui (docs/lua-api.md).

extension LuaRuntime {
    func layoutFunctions() -> [String: LuaFunction.Body] {
        [
            "get": { [unowned self] c in
                guard let tree = editor.layout else { return c.pushNil() }
                return c.push(tree.toSpec().value)
            },
            "set": { [unowned self] c in
                _ = try c.table(1)
                try editor.setLayout(LayoutSpec(value: try c.value(1)))
                return 0
            },
        ]
    }

    func uiFunctions() -> [String: LuaFunction.Body] {
        [
            "size": { [unowned self] c in
                let s = ui?.screenSize() ?? editor.screenSize
                c.push(s.width)
                return c.push(s.height) + 1
            },
            "draw": { [unowned self] c in
                let w = try windowArg(c, 1)
                guard w.renderer == .extension else {
                    throw c.fail("window \(w.id.raw) is drawn by the stock renderer; set renderer = \"extension\" first (weft.win.set_config(\(w.id.raw), {renderer = \"extension\"}))")
                }
                w.drawList = try DrawOps.parseFast(c, index: 2) ?? DrawOps.parse(c.list(2), call: c, index: 2)
                editor.requestRedraw()
                return 0
            },
            "measure": { [unowned self] c in
                let s = try c.string(1)
                let stop = LuaBudget.stopCheck()
                let width = ui?.measure(s, stop: stop) ?? TextMeasure.measure(s, stop: stop)
                try LuaBudget.check()
                return c.push(width)
            },
            "truncate": { [unowned self] c in
                let s = try c.string(1)
                let width = try c.int(2)
                let ellipsis = try c.optString(3) ?? "…"
                let stop = LuaBudget.stopCheck()
                let cut = ui?.truncate(s, width: width, ellipsis: ellipsis, stop: stop)
                    ?? TextMeasure.truncate(s, width: width, ellipsis: ellipsis, stop: stop)
                try LuaBudget.check()
                return c.push(cut)
            },
            "wrap": { [unowned self] c in
                let s = try c.string(1)
                let width = try c.int(2)
                guard width > 0 else { throw c.bad(2, "width must be positive, got \(width)") }
                let stop = LuaBudget.stopCheck()
                let rows = ui?.wrap(s, width: width, stop: stop) ?? TextLayout.wrap(s, width: width, stop: stop)
                try LuaBudget.check()
                return c.push(.array(rows.map { .string($0) }))
            },
            "redraw": { [unowned self] _ in
                editor.requestRedraw()
                ui?.redraw()
                return 0
            },
            "screen": { [unowned self] c in
                guard let ui else { throw c.fail("no UI attached") }
                return c.push(.array(ui.screenRows().map { .string($0) }))
            },
        ]
    }
}

/// Parsing of `ui.draw` operation lists into `DrawOp`s, with one error
/// message per mistake (`op 3 (text): field 'row' must be an integer`).
enum DrawOps {
    static let keys: [String: Set<String>] = [
        "text": ["kind", "row", "col", "text", "hl"],
        "spans": ["kind", "row", "col", "spans"],
        "fill": ["kind", "row", "col", "width", "height", "char", "hl"],
        "clear": ["kind", "hl"],
        "cursor": ["kind", "row", "col"],
    ]

    /// Coordinates and sizes are clamped to this magnitude: far beyond any
    /// screen, and small enough that the renderer's rectangle arithmetic
    /// cannot overflow.
    static let limit = 1 << 20

    static func parse(_ list: [Value], call c: LuaCall, index: Int32) throws -> [DrawOp] {
        var ops: [DrawOp] = []
        ops.reserveCapacity(list.count)
        for (i, item) in list.enumerated() {
            ops.append(try op(item, number: i + 1, call: c, index: index))
        }
        return ops
    }

    private static func op(_ item: Value, number n: Int, call c: LuaCall, index: Int32) throws -> DrawOp {
        guard let t = item.table else {
            throw c.bad(index, "op \(n): table expected, got \(item.typeName)")
        }
        guard let kind = t["kind"]?.string, let allowed = keys[kind] else {
            throw c.bad(index, "op \(n): field 'kind' must be \"text\", \"spans\", \"fill\", \"clear\" or \"cursor\"")
        }
        if let bad = t.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw c.bad(index, "op \(n) (\(kind)): unknown field '\(bad)'")
        }
        func int(_ k: String, default d: Int? = nil) throws -> Int {
            if let v = t[k], let i = v.int { return min(max(i, -limit), limit) }
            if t[k] == nil, let d { return d }
            throw c.bad(index, "op \(n) (\(kind)): field '\(k)' must be an integer, got \((t[k] ?? .null).typeName)")
        }
        func str(_ k: String, optional: Bool) throws -> String? {
            guard let v = t[k] else {
                if optional { return nil }
                throw c.bad(index, "op \(n) (\(kind)): field '\(k)' must be a string, got nil")
            }
            guard let s = v.string else {
                throw c.bad(index, "op \(n) (\(kind)): field '\(k)' must be a string, got \(v.typeName)")
            }
            return s
        }
        switch kind {
        case "text":
            return .text(row: try int("row"), col: try int("col"), text: try str("text", optional: false) ?? "",
                         hl: try str("hl", optional: true))
        case "spans":
            guard let spans = t["spans"]?.array ?? (t["spans"]?.table?.isEmpty == true ? [] : nil) else {
                throw c.bad(index, "op \(n) (spans): field 'spans' must be a list of {text, hl}")
            }
            let chunks = try spans.enumerated().map { j, s -> VirtTextChunk in
                guard let pair = s.array, let text = pair.first?.string,
                      pair.count == 1 || pair[1].string != nil else {
                    throw c.bad(index, "op \(n) (spans): span \(j + 1) must be {text, hl}")
                }
                return VirtTextChunk(text, hl: pair.count > 1 ? pair[1].string : nil)
            }
            return .spans(row: try int("row"), col: try int("col"), spans: chunks)
        case "fill":
            let width = try int("width"), height = try int("height")
            guard width >= 0, height >= 0 else {
                throw c.bad(index, "op \(n) (fill): width and height must not be negative")
            }
            return .fill(row: try int("row"), col: try int("col"), width: width, height: height,
                         char: try str("char", optional: true) ?? " ", hl: try str("hl", optional: true))
        case "clear":
            return .clear(hl: try str("hl", optional: true))
        default:
            return .cursor(row: try int("row"), col: try int("col"))
        }
    }
}
