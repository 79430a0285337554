import Kernel

/// The recursive-descent parser behind ``ChatJSON/decode(_:)``: works on
/// UTF-8 bytes, tracks depth, and reports errors as ``ChatJSONError``.
struct ChatJSONParser {
    let bytes: [UInt8]
    var pos = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws -> Value {
        skipSpace()
        let value = try parseValue()
        skipSpace()
        guard pos == bytes.count else { throw ChatJSONError.trailingData(offset: pos) }
        return value
    }

    private mutating func skipSpace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    private func peek() throws -> UInt8 {
        guard pos < bytes.count else { throw ChatJSONError.unexpectedEnd }
        return bytes[pos]
    }

    private mutating func parseValue() throws -> Value {
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw ChatJSONError.unexpectedByte(offset: pos)
        }
    }

    private mutating func expectLiteral(_ word: String) throws {
        let start = pos
        for b in word.utf8 {
            guard pos < bytes.count else { throw ChatJSONError.unexpectedEnd }
            guard bytes[pos] == b else { throw ChatJSONError.invalid("literal", offset: start) }
            pos += 1
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > ChatJSON.maxDepth { throw ChatJSONError.tooDeep }
    }

    private mutating func parseObject() throws -> Value {
        try enter()
        pos += 1
        var table: [String: Value] = [:]
        skipSpace()
        if try peek() == UInt8(ascii: "}") { pos += 1; depth -= 1; return .table(table) }
        while true {
            skipSpace()
            guard try peek() == UInt8(ascii: "\"") else { throw ChatJSONError.unexpectedByte(offset: pos) }
            let key = try parseString()
            skipSpace()
            guard try peek() == UInt8(ascii: ":") else { throw ChatJSONError.unexpectedByte(offset: pos) }
            pos += 1
            skipSpace()
            table[key] = try parseValue()
            skipSpace()
            let b = try peek()
            pos += 1
            if b == UInt8(ascii: "}") { break }
            guard b == UInt8(ascii: ",") else { throw ChatJSONError.unexpectedByte(offset: pos - 1) }
        }
        depth -= 1
        return .table(table)
    }

    private mutating func parseArray() throws -> Value {
        try enter()
        pos += 1
        var items: [Value] = []
        skipSpace()
        if try peek() == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            let b = try peek()
            pos += 1
            if b == UInt8(ascii: "]") { break }
            guard b == UInt8(ascii: ",") else { throw ChatJSONError.unexpectedByte(offset: pos - 1) }
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseNumber() throws -> Value {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard try digits() > 0 else { throw ChatJSONError.invalid("number", offset: start) }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard try digits() > 0 else { throw ChatJSONError.invalid("number", offset: start) }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard try digits() > 0 else { throw ChatJSONError.invalid("number", offset: start) }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw ChatJSONError.invalid("number", offset: start) }
        return .double(d)
    }

    private mutating func digits() throws -> Int {
        var n = 0
        while pos < bytes.count, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") {
            pos += 1
            n += 1
        }
        return n
    }

    private mutating func parseString() throws -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw ChatJSONError.unexpectedEnd }
            let b = bytes[pos]
            pos += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0..<0x20:
                throw ChatJSONError.invalid("control character in string", offset: pos - 1)
            default:
                out.append(b)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws {
        guard pos < bytes.count else { throw ChatJSONError.unexpectedEnd }
        let e = bytes[pos]
        pos += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let s = simple[e] { out.append(s); return }
        guard e == UInt8(ascii: "u") else { throw ChatJSONError.invalid("escape", offset: pos - 2) }
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            // A high surrogate must be followed by \u and a low surrogate.
            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                pos += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    code = 0xFFFD
                    pos -= 6
                }
            } else {
                code = 0xFFFD
            }
        } else if (0xDC00...0xDFFF).contains(code) {
            code = 0xFFFD
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw ChatJSONError.unexpectedEnd }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw ChatJSONError.invalid("\\u escape", offset: pos)
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }
}
