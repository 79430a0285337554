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
        // Native and small strings: their bytes in place, no copy of `s`.
        let pushed: Void? = s.utf8.withContiguousStorageIfAvailable { buf in
            buf.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
        if pushed != nil { return }
        var s = s
        s.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// Converts the Lua value at `index` to plain data. Functions, userdata
    /// and threads become `.null`; tables with keys 1..n become arrays; a
    /// shared subtable is converted once.
    /// - Throws: ``LuaValueError`` for a table that contains itself, nesting
    ///   deeper than ``LuaValueReader/maxDepth`` or a result of more than
    ///   ``LuaValueReader/maxValues`` values.
    public static func value(_ L: OpaquePointer, at index: Int32) throws(LuaValueError) -> Value {
        var reader = LuaValueReader(L)
        return try reader.read(at: index)
    }

    /// The number at `index`: `.int` for a Lua integer, else `.double`.
    public static func number(_ L: OpaquePointer, at index: Int32) -> Value {
        if lua_isinteger(L, index) != 0 { return .int(Int(lua_tointegerx(L, index, nil))) }
        return .double(lua_tonumberx(L, index, nil))
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
