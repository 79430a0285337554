import CLua
import CLuaShim
import Kernel

/// Conversion between Lua values and `Value`, using only non-raising calls.
public enum LuaValue {
    /// The Lua type name of the value at `index` ("nil", "table", ...).
    public static func typeName(_ L: OpaquePointer, at index: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, index)))
    }

    /// The string at `index` if it is a string (numbers are not converted).
    public static func string(_ L: OpaquePointer, at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = lua_tolstring(L, index, &len) else { return nil }
        return decode(p, len)
    }

    /// Decodes bytes from Lua as UTF-8, repairing invalid sequences.
    static func decode(_ p: UnsafePointer<CChar>, _ len: Int) -> String {
        p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    public static func pushString(_ L: OpaquePointer, _ s: String) {
        var s = s
        s.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// Converts the Lua value at `index` to plain data. Functions, userdata
    /// and threads become `.null`; tables with keys 1..n become arrays;
    /// cycles are cut at depth 64.
    public static func value(_ L: OpaquePointer, at index: Int32, depth: Int = 0) -> Value {
        switch lua_type(L, index) {
        case LUA_TBOOLEAN: return .bool(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .int(Int(lua_tointegerx(L, index, nil))) }
            return .double(lua_tonumberx(L, index, nil))
        case LUA_TSTRING: return .string(string(L, at: index) ?? "")
        case LUA_TTABLE: return depth > 64 ? .null : table(L, at: lua_absindex(L, index), depth: depth + 1)
        default: return .null
        }
    }

    private static func table(_ L: OpaquePointer, at t: Int32, depth: Int) -> Value {
        // Each nesting level uses stack slots: grow the stack (non-raising).
        guard lua_checkstack(L, 4) != 0 else { return .null }
        let n = Int(lua_rawlen(L, t))
        var dict: [String: Value] = [:]
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, let k = string(L, at: -2) {
                dict[k] = value(L, at: -1, depth: depth)
            } else if lua_type(L, -2) == LUA_TNUMBER, lua_isinteger(L, -2) == 0 || lua_tointegerx(L, -2, nil) > n || lua_tointegerx(L, -2, nil) < 1 {
                // Keys outside 1..n: keep them under their decimal form.
                dict[String(lua_tonumberx(L, -2, nil))] = value(L, at: -1, depth: depth)
            }
            weft_pop(L, 1)
        }
        if n > 0 && dict.isEmpty {
            var arr: [Value] = []
            arr.reserveCapacity(n)
            for i in 1...n {
                lua_rawgeti(L, t, lua_Integer(i))
                arr.append(value(L, at: -1, depth: depth))
                weft_pop(L, 1)
            }
            return .array(arr)
        }
        if n > 0 {
            for i in 1...n {
                lua_rawgeti(L, t, lua_Integer(i))
                dict[String(i)] = value(L, at: -1, depth: depth)
                weft_pop(L, 1)
            }
        }
        return .table(dict)
    }

    /// Pushes plain data as a Lua value (`.null` becomes nil).
    public static func push(_ L: OpaquePointer, _ v: Value) {
        switch v {
        case .null: lua_pushnil(L)
        case .bool(let b): lua_pushboolean(L, b ? 1 : 0)
        case .int(let i): lua_pushinteger(L, lua_Integer(i))
        case .double(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(L, s)
        case .array(let a):
            guard lua_checkstack(L, 3) != 0 else { lua_pushnil(L); return }
            lua_createtable(L, Int32(a.count), 0)
            for (i, e) in a.enumerated() {
                push(L, e)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .table(let t):
            guard lua_checkstack(L, 3) != 0 else { lua_pushnil(L); return }
            lua_createtable(L, 0, Int32(t.count))
            for (k, e) in t {
                push(L, e)
                weft_rawsetfield(L, -2, k)
            }
        }
    }
}
