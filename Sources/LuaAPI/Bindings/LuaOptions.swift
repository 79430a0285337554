import Kernel

/// An option table argument (`{name=, scratch=}`), validated in one place:
/// unknown keys and wrongly typed fields raise
/// `bad argument #N to 'weft.x.y' (field 'k': string expected, got number)`.
struct LuaOptions {
    let call: LuaCall
    let index: Int32
    let fields: [String: Value]

    /// Reads the table at `index` (nil or absent gives an empty table).
    /// - Throws: when the argument is not a table or has a key outside `allowed`.
    init(_ call: LuaCall, _ index: Int32, allowed: Set<String>) throws {
        self.call = call
        self.index = index
        self.fields = try call.optTable(index) ?? [:]
        if fields.keys.contains(where: { !allowed.contains($0) }),
           let bad = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw call.bad(index, "unknown option '\(bad)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Builds options from an already converted table (nested option tables).
    init(_ call: LuaCall, _ index: Int32, fields: [String: Value]) {
        self.call = call
        self.index = index
        self.fields = fields
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func value(_ key: String) -> Value? {
        // Option tables are small and bindings ask for many absent keys:
        // comparing a few (mostly small, inline) strings is cheaper than
        // hashing the key for a dictionary lookup.
        if fields.count <= 4 {
            for (k, v) in fields where k == key { return v == .null ? nil : v }
            return nil
        }
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    func error(_ key: String, _ expected: String, _ got: Value) -> LuaError {
        call.bad(index, "field '\(key)': \(expected) expected, got \(got.typeName)")
    }

    func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw error(key, "string", v) }
        return s
    }

    func int(_ key: String) throws -> Int? {
        guard let v = value(key) else { return nil }
        switch v {
        case .int(let i): return i
        case .double:
            guard let i = v.int else { throw call.bad(index, "field '\(key)': number has no integer representation") }
            return i
        default: throw error(key, "number", v)
        }
    }

    func number(_ key: String) throws -> Double? {
        guard let v = value(key) else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw error(key, "number", v)
        }
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else { throw error(key, "boolean", v) }
        return b
    }

    func table(_ key: String) throws -> [String: Value]? {
        guard let v = value(key) else { return nil }
        switch v {
        case .table(let t): return t
        case .array(let a) where a.isEmpty: return [:]
        default: throw error(key, "table", v)
        }
    }

    func list(_ key: String) throws -> [Value]? {
        guard let v = value(key) else { return nil }
        switch v {
        case .array(let a): return a
        case .table(let t) where t.isEmpty: return []
        default: throw error(key, "list", v)
        }
    }

    /// A string that must be one of `choices`.
    func choice(_ key: String, _ choices: [String]) throws -> String? {
        guard let s = try string(key) else { return nil }
        guard choices.contains(s) else {
            throw call.bad(index, "field '\(key)': expected one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")), got \"\(s)\"")
        }
        return s
    }
}
