import Kernel

// weft.hl: highlight groups, stored through `LuaRuntime.highlights`.

extension LuaRuntime {
    static let hlAttributes: Set<String> = [
        "bold", "italic", "underline", "undercurl", "strikethrough", "reverse", "dim",
    ]

    func hlFunctions() -> [String: LuaFunction.Body] {
        [
            "set": { [unowned self] c in
                let name = try c.string(1)
                guard !name.isEmpty else { throw c.bad(1, "highlight group name is empty") }
                _ = try c.table(2)
                let o = try LuaOptions(c, 2, allowed: Self.hlAttributes.union(["fg", "bg", "sp", "link"]))
                var def: [String: Value] = [:]
                for key in ["fg", "bg", "sp"] {
                    if let v = o.value(key) { def[key] = try Self.color(v, o, key) }
                }
                for key in Self.hlAttributes {
                    if let b = try o.bool(key) { def[key] = .bool(b) }
                }
                if let link = try o.string("link") { def["link"] = .string(link) }
                noteHighlight(name, owner: currentOwner)
                try highlights.setHighlight(name, .table(def))
                editor.requestRedraw()
                return 0
            },
            "get": { [unowned self] c in
                c.push(highlights.highlight(try c.string(1)) ?? .null)
            },
        ]
    }

    /// A color: "#rrggbb", a color name (passed on as is), or 0xRRGGBB.
    static func color(_ v: Value, _ o: LuaOptions, _ key: String) throws -> Value {
        switch v {
        case .string(let s):
            if s.hasPrefix("#") {
                let hex = s.dropFirst()
                guard hex.count == 6, UInt32(hex, radix: 16) != nil else {
                    throw o.call.bad(o.index, "field '\(key)': invalid color \"\(s)\" (expected \"#rrggbb\")")
                }
                return .string(s.lowercased())
            }
            guard !s.isEmpty else { throw o.call.bad(o.index, "field '\(key)': empty color name") }
            return .string(s)
        case .int(let i):
            guard i >= 0, i <= 0xFFFFFF else {
                throw o.call.bad(o.index, "field '\(key)': color \(i) out of range (0 to 0xFFFFFF)")
            }
            let hex = String(i, radix: 16)
            return .string("#" + String(repeating: "0", count: 6 - hex.count) + hex)
        default:
            throw o.error(key, "string or number", v)
        }
    }
}
