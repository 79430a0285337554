import Kernel

/// A small JSON codec over the kernel's ``Value`` for the chat layer: tool
/// arguments, tool schemas and session lines.
///
/// Decoding follows RFC 8259: integral numbers without a fraction or
/// exponent become `.int`, other numbers `.double`, objects `.table`,
/// `null` `.null`. Nesting deeper than ``maxDepth`` is an error, never a
/// crash. Encoding writes compact JSON with object keys sorted (so output
/// is deterministic) and escapes every control character, which keeps each
/// encoded value on one line (JSONL-safe).
///
/// ```swift
/// let v = try ChatJSON.decode(#"{"path": "README.md"}"#)
/// ChatJSON.encode(v)  // {"path":"README.md"}
/// ```
public enum ChatJSON {
    /// The deepest nesting ``decode(_:)`` accepts.
    public static let maxDepth = 256

    /// Parses one JSON text (surrounding whitespace allowed).
    /// - Throws: ``ChatJSONError`` naming the byte offset of the problem.
    public static func decode(_ text: String) throws -> Value {
        var parser = ChatJSONParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Encodes a value as compact single-line JSON with sorted keys.
    /// Non-finite doubles become `null`.
    public static func encode(_ value: Value) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? formatDouble(d) : "null"
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .table(let table):
            out += "{"
            for (i, key) in table.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(table[key] ?? .null, into: &out)
            }
            out += "}"
        }
    }

    private static func formatDouble(_ d: Double) -> String {
        if d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return "\(d)"
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Why ``ChatJSON/decode(_:)`` rejected its input.
public enum ChatJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text ended inside a value (often a truncated line).
    case unexpectedEnd
    /// A byte that cannot start or continue a value, at the given offset.
    case unexpectedByte(offset: Int)
    /// A malformed number, escape or literal at the given offset.
    case invalid(String, offset: Int)
    /// More than ``ChatJSON/maxDepth`` nested arrays or objects.
    case tooDeep
    /// Extra non-space text after the value, at the given offset.
    case trailingData(offset: Int)

    /// A one-line message for users.
    public var description: String {
        switch self {
        case .unexpectedEnd: return "invalid JSON: unexpected end of text"
        case .unexpectedByte(let o): return "invalid JSON: unexpected character at byte \(o)"
        case .invalid(let what, let o): return "invalid JSON: bad \(what) at byte \(o)"
        case .tooDeep: return "invalid JSON: nested deeper than \(ChatJSON.maxDepth)"
        case .trailingData(let o): return "invalid JSON: extra text at byte \(o)"
        }
    }
}
