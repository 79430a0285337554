/// Select Graphic Rendition: the shortest escape sequence that changes the
/// terminal's pen from one style to another.
///
/// Sequences are ECMA-48 SGR with all parameters in one `CSI ... m` (every
/// terminal that runs weft accepts combined parameters; one sequence is
/// much shorter than terminfo's one-string-per-attribute). Two candidates
/// are built and the shorter is sent:
/// - incremental: only what changed, turning attributes off with their own
///   codes (22 bold/dim, 23 italic, 24 underline, 27 reverse, 29 strike,
///   39/49/59 default colours);
/// - reset: `0` followed by everything the new style sets.
/// With an unknown pen (after start-up or a clear) only the reset form is
/// safe. Styles given here are already downgraded to the colour mode.
enum SGR {
    /// Which colour slot a colour parameter sets.
    enum Role {
        case foreground, background, underline
    }

    /// Appends the sequence that turns pen `from` (nil = unknown) into `to`;
    /// appends nothing when they are equal.
    static func transition(from: Style?, to: Style, into out: inout [UInt8]) {
        if let from, from == to { return }
        var reset: [UInt8] = []
        appendAll(to, to: &reset)
        if !reset.isEmpty { reset.insert(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ";")], at: 0) }
        var params = reset
        if let from {
            var inc: [UInt8] = []
            appendChanges(from: from, to: to, to: &inc)
            if inc.isEmpty { return }  // differ only in ways the terminal cannot show
            if inc.count < reset.count { params = inc }
        }
        appendSequences(params, into: &out)
    }

    /// The most parameters (counting `:` sub-parameters) one sequence may
    /// carry: st and libvterm 0.1.4 keep 16 (libvterm overflows beyond).
    static let maxArguments = 16

    /// Wraps `params` in `CSI ... m`. Parameters are separated by `;`;
    /// inside one parameter group (a colour) the builders use 0x01, which
    /// becomes `;` here: groups are never split, but when a sequence would
    /// carry more than `maxArguments` arguments it is closed and a new one
    /// started between groups.
    static func appendSequences(_ params: [UInt8], into out: inout [UInt8]) {
        let semicolon = UInt8(ascii: ";"), colon = UInt8(ascii: ":")
        out.append(contentsOf: [0x1B, UInt8(ascii: "[")])
        var used = 0
        var i = 0
        while i < params.count {
            var end = i
            var args = 1
            while end < params.count, params[end] != semicolon {
                if params[end] == colon || params[end] == innerSeparator { args += 1 }
                end += 1
            }
            if used > 0 && used + args > maxArguments {
                out.append(contentsOf: [UInt8(ascii: "m"), 0x1B, UInt8(ascii: "[")])
                used = 0
            }
            if used > 0 { out.append(semicolon) }
            for b in params[i..<end] { out.append(b == innerSeparator ? semicolon : b) }
            used += args
            i = end + 1
        }
        out.append(UInt8(ascii: "m"))
    }

    /// Stands for `;` inside one parameter group while building.
    static let innerSeparator: UInt8 = 0x01

    /// Appends every parameter of `style` (what follows a `0`).
    static func appendAll(_ style: Style, to p: inout [UInt8]) {
        let a = style.attrs
        if a.contains(.bold) { code(1, &p) }
        if a.contains(.dim) { code(2, &p) }
        if a.contains(.italic) { code(3, &p) }
        switch underlineLevel(a) {
        case 1: code(4, &p)
        case 3: raw("4:3", &p)
        default: break
        }
        if a.contains(.reverse) { code(7, &p) }
        if a.contains(.strikethrough) { code(9, &p) }
        if style.fg != .default { appendColor(style.fg, role: .foreground, to: &p) }
        if style.bg != .default { appendColor(style.bg, role: .background, to: &p) }
        if style.sp != .default { appendColor(style.sp, role: .underline, to: &p) }
    }

    /// Appends only the parameters that differ between `from` and `to`.
    static func appendChanges(from: Style, to: Style, to p: inout [UInt8]) {
        let removed = from.attrs.subtracting(to.attrs)
        var added = to.attrs.subtracting(from.attrs)
        if !removed.isDisjoint(with: [.bold, .dim]) {
            code(22, &p)
            added.formUnion(to.attrs.intersection([.bold, .dim]))
        }
        if added.contains(.bold) { code(1, &p) }
        if added.contains(.dim) { code(2, &p) }
        if removed.contains(.italic) { code(23, &p) }
        if added.contains(.italic) { code(3, &p) }
        let (u0, u1) = (underlineLevel(from.attrs), underlineLevel(to.attrs))
        if u0 != u1 {
            switch u1 {
            case 0: code(24, &p)
            case 1: code(4, &p)
            default: raw("4:3", &p)
            }
        }
        if removed.contains(.reverse) { code(27, &p) }
        if added.contains(.reverse) { code(7, &p) }
        if removed.contains(.strikethrough) { code(29, &p) }
        if added.contains(.strikethrough) { code(9, &p) }
        if from.fg != to.fg { appendColor(to.fg, role: .foreground, to: &p) }
        if from.bg != to.bg { appendColor(to.bg, role: .background, to: &p) }
        if from.sp != to.sp { appendColor(to.sp, role: .underline, to: &p) }
    }

    /// Appends the parameter(s) setting `color` in `role`.
    static func appendColor(_ color: Color, role: Role, to p: inout [UInt8]) {
        switch (color, role) {
        case (.default, .foreground): code(39, &p)
        case (.default, .background): code(49, &p)
        case (.default, .underline): code(59, &p)
        case (.indexed(let n), .foreground) where n < 8: code(30 + Int(n), &p)
        case (.indexed(let n), .foreground) where n < 16: code(90 + Int(n) - 8, &p)
        case (.indexed(let n), .background) where n < 8: code(40 + Int(n), &p)
        case (.indexed(let n), .background) where n < 16: code(100 + Int(n) - 8, &p)
        case (.indexed(let n), .underline): raw("58:5:\(n)", &p)
        case (.indexed(let n), _): raw(role == .foreground ? "38\u{1}5\u{1}\(n)" : "48\u{1}5\u{1}\(n)", &p)
        case (.rgb(let r, let g, let b), .underline): raw("58:2::\(r):\(g):\(b)", &p)
        case (.rgb(let r, let g, let b), _):
            raw(role == .foreground ? "38\u{1}2\u{1}\(r)\u{1}\(g)\u{1}\(b)" : "48\u{1}2\u{1}\(r)\u{1}\(g)\u{1}\(b)", &p)
        }
    }

    /// 0 no underline, 1 single, 3 curly (curly wins when both are set).
    static func underlineLevel(_ a: Attributes) -> Int {
        a.contains(.undercurl) ? 3 : (a.contains(.underline) ? 1 : 0)
    }

    private static func code(_ n: Int, _ p: inout [UInt8]) {
        if !p.isEmpty { p.append(UInt8(ascii: ";")) }
        appendDecimal(n, to: &p)
    }

    private static func raw(_ s: String, _ p: inout [UInt8]) {
        if !p.isEmpty { p.append(UInt8(ascii: ";")) }
        p.append(contentsOf: s.utf8)
    }
}

// MARK: - Hyperlinks

extension SGR {
    /// Appends the OSC 8 sequence that opens a hyperlink to `url`, or that
    /// closes the open one when `url` is nil: `ESC ] 8 ; ; URL ESC \`.
    /// The URL must already be safe (`HighlightTable.isSafeURL`).
    static func hyperlink(_ url: String?, into out: inout [UInt8]) {
        out.append(contentsOf: [0x1B, UInt8(ascii: "]"), UInt8(ascii: "8"), UInt8(ascii: ";"), UInt8(ascii: ";")])
        if let url { out.append(contentsOf: url.utf8) }
        out.append(contentsOf: [0x1B, UInt8(ascii: "\\")])
    }
}
