import CLua
import CLuaShim
import Kernel

// weft.ns and weft.extmark: namespaces and extmarks (docs/lua-api.md).

extension LuaRuntime {
    static let extmarkOptionKeys: Set<String> = [
        "id", "end_row", "end_col", "hl", "priority", "virt_text", "virt_text_pos",
        "virt_lines", "virt_lines_above", "right_gravity", "end_right_gravity", "line_hl",
        "url", "no_wrap",
    ]

    func nsFunctions() -> [String: LuaFunction.Body] {
        [
            "create": { [unowned self] c in
                c.push(editor.namespaces.create(name: try c.optString(1) ?? "").raw)
            },
        ]
    }

    /// The namespace at argument `i`; with `allowAll`, -1 means every namespace (nil).
    func namespaceArg(_ c: LuaCall, _ i: Int32, allowAll: Bool = false) throws -> NamespaceID? {
        let raw = try c.int(i)
        if allowAll && raw == -1 { return nil }
        return try namespace(raw, c)
    }

    /// The namespace of id `raw`, which Lua passed to `c`.
    /// - Throws: a Lua error when no namespace has that id.
    func namespace(_ raw: Int, _ c: LuaCall) throws -> NamespaceID {
        guard editor.namespaces.contains(NamespaceID(raw)) else {
            throw c.fail("invalid namespace id: \(raw)")
        }
        return NamespaceID(raw)
    }

    func extmarkFunctions() -> [String: LuaFunction.Body] {
        [
            // set: LuaRuntime+HotBindings.swift.
            "get": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let ns = try namespaceArg(c, 2)!
                guard let m = b.extmarks.get(ns: ns, id: try c.int(3)) else { return c.pushNil() }
                return c.push(Self.markValue(m, in: b))
            },
            "list": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let ns = try namespaceArg(c, 2, allowAll: true)
                let from = try listBound(c, 3, buffer: b, isEnd: false)
                let to = try listBound(c, 4, buffer: b, isEnd: true)
                let o = try LuaOptions(c, 5, allowed: ["limit", "overlap"])
                let marks = b.extmarks.list(ns: ns, from: from, to: to, limit: try o.int("limit"),
                                            overlap: try o.bool("overlap") ?? false)
                return c.push(.array(marks.map { Self.markValue($0, in: b) }))
            },
            "del": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let ns = try namespaceArg(c, 2)!
                let done = b.extmarks.delete(ns: ns, id: try c.int(3))
                if done { editor.requestRedraw() }
                return c.push(done)
            },
            "clear": { [unowned self] c in
                let b = try bufferArg(c, 1)
                let ns = try namespaceArg(c, 2, allowAll: true)
                let s = try c.optInt(3) ?? 0
                let e = try c.optInt(4) ?? -1
                let rows = try clearRange(s, e, count: b.lineCount)
                let n = b.extmarks.clear(ns: ns, rows: rows)
                editor.requestRedraw()
                return c.push(n)
            },
        ]
    }

    /// `weft.extmark.set(buf, ns, row, col, opts)`.
    func setExtmark(_ c: LuaCall) throws -> Int32 {
        let L = c.L
        let b: Buffer, ns: NamespaceID, start: Position
        if case let (buf, n, row, col)? = c.ints4(1) {
            b = try editor.buffer(buf)
            ns = try namespace(n, c)
            start = try b.position(row, col, what: "start")
        } else {
            b = try bufferArg(c, 1)
            ns = try namespaceArg(c, 2)!
            start = try b.position(c.int(3), c.int(4), what: "start")
        }
        let o: ExtmarkSetOptions
        switch lua_type(L, 5) {
        case LUA_TNONE, LUA_TNIL:
            // A plain position mark: no option table to read, no
            // decoration to build.
            return pushAdded(c, b.extmarks.add(ns: ns, start: start))
        case LUA_TTABLE:
            var raw = ExtmarkSetOptions.Raw()
            guard raw.read(L, 5) else {
                o = try extmarkOptions(c, 5)
                break
            }
            if raw.isPlain {
                // `{}` or `{hl = ...}`: the store's path for plain marks.
                let hl = raw.hl(L, table: 5, names: highlightNames)
                return pushAdded(c, b.extmarks.add(ns: ns, start: start, hl: hl))
            }
            o = ExtmarkSetOptions(raw, L, table: 5, names: highlightNames)
        default:
            o = try extmarkOptions(c, 5)  // the error for a wrong type
        }
        let end = try extmarkEnd(row: o.endRow, col: o.endCol, buffer: b, start: start, c)
        let id = try b.extmarks.set(ns: ns, id: o.id, start: start, end: end,
                                    decoration: o.decoration, rightGravity: o.rightGravity,
                                    endRightGravity: o.endRightGravity)
        return pushAdded(c, id)
    }

    /// Requests a redraw and returns the new mark's id to Lua.
    @inline(__always)
    private func pushAdded(_ c: LuaCall, _ id: Int) -> Int32 {
        editor.requestRedraw()
        return c.push(id)
    }

    /// The options of `extmark.set` read by the general reader (`LuaOptions`):
    /// every shape, and the exact error for a bad one.
    private func extmarkOptions(_ c: LuaCall, _ i: Int32) throws -> ExtmarkSetOptions {
        let o = try LuaOptions(c, i, allowed: Self.extmarkOptionKeys)
        return try ExtmarkSetOptions(id: o.int("id"), endRow: o.int("end_row"), endCol: o.int("end_col"),
                                      decoration: decoration(o),
                                      rightGravity: o.bool("right_gravity") ?? true,
                                      endRightGravity: o.bool("end_right_gravity") ?? false)
    }

    /// The end of a ranged mark: `end_row` (default `row`) and `end_col`
    /// (default 0); `(line_count, 0)` is allowed (the end of the buffer).
    private func extmarkEnd(row: Int?, col: Int?, buffer b: Buffer, start: Position,
                            _ c: LuaCall) throws -> Position? {
        guard row != nil || col != nil else { return nil }
        let er = row ?? start.row
        let ec = col ?? 0
        let end = er == b.lineCount && ec == 0
            ? Position(row: er, col: 0) : try b.position(er, ec, what: "end")
        guard end >= start else {
            throw c.fail("end position \(end) is before start position \(start)")
        }
        return end
    }

    private func decoration(_ o: LuaOptions) throws -> Decoration {
        var d = Decoration()
        d.hl = try o.string("hl")
        d.lineHl = try o.string("line_hl")
        d.url = try o.string("url")
        d.noWrap = try o.bool("no_wrap") ?? false
        d.priority = try o.int("priority") ?? Decoration.defaultPriority
        if let list = try o.list("virt_text") { d.virtText = try chunks(list, o, "virt_text") }
        if o.has("virt_text_pos"), let pos = try o.choice("virt_text_pos", VirtTextPos.allCases.map(\.rawValue)) {
            d.virtTextPos = VirtTextPos(rawValue: pos) ?? .eol
        }
        if let lines = try o.list("virt_lines") {
            d.virtLines = try lines.enumerated().map { i, line in
                guard let l = line.array ?? (line.table?.isEmpty == true ? [] : nil) else {
                    throw o.call.bad(o.index, "field 'virt_lines': line \(i + 1) must be a list of {text, hl} chunks")
                }
                return try chunks(l, o, "virt_lines[\(i + 1)]")
            }
        }
        d.virtLinesAbove = try o.bool("virt_lines_above") ?? false
        return d
    }

    /// Parses `{{text, hl}, ...}` chunks.
    func chunks(_ list: [Value], _ o: LuaOptions, _ field: String) throws -> [VirtTextChunk] {
        try list.enumerated().map { i, v in
            guard let pair = v.array, let text = pair.first?.string,
                  pair.count <= 2, pair.count == 1 || pair[1] == .null || pair[1].string != nil else {
                throw o.call.bad(o.index, "field '\(field)': chunk \(i + 1) must be {text, hl} with string text and optional string hl")
            }
            return VirtTextChunk(text, hl: pair.count > 1 ? pair[1].string : nil)
        }
    }

    /// A list bound: a row (negative = count + 1 + i; an end row is
    /// exclusive, -1 = everything) or an inclusive `{row, col}` pair.
    private func listBound(_ c: LuaCall, _ i: Int32, buffer b: Buffer, isEnd: Bool) throws -> Position {
        if c.isNil(i) { return isEnd ? Position(row: Int.max, col: Int.max) : Position(row: 0, col: 0) }
        if c.type(i) == LUA_TTABLE {
            let pair = try c.list(i)
            guard pair.count == 2, let r = pair[0].int, let col = pair[1].int else {
                throw c.bad(i, "{row, col} expected")
            }
            if isEnd && r == -1 { return Position(row: Int.max, col: Int.max) }
            return Position(row: r < 0 ? b.lineCount + 1 + r : r, col: col < 0 ? Int.max : col)
        }
        let raw = try c.int(i)
        let row = raw < 0 ? b.lineCount + 1 + raw : raw
        if isEnd {
            if raw == -1 { return Position(row: Int.max, col: Int.max) }
            return row <= 0 ? Position(row: -1, col: Int.max) : Position(row: row - 1, col: Int.max)
        }
        return Position(row: max(0, row), col: 0)
    }

    private func clearRange(_ s: Int, _ e: Int, count: Int) throws -> Range<Int> {
        let lo = s < 0 ? count + 1 + s : s
        let hi = e == -1 ? Int.max : (e < 0 ? count + 1 + e : e)
        guard lo >= 0, lo <= hi else {
            throw KernelError.outOfRange("invalid row range \(s)..\(e)")
        }
        return lo..<hi
    }

    /// The Lua shape of a mark: `{id, ns, row, col, end_row?, end_col?, hl?, ...}`.
    /// Positions left past the last line by deletions are clamped.
    static func markValue(_ m: Extmark, in b: Buffer) -> Value {
        func clamp(_ p: Position) -> Position {
            if p.row >= b.lineCount {
                let last = b.lineCount - 1
                return Position(row: last, col: b.line(last)?.utf8.count ?? 0)
            }
            return Position(row: max(0, p.row), col: min(max(0, p.col), b.line(p.row)?.utf8.count ?? 0))
        }
        let s = clamp(m.start)
        var t: [String: Value] = [
            "id": .int(m.id), "ns": .int(m.ns.raw), "row": .int(s.row), "col": .int(s.col),
            "priority": .int(m.decoration.priority), "right_gravity": .bool(m.rightGravity),
        ]
        if let end = m.end {
            let e = end.row >= b.lineCount && end.col == 0 && end.row == b.lineCount ? end : clamp(end)
            t["end_row"] = .int(e.row)
            t["end_col"] = .int(e.col)
            t["end_right_gravity"] = .bool(m.endRightGravity)
        }
        let d = m.decoration
        if let hl = d.hl { t["hl"] = .string(hl) }
        if let hl = d.lineHl { t["line_hl"] = .string(hl) }
        if let url = d.url { t["url"] = .string(url) }
        if d.noWrap { t["no_wrap"] = .bool(true) }
        if !d.virtText.isEmpty {
            t["virt_text"] = chunkValue(d.virtText)
            t["virt_text_pos"] = .string(d.virtTextPos.rawValue)
        }
        if !d.virtLines.isEmpty {
            t["virt_lines"] = .array(d.virtLines.map(chunkValue))
            t["virt_lines_above"] = .bool(d.virtLinesAbove)
        }
        return .table(t)
    }

    static func chunkValue(_ chunks: [VirtTextChunk]) -> Value {
        .array(chunks.map { ch in .array([.string(ch.text)] + (ch.hl.map { [.string($0)] } ?? [])) })
    }
}
