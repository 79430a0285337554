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
        // Works on the UTF-8 bytes and copies runs that need no escape in
        // one go: a long reply is quoted at memcpy speed, not per scalar.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        bytes.append(0x22)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var u = s.utf8.makeIterator()
        var pending: [UInt8] = []  // the first bytes of a possible U+2028/U+2029
        while let b = u.next() {
            if !pending.isEmpty {
                pending.append(b)
                if pending.count == 3 {
                    if pending[0] == 0xE2, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9 {
                        bytes += Array((pending[2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    } else {
                        bytes += pending
                    }
                    pending.removeAll(keepingCapacity: true)
                } else if pending.count == 2 && b != 0x80 {
                    bytes += pending
                    pending.removeAll(keepingCapacity: true)
                }
                continue
            }
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x08: bytes += [0x5C, 0x62]
            case 0x0C: bytes += [0x5C, 0x66]
            case 0xE2: pending.append(b)
            case 0..<0x20, 0x7F:
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes += pending
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Decoding

    /// Parses JSON text.
    /// - Throws: `Failure.syntax` naming what was expected and where.
    public static func decode(_ text: String, surrogates: SurrogatePolicy = .reject) throws -> Value {
        var text = text
        return try text.withUTF8 { try decode(utf8: UnsafeRawBufferPointer($0), surrogates: surrogates) }
    }

    /// Parses JSON from its UTF-8 bytes, read in place (no copy, no
    /// `String` first); invalid UTF-8 inside strings becomes U+FFFD.
    ///
    /// ```swift
    /// let v = try bytes.withUnsafeBytes { try JSON.decode(utf8: $0) }
    /// ```
    /// - Throws: `Failure.syntax` naming what was expected and where.
    public static func decode(utf8 bytes: UnsafeRawBufferPointer, surrogates: SurrogatePolicy = .reject) throws -> Value {
        var p = JSONParser(bytes, surrogates: surrogates)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.atEnd else { throw p.failure("unexpected \(p.describeCurrent()) after the value") }
        return v
    }
}
