import Kernel

/// A small, strict JSON codec over `Value` (RFC 8259).
///
/// Encoding: `.table` is an object (keys sorted, so output is stable),
/// `.array` an array, `.null` is `null`; strings are escaped (`"`, `\`,
/// control characters; non-ASCII is written as UTF-8); doubles that are
/// not finite are an error. Decoding: objects become `.table`, arrays
/// `.array`, integers without fraction or exponent that fit become `.int`,
/// other numbers `.double`; `\u` escapes including surrogate pairs are
/// decoded; errors name the byte position (1-based).
///
/// ```swift
/// try JSON.encode(.table(["a": .array([1, "x"])]))   // {"a":[1,"x"]}
/// try JSON.decode("[1, 2.5, \"\\u00e9\"]")           // .array([1, 2.5, "é"])
/// ```
public enum JSON {
    /// A JSON error with a message for the user.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The value cannot be written as JSON (NaN, infinity).
        case unencodable(String)
        /// The text is not valid JSON: message and 1-based byte position.
        case syntax(String, position: Int)

        public var description: String {
            switch self {
            case .unencodable(let m): return m
            case .syntax(let m, let p): return "\(m) at byte \(p)"
            }
        }
    }

    /// Nesting deeper than this is rejected when decoding.
    public static let maxDepth = 512

    // MARK: - Encoding

    /// `v` as compact JSON text.
    /// - Throws: `Failure.unencodable` for a non-finite number.
    public static func encode(_ v: Value) throws -> String {
        var out = ""
        try write(v, to: &out)
        return out
    }

    private static func write(_ v: Value, to out: inout String) throws {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            guard d.isFinite else { throw Failure.unencodable("cannot encode \(d) as JSON") }
            out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : "\(d)"
        case .string(let s): quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                try write(e, to: &out)
            }
            out += "]"
        case .table(let t):
            out += "{"
            for (i, k) in t.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, into: &out)
                out += ":"
                try write(t[k] ?? .null, to: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string literal.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    // MARK: - Decoding

    /// Parses JSON text.
    /// - Throws: `Failure.syntax` naming what was expected and where.
    public static func decode(_ text: String) throws -> Value {
        var p = JSONParser(Array(text.utf8))
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.atEnd else { throw p.failure("unexpected \(p.describeCurrent()) after the value") }
        return v
    }
}
