/// The one JSON codec of weft, over the kernel's `Value` (RFC 8259): used
/// by `weft.json`, tool arguments and schemas, session files (JSONL) and
/// the provider wire format.
///
/// Encoding writes compact single-line JSON: `.table` is an object (keys
/// sorted, so output is stable), `.array` an array, `.null` is `null`;
/// strings are escaped (`"`, `\`, every control character, U+2028/U+2029;
/// non-ASCII is written as UTF-8), so one encoded value is always one line.
/// `encode` rejects non-finite doubles; `line` writes them as `null` and
/// never fails. Decoding: objects become `.table`, arrays `.array`,
/// integers without fraction or exponent that fit become `.int`, other
/// numbers `.double`; `\u` escapes including surrogate pairs are decoded
/// (a lone surrogate is an error, or U+FFFD with `.replace`, for text from
/// servers); errors name the byte position (1-based).
///
/// ```swift
/// try JSON.encode(.table(["a": .array([1, "x"])]))   // {"a":[1,"x"]}
/// JSON.line(.double(.nan))                            // null
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

    /// What decoding does with a `\u` escape of a lone UTF-16 surrogate.
    public enum SurrogatePolicy: Sendable {
        /// The text is rejected (strict RFC 8259 + Unicode).
        case reject
        /// The escape becomes U+FFFD (for text written by other programs).
        case replace
    }

    // MARK: - Encoding

    /// `v` as compact JSON text.
    /// - Throws: `Failure.unencodable` for a non-finite number.
    public static func encode(_ v: Value) throws -> String {
        var out = ""
        try write(v, to: &out, nonFiniteAsNull: false)
        return out
    }

    /// `v` as compact single-line JSON; non-finite numbers become `null`.
    /// Never fails: for session lines and request bodies.
    public static func line(_ v: Value) -> String {
        var out = ""
        try? write(v, to: &out, nonFiniteAsNull: true)
        return out
    }

    private static func write(_ v: Value, to out: inout String, nonFiniteAsNull: Bool) throws {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite {
                guard nonFiniteAsNull else { throw Failure.unencodable("cannot encode \(d) as JSON") }
                out += "null"
                return
            }
            out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : "\(d)"
        case .string(let s): quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                try write(e, to: &out, nonFiniteAsNull: nonFiniteAsNull)
            }
            out += "]"
        case .table(let t):
            out += "{"
            for (i, k) in t.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, into: &out)
                out += ":"
                try write(t[k] ?? .null, to: &out, nonFiniteAsNull: nonFiniteAsNull)
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
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
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
    public static func decode(_ text: String, surrogates: SurrogatePolicy = .reject) throws -> Value {
        var p = JSONParser(Array(text.utf8), surrogates: surrogates)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.atEnd else { throw p.failure("unexpected \(p.describeCurrent()) after the value") }
        return v
    }
}
