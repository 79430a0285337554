/// The recursive-descent parser behind `JSON.decode`, over UTF-8 bytes
/// it borrows (valid for the parser's life, which `JSON.decode` bounds).
struct JSONParser {
    let bytes: UnsafeRawBufferPointer
    let surrogates: JSON.SurrogatePolicy
    var i = 0

    init(_ bytes: UnsafeRawBufferPointer, surrogates: JSON.SurrogatePolicy = .reject) {
        self.bytes = bytes
        self.surrogates = surrogates
    }

    var atEnd: Bool { i >= bytes.count }

    func failure(_ message: String, at pos: Int? = nil) -> JSON.Failure {
        .syntax(message, position: (pos ?? i) + 1)
    }

    func describeCurrent() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        return b >= 0x20 && b < 0x7F ? "character '\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    mutating func value(depth: Int) throws -> Value {
        guard depth < JSON.maxDepth else { throw failure("nesting deeper than \(JSON.maxDepth) levels") }
        guard i < bytes.count else { throw failure("unexpected end of input, expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else {
            throw failure("invalid literal, expected '\(word)'")
        }
        i += w.count
    }

    private mutating func object(depth: Int) throws -> Value {
        i += 1
        var t: [String: Value] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .table(t) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeCurrent()), expected a string key")
            }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw failure("unexpected \(describeCurrent()), expected ':'")
            }
            i += 1
            skipSpace()
            t[key] = try value(depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw failure("unexpected end of input, expected ',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .table(t) }
            throw failure("unexpected \(describeCurrent()), expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws -> Value {
        i += 1
        var a: [Value] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
        while true {
            skipSpace()
            a.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw failure("unexpected end of input, expected ',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            throw failure("unexpected \(describeCurrent()), expected ',' or ']'")
        }
    }

    mutating func number() throws -> Value {
        let start = i
        var isInt = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw failure("invalid number: expected a digit") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw failure("invalid number: leading zero") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInt = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw failure("invalid number: expected a digit after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInt = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw failure("invalid number: expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isInt, let n = Int(text) { return .int(n) }
        guard let d = Double(text) else { throw failure("invalid number", at: start) }
        return .double(d)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func string() throws -> String {
        let open = i
        i += 1
        // Fast path: no escape before the closing quote, one copy.
        var j = i
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x22 {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
                i = j + 1
                return s
            }
            if b == 0x5C || b < 0x20 { break }
            j += 1
        }
        var out: [UInt8] = []
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
        i = j
        while true {
            guard i < bytes.count else { throw failure("unterminated string", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw failure("control character in string (escape it)") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw failure("unterminated escape", at: i - 1) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
            default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// After `\u`: four hex digits, and a low surrogate escape when the
    /// first is a high surrogate. Returns the scalar's UTF-8 bytes. A lone
    /// surrogate is an error, or U+FFFD under `.replace`.
    private mutating func unicodeEscape() throws -> [UInt8] {
        let at = i - 2
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                let resume = i
                i += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if surrogates == .replace {
                    i = resume  // the next escape is read again on its own
                    code = 0xFFFD
                } else {
                    throw failure("high surrogate followed by a non-low surrogate", at: at)
                }
            } else if surrogates == .replace {
                code = 0xFFFD
            } else {
                throw failure("high surrogate without a following low surrogate", at: at)
            }
        } else if (0xDC00...0xDFFF).contains(code) {
            guard surrogates == .replace else { throw failure("lone low surrogate", at: at) }
            code = 0xFFFD
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure("invalid code point", at: at) }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16),
              bytes[i..<(i + 4)].allSatisfy({ isHex($0) }) else {
            throw failure("invalid \\u escape: expected 4 hex digits")
        }
        i += 4
        return v
    }

    private func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }
}
