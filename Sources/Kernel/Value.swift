/// A plain data value that can cross from the kernel to Lua and back:
/// buffer variables, event payloads, layout trees as data.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case table([String: Value])

    /// The string inside, if this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer inside (doubles with no fraction count too).
    public var int: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int(d)
        default: return nil
        }
    }

    /// The table inside, if this is a table.
    public var table: [String: Value]? {
        if case .table(let t) = self { return t }
        return nil
    }

    /// The array inside, if this is an array.
    public var array: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Field access on a table (nil for other kinds or missing keys).
    public subscript(key: String) -> Value? { table?[key] }

    /// The Lua type name this value has (or would have): "nil", "boolean",
    /// "number", "string" or "table"; for error messages.
    public var typeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array, .table: return "table"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(integerLiteral i: Int) { self = .int(i) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
}
