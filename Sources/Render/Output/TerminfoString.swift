import CUnibilium

/// One terminfo string capability, plain (`el`) or parameterised (`cup`).
///
/// Simple parameterised forms (literal text, `%i`, `%pN%d`, `%%`), which
/// cover the cursor motions of xterm-like terminals, are expanded natively
/// without allocation; anything else goes through unibilium's `unibi_run`.
public struct TerminfoString: Hashable, Sendable {
    /// The capability as stored in terminfo (escapes already decoded).
    public let format: [UInt8]
    /// The native expansion plan, nil when `unibi_run` is needed.
    private let template: [Piece]?
    /// `length` without walking the template (the cursor planner asks for
    /// it several times per move): literal bytes, and the parameter and
    /// increment of up to two `%d` pieces (param 0 = none); nil when the
    /// template has more decimals or is absent.
    private let shape: Shape?

    private struct Shape: Hashable, Sendable {
        var literals = 0
        var p1 = 0, inc1 = 0, p2 = 0, inc2 = 0
    }

    private enum Piece: Hashable, Sendable {
        case literal([UInt8])
        case decimal(param: Int, increment: Int)
    }

    /// Wraps a capability string.
    public init(_ format: [UInt8]) {
        self.format = format
        self.template = TerminfoString.compile(format)
        self.shape = template.flatMap(TerminfoString.shape)
    }

    private static func shape(_ template: [Piece]) -> Shape? {
        var shape = Shape()
        for piece in template {
            switch piece {
            case .literal(let bytes): shape.literals += bytes.count
            case .decimal(let p, let inc):
                if shape.p1 == 0 { (shape.p1, shape.inc1) = (p, inc) }
                else if shape.p2 == 0 { (shape.p2, shape.inc2) = (p, inc) }
                else { return nil }
            }
        }
        return shape
    }

    /// Wraps a capability given as text.
    public init(_ text: String) { self.init(Array(text.utf8)) }

    /// The expansion with parameters `a` and `b` (0-based positions for
    /// `cup`, counts for `cuf`...). Plain strings ignore them.
    public func expand(_ a: Int = 0, _ b: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        append(to: &out, a, b)
        return out
    }

    /// Appends the expansion to `out`.
    public func append(to out: inout [UInt8], _ a: Int = 0, _ b: Int = 0) {
        guard let template else {
            out.append(contentsOf: TerminfoString.run(format, a, b))
            return
        }
        for piece in template {
            switch piece {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .decimal(let p, let inc): appendDecimal(p == 1 ? a + inc : b + inc, to: &out)
            }
        }
    }

    /// The length of the expansion, computed without building it when the
    /// form is simple.
    public func length(_ a: Int = 0, _ b: Int = 0) -> Int {
        if let shape {
            var n = shape.literals
            if shape.p1 != 0 { n += decimalLength(shape.p1 == 1 ? a + shape.inc1 : b + shape.inc1) }
            if shape.p2 != 0 { n += decimalLength(shape.p2 == 1 ? a + shape.inc2 : b + shape.inc2) }
            return n
        }
        guard let template else { return TerminfoString.run(format, a, b).count }
        var n = 0
        for piece in template {
            switch piece {
            case .literal(let bytes): n += bytes.count
            case .decimal(let p, let inc): n += decimalLength(p == 1 ? a + inc : b + inc)
            }
        }
        return n
    }

    /// Parses the simple forms; nil for anything needing the full
    /// terminfo interpreter.
    private static func compile(_ f: [UInt8]) -> [Piece]? {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var increment = 0
        var i = 0
        let pct = UInt8(ascii: "%")
        while i < f.count {
            if f[i] != pct { literal.append(f[i]); i += 1; continue }
            guard i + 1 < f.count else { return nil }
            switch f[i + 1] {
            case pct: literal.append(pct); i += 2
            case UInt8(ascii: "i"): increment = 1; i += 2
            case UInt8(ascii: "p"):
                guard i + 4 < f.count, f[i + 3] == pct, f[i + 4] == UInt8(ascii: "d"),
                      f[i + 2] == UInt8(ascii: "1") || f[i + 2] == UInt8(ascii: "2") else { return nil }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
                pieces.append(.decimal(param: Int(f[i + 2] - UInt8(ascii: "0")), increment: increment))
                i += 5
            default: return nil
            }
        }
        if f.contains(UInt8(ascii: "$")) { return nil }  // padding: let unibilium handle it
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Runs the format through `unibi_run` with all nine parameter slots,
    /// retrying with a larger buffer when the output does not fit.
    private static func run(_ format: [UInt8], _ a: Int, _ b: Int) -> [UInt8] {
        var params = [unibi_var_t](repeating: unibi_var_from_num(0), count: 9)
        params[0] = unibi_var_from_num(Int32(clamping: a))
        params[1] = unibi_var_from_num(Int32(clamping: b))
        let cformat = format.map { CChar(bitPattern: $0) } + [0]
        var size = 64
        while size <= 1 << 16 {
            var buf = [CChar](repeating: 0, count: size)
            let n = unibi_run(cformat, &params, &buf, size)
            if n <= size { return buf[0..<n].map { UInt8(bitPattern: $0) } }
            size = max(size * 2, n + 1)
        }
        return []
    }
}

/// Appends the decimal digits of `n` (negative values as 0).
func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    let v = max(0, n)
    if v >= 10 { appendDecimal(v / 10, to: &out) }
    out.append(UInt8(ascii: "0") + UInt8(v % 10))
}

/// The number of decimal digits of `n` (negative values as 0).
func decimalLength(_ n: Int) -> Int {
    var v = max(0, n), len = 1
    while v >= 10 { v /= 10; len += 1 }
    return len
}
