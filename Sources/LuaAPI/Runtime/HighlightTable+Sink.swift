import Kernel
import Render

// MARK: - HighlightSink

/// Render's highlight table stores `weft.hl.set` definitions directly.
extension HighlightTable: HighlightSink {
    static let attributeNames: [(String, Attributes)] = [
        ("bold", .bold), ("italic", .italic), ("underline", .underline), ("undercurl", .undercurl),
        ("strikethrough", .strikethrough), ("reverse", .reverse), ("dim", .dim),
    ]

    /// Converts the validated table (see `HighlightSink`) to a `HighlightDef`.
    /// - Throws: `KernelError.invalidArgument` for a colour Render cannot parse.
    public func setHighlight(_ name: String, _ definition: Value) throws {
        let t = definition.table ?? [:]
        var def = HighlightDef()
        if let link = t["link"]?.string { def.link = link }
        def.fg = try t["fg"]?.string.map(Color.parse)
        def.bg = try t["bg"]?.string.map(Color.parse)
        def.sp = try t["sp"]?.string.map(Color.parse)
        for (key, attr) in Self.attributeNames where t[key] == .bool(true) { def.attrs.insert(attr) }
        set(name, def)
    }

    /// Removes the group; it resolves to the default style afterwards.
    public func removeHighlight(_ name: String) { clear(name) }

    /// The definition as a table (`fg`/`bg`/`sp` as "#rrggbb" or palette
    /// indexes, attributes as `true`, `link`), or nil when undefined.
    public func highlight(_ name: String) -> Value? {
        guard let def = get(name) else { return nil }
        var t: [String: Value] = [:]
        if let link = def.link { t["link"] = .string(link) }
        for (key, color) in [("fg", def.fg), ("bg", def.bg), ("sp", def.sp)] {
            switch color {
            case .rgb(let r, let g, let b)?:
                t[key] = .string("#" + [r, g, b].map { String(format2: $0) }.joined())
            case .indexed(let i)?: t[key] = .int(Int(i))
            default: break
            }
        }
        for (key, attr) in Self.attributeNames where def.attrs.contains(attr) { t[key] = .bool(true) }
        return .table(t)
    }
}

private extension String {
    /// Two lower-case hex digits.
    init(format2 byte: UInt8) {
        let s = String(byte, radix: 16)
        self = s.count == 1 ? "0" + s : s
    }
}
