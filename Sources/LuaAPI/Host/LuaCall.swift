import CLua
import CLuaShim
import Kernel

/// One call from Lua into a Swift binding: typed, validated argument access
/// and result pushing. Every reader uses non-raising Lua calls and throws a
/// `LuaError.badArgument` in the standard form, e.g.
/// `bad argument #2 to 'weft.buf.set_lines' (number expected, got nil)`.
public struct LuaCall {
    public let L: OpaquePointer
    /// The called function's box, not retained: the C closure being called
    /// holds it for at least the duration of the call.
    let box: Unmanaged<LuaFunction.Box>

    /// The Lua-visible name, e.g. "weft.buf.set_lines" (read from the box
    /// only when needed: error messages).
    public var function: String { box._withUnsafeGuaranteedRef { $0.name } }

    /// Number of arguments passed.
    public var count: Int32 { lua_gettop(L) }

    public func typeName(_ i: Int32) -> String { LuaValue.typeName(L, at: i) }
    public func isNil(_ i: Int32) -> Bool { lua_type(L, i) <= LUA_TNIL }
    public func type(_ i: Int32) -> Int32 { lua_type(L, i) }

    public func bad(_ i: Int32, _ message: String) -> LuaError {
        .badArgument(function: function, index: Int(i), message: message)
    }

    public func fail(_ message: String) -> LuaError {
        .failed(function: function, message: message)
    }

    private func expected(_ i: Int32, _ what: String) -> LuaError {
        bad(i, "\(what) expected, got \(isNil(i) && i > count ? "no value" : typeName(i))")
    }

    // MARK: - Required arguments

    public func int(_ i: Int32) throws -> Int {
        guard lua_type(L, i) == LUA_TNUMBER else { throw expected(i, "number") }
        var ok: Int32 = 0
        let v = lua_tointegerx(L, i, &ok)
        guard ok != 0 else { throw bad(i, "number has no integer representation") }
        return Int(v)
    }

    public func number(_ i: Int32) throws -> Double {
        guard lua_type(L, i) == LUA_TNUMBER else { throw expected(i, "number") }
        return lua_tonumberx(L, i, nil)
    }

    public func string(_ i: Int32) throws -> String {
        guard let s = LuaValue.string(L, at: i) else {
            if lua_type(L, i) == LUA_TNUMBER { return LuaValue.number(L, at: i).description }
            throw expected(i, "string")
        }
        return s
    }

    public func bool(_ i: Int32) throws -> Bool {
        guard lua_type(L, i) == LUA_TBOOLEAN else { throw expected(i, "boolean") }
        return lua_toboolean(L, i) != 0
    }

    /// The table at `i` converted to plain data.
    public func table(_ i: Int32) throws -> [String: Value] {
        guard lua_type(L, i) == LUA_TTABLE else { throw expected(i, "table") }
        switch try value(i) {
        case .table(let t): return t
        case .array(let a):
            var t: [String: Value] = [:]
            for (k, v) in a.enumerated() { t[String(k + 1)] = v }
            return t
        default: return [:]
        }
    }

    /// The list at `i` (a table with keys 1..n; `{}` is an empty list).
    public func list(_ i: Int32) throws -> [Value] {
        guard lua_type(L, i) == LUA_TTABLE else { throw expected(i, "table") }
        switch try value(i) {
        case .array(let a): return a
        case .table(let t) where t.isEmpty: return []
        default: throw bad(i, "list expected, got a table with non-sequence keys")
        }
    }

    /// A list of strings (each element checked).
    public func strings(_ i: Int32) throws -> [String] {
        if let fast = try stringsFast(i) { return fast }
        return try list(i).enumerated().map { (k, v) in
            guard case .string(let s) = v else {
                throw bad(i, "element \(k + 1) must be a string, got \(v.typeName)")
            }
            return s
        }
    }

    /// `strings(i)` read straight from the stack for the common case (a
    /// sequence of strings and nothing else), without converting the table
    /// to `Value`s first; nil for anything else, which the general path
    /// then accepts or rejects with its message.
    private func stringsFast(_ i: Int32) throws -> [String]? {
        guard lua_type(L, i) == LUA_TTABLE, lua_checkstack(L, 3) != 0 else { return nil }
        let t = lua_absindex(L, i)
        let n = Int(lua_rawlen(L, t))
        var result: [String] = []
        result.reserveCapacity(n)
        var k = 1
        while k <= n {
            guard lua_rawgeti(L, t, lua_Integer(k)) == LUA_TSTRING, let s = LuaValue.string(L, at: -1) else {
                weft_pop(L, 1)
                return nil
            }
            weft_pop(L, 1)
            result.append(s)
            try LuaBudget.check(step: k)
            k += 1
        }
        // Only keys 1...n: the entry count must be n.
        var count = 0
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            weft_pop(L, 1)
            count += 1
            if count > n { weft_pop(L, 1); return nil }
        }
        return count == n ? result : nil
    }

    /// Stores the function at `i` in the registry; returns the reference.
    public func function(_ i: Int32) throws -> Int32 {
        guard lua_type(L, i) == LUA_TFUNCTION else { throw expected(i, "function") }
        lua_pushvalue(L, i)
        return luaL_ref(L, weft_registryindex())
    }

    /// The argument at `i` as plain data (see `LuaValue.value`).
    /// - Throws: a bad argument error for a cycle, or a value too deep or
    ///   too large to convert.
    public func value(_ i: Int32) throws -> Value {
        do { return try LuaValue.value(L, at: i) } catch .budgetExpired { throw LuaBudgetExpired() } catch {
            throw bad(i, error.description)
        }
    }

    // MARK: - Optional arguments (nil or absent gives nil)

    public func optInt(_ i: Int32) throws -> Int? { isNil(i) ? nil : try int(i) }
    public func optString(_ i: Int32) throws -> String? { isNil(i) ? nil : try string(i) }
    public func optBool(_ i: Int32) throws -> Bool? { isNil(i) ? nil : try bool(i) }
    public func optTable(_ i: Int32) throws -> [String: Value]? { isNil(i) ? nil : try table(i) }
    public func optFunction(_ i: Int32) throws -> Int32? { isNil(i) ? nil : try function(i) }

    /// True when the option table argument at `i` is absent, nil or `{}`:
    /// bindings then take their defaults without reading options at all.
    public func isEmptyOptions(_ i: Int32) -> Bool {
        switch lua_type(L, i) {
        case LUA_TNONE, LUA_TNIL: return true
        case LUA_TTABLE:
            guard lua_checkstack(L, 2) != 0 else { return false }
            lua_pushnil(L)
            if lua_next(L, i < 0 ? i - 1 : i) == 0 { return true }
            weft_pop(L, 2)
            return false
        default: return false
        }
    }

    /// Raw-reads field `key` of the table at `i` and stores the function in
    /// the registry; nil when absent. Errors name the field.
    public func functionField(_ i: Int32, _ key: String) throws -> Int32? {
        guard lua_type(L, i) == LUA_TTABLE else { return nil }
        let t = weft_rawgetfield(L, i, key)
        defer { weft_pop(L, 1) }
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TFUNCTION else {
            throw bad(i, "field '\(key)': function expected, got \(typeName(-1))")
        }
        lua_pushvalue(L, -1)
        return luaL_ref(L, weft_registryindex())
    }

    /// Stores the value at `index` of this call's stack in the registry;
    /// returns the reference. (The call may run in a coroutine: its values
    /// are on the coroutine's stack, never on the main state's.)
    public func ref(at index: Int32) -> Int32 {
        lua_pushvalue(L, index)
        return luaL_ref(L, weft_registryindex())
    }

    // MARK: - Results

    @discardableResult
    public func push(_ v: Value) -> Int32 { LuaValue.push(L, v); return 1 }
    @discardableResult
    public func push(_ i: Int) -> Int32 { lua_pushinteger(L, lua_Integer(i)); return 1 }
    @discardableResult
    public func push(_ s: String) -> Int32 { LuaValue.pushString(L, s); return 1 }
    @discardableResult
    public func push(_ b: Bool) -> Int32 { lua_pushboolean(L, b ? 1 : 0); return 1 }
    @discardableResult
    public func pushNil() -> Int32 { lua_pushnil(L); return 1 }

    /// Pushes the lines of `buffer` in `rows` (already validated) as one new
    /// Lua list, each string copied straight from the line's stored UTF-8
    /// bytes: no intermediate array of lines or of `Value`s.
    @discardableResult
    public func pushLines(of buffer: Buffer, in rows: Range<Int>) -> Int32 {
        lua_createtable(L, Int32(clamping: rows.count), 0)
        // One line (a loop reading line by line): `Buffer.line` answers
        // from the leaf it read last, without copying the store or walking
        // it from the root. The line is read before Lua runs (a push may
        // run a finalizer that edits the buffer).
        if rows.count == 1, let line = buffer.line(rows.lowerBound) {
            LuaValue.pushString(L, line)
            lua_rawseti(L, -2, 1)
            return 1
        }
        var k: lua_Integer = 1
        buffer.forEachLine(in: rows) { line in
            LuaValue.pushString(L, line)
            lua_rawseti(L, -2, k)
            k += 1
        }
        return 1
    }
}

extension Value {
    /// A short readable rendering (numbers as Lua prints them).
    public var description: String {
        switch self {
        case .null: return "nil"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): return s
        case .array(let a): return "{" + a.map(\.description).joined(separator: ", ") + "}"
        case .table(let t): return "{" + t.keys.sorted().map { "\($0) = \(t[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }
}
