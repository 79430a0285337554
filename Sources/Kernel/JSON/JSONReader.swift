/// Reads JSON one value at a time, for decoders that want a few fields of
/// a known shape without building a ``Value`` tree (a streamed model chunk
/// is parsed many times a second; its tree was three hashed dictionaries).
///
/// It accepts exactly what ``JSON/decode(utf8:surrogates:)`` accepts and
/// throws the same failures: strings, numbers and literals go through the
/// same parser, and a skipped value is parsed, only not kept.
///
/// ```swift
/// var reader = JSONReader(utf8: bytes)
/// var name: String?
/// try reader.readObject { reader, key in
///     if key == "name", reader.peek == .string { name = try reader.readString() }
///     else { try reader.skipValue() }
/// }
/// try reader.finish()
/// ```
public struct JSONReader {
    /// What the next value is, from its first byte.
    public enum Kind: Equatable, Sendable {
        case object, array, string, number, bool, null
        /// Not the start of any value (or the end of the input).
        case invalid
    }

    private var parser: JSONParser

    /// A reader over `bytes`, which must stay valid while it is used.
    public init(utf8 bytes: UnsafeRawBufferPointer, surrogates: JSON.SurrogatePolicy = .reject) {
        parser = JSONParser(bytes, surrogates: surrogates)
        parser.skipSpace()
    }

    /// The kind of the next value.
    public var peek: Kind {
        guard parser.i < parser.bytes.count else { return .invalid }
        switch parser.bytes[parser.i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return .invalid
        }
    }

    /// Reads an object: `member` is called with each key and must read or
    /// skip that key's value.
    /// - Throws: ``JSON/Failure`` for malformed input or nesting deeper
    ///   than ``JSON/maxDepth``, or whatever `member` throws.
    public mutating func readObject(depth: Int = 0, _ member: (inout JSONReader, String) throws -> Void) throws {
        try open(UInt8(ascii: "{"), depth: depth, expected: "'{'")
        parser.skipSpace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            parser.skipSpace()
            guard peek == .string else {
                throw parser.failure("unexpected \(parser.describeCurrent()), expected a string key")
            }
            let key = try parser.string()
            parser.skipSpace()
            guard consume(UInt8(ascii: ":")) else {
                throw parser.failure("unexpected \(parser.describeCurrent()), expected ':'")
            }
            parser.skipSpace()
            try member(&self, key)
            parser.skipSpace()
            guard parser.i < parser.bytes.count else { throw parser.failure("unexpected end of input, expected ',' or '}'") }
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return }
            throw parser.failure("unexpected \(parser.describeCurrent()), expected ',' or '}'")
        }
    }

    /// Reads an array: `element` is called for each element and must read
    /// or skip it.
    /// - Throws: as ``readObject(depth:_:)``.
    public mutating func readArray(depth: Int = 0, _ element: (inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "["), depth: depth, expected: "'['")
        parser.skipSpace()
        if consume(UInt8(ascii: "]")) { return }
        while true {
            parser.skipSpace()
            try element(&self)
            parser.skipSpace()
            guard parser.i < parser.bytes.count else { throw parser.failure("unexpected end of input, expected ',' or ']'") }
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return }
            throw parser.failure("unexpected \(parser.describeCurrent()), expected ',' or ']'")
        }
    }

    /// Reads a string.
    /// - Throws: ``JSON/Failure`` when the next value is not a valid string.
    public mutating func readString() throws -> String {
        guard peek == .string else { throw parser.failure("unexpected \(parser.describeCurrent()), expected a string") }
        return try parser.string()
    }

    /// Reads a number, `null`, `true` or `false`, or a string, array or
    /// object whole: the value as ``JSON/decode(utf8:surrogates:)`` gives it.
    /// - Throws: ``JSON/Failure`` for malformed input.
    public mutating func readValue(depth: Int = 0) throws -> Value {
        try parser.value(depth: depth)
    }

    /// Parses the next value without keeping it.
    /// - Throws: ``JSON/Failure`` for malformed input (as reading it would).
    public mutating func skipValue(depth: Int = 0) throws {
        guard depth < JSON.maxDepth else { throw parser.failure("nesting deeper than \(JSON.maxDepth) levels") }
        switch peek {
        case .object: try readObject(depth: depth) { reader, _ in try reader.skipValue(depth: depth + 1) }
        case .array: try readArray(depth: depth) { reader in try reader.skipValue(depth: depth + 1) }
        case .string: _ = try parser.string()
        default: _ = try parser.value(depth: depth)
        }
    }

    /// Checks that nothing but white space follows the value read.
    /// - Throws: ``JSON/Failure`` naming what follows.
    public mutating func finish() throws {
        parser.skipSpace()
        guard parser.atEnd else { throw parser.failure("unexpected \(parser.describeCurrent()) after the value") }
    }

    private mutating func open(_ byte: UInt8, depth: Int, expected: String) throws {
        guard depth < JSON.maxDepth else { throw parser.failure("nesting deeper than \(JSON.maxDepth) levels") }
        guard consume(byte) else { throw parser.failure("unexpected \(parser.describeCurrent()), expected \(expected)") }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard parser.i < parser.bytes.count, parser.bytes[parser.i] == byte else { return false }
        parser.i += 1
        return true
    }
}
