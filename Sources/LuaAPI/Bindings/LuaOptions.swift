import CLua
import CLuaShim
import Kernel

/// An option table argument (`{name=, scratch=}`), validated in one place:
/// unknown keys and wrongly typed fields raise
/// `bad argument #N to 'weft.x.y' (field 'k': string expected, got number)`.
struct LuaOptions {
    let call: LuaCall
    let index: Int32
    /// The fields present, in table order. Option tables are small and
    /// bindings probe them for many absent keys: a short list compared
    /// key by key is cheaper than building and hashing a dictionary.
    private let entries: [(key: String, value: Value)]

    /// The fields as a dictionary (for the few callers that inspect keys).
    var fields: [String: Value] { Dictionary(entries, uniquingKeysWith: { first, _ in first }) }

    /// Reads the table at `index` (nil or absent gives an empty table)
    /// straight from the Lua stack: one `lua_next` walk, values converted
    /// as they are met.
    /// - Throws: when the argument is not a table or has a key outside `allowed`.
    init(_ call: LuaCall, _ index: Int32, allowed: Set<String>) throws {
        self.call = call
        self.index = index
        self.entries = try Self.read(call, index)
        if entries.contains(where: { !allowed.contains($0.key) }),
           let bad = entries.map(\.key).sorted().first(where: { !allowed.contains($0) }) {
            throw call.bad(index, "unknown option '\(bad)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Builds options from an already converted table (nested option tables).
    init(_ call: LuaCall, _ index: Int32, fields: [String: Value]) {
        self.call = call
        self.index = index
        self.entries = fields.map { (key: $0.key, value: $0.value) }
    }

    /// The key/value pairs of the table at `index` (keys of a sequence part
    /// as their decimal form, like `LuaCall.table`).
    private static func read(_ call: LuaCall, _ index: Int32) throws -> [(key: String, value: Value)] {
        let L = call.L
        if call.isNil(index) { return [] }
        guard lua_type(L, index) == LUA_TTABLE else { _ = try call.table(index); return [] }
        let t = lua_absindex(L, index)
        guard lua_checkstack(L, 4) != 0 else { return [] }
        let n = Int(lua_rawlen(L, t))
        var out: [(key: String, value: Value)] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            let key: String?
            switch lua_type(L, -2) {
            case LUA_TSTRING: key = LuaValue.string(L, at: -2)
            case LUA_TNUMBER:
                let i = lua_isinteger(L, -2) != 0 ? Int(lua_tointegerx(L, -2, nil)) : 0
                key = i >= 1 && i <= n ? String(i) : String(lua_tonumberx(L, -2, nil))
            default: key = nil
            }
            if let key {
                do { out.append((key, try LuaValue.value(L, at: -1))) } catch {
                    weft_pop(L, 2)
                    throw call.bad(index, "field '\(key)': \(error)")
                }
            }
            weft_pop(L, 1)
        }
        return out
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func value(_ key: String) -> Value? {
        for e in entries where e.key == key { return e.value == .null ? nil : e.value }
        return nil
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
