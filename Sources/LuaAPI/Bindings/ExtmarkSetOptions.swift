import CLua
import CLuaShim
import Kernel

// A fast path for the option table of `weft.extmark.set`: plugins set
// marks by the thousand with a few scalar options (`hl`, `end_col`,
// `priority`), and reading them through `LuaOptions` (a list of converted
// `Value`s, a hashed check of every key, a dozen probes by name, then the
// decoration built field by field) cost more than storing the mark. The
// scalar fields are read straight from the Lua stack into a `Decoration`;
// anything else (virtual text or lines, `virt_text_pos`, a wrong type, an
// unknown key, a float) returns nil and the caller runs the general reader,
// which produces the exact error message.

/// The options of one `extmark.set` call: `readFast` takes the common shapes,
/// `LuaRuntime.extmarkOptions` (through `LuaOptions`) every other.
struct ExtmarkSetOptions {
    var id: Int?
    var endRow: Int?
    var endCol: Int?
    var decoration = Decoration()
    var rightGravity = true
    var endRightGravity = false

    /// The options in the table at `index`, or nil when the general reader
    /// must decide (also for every invalid table).
    static func readFast(_ c: LuaCall, _ index: Int32) -> ExtmarkSetOptions? {
        let L = c.L
        guard lua_type(L, index) == LUA_TTABLE, lua_checkstack(L, 4) != 0 else { return nil }
        let t = lua_absindex(L, index)
        var o = ExtmarkSetOptions()
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            // Stack: key at -2, value at -1.
            guard lua_type(L, -2) == LUA_TSTRING, o.store(L) else {
                weft_pop(L, 2)
                return nil
            }
            weft_pop(L, 1)
        }
        return o
    }

    /// Stores the value at -1 under the string key at -2; false for a key
    /// or value shape this path does not take.
    private mutating func store(_ L: OpaquePointer) -> Bool {
        var len = 0
        guard let p = lua_tolstring(L, -2, &len), len <= 17 else { return false }
        switch LuaValue.decode(p, len) {
        case "hl": guard let v = Self.string(L) else { return false }; decoration.hl = v
        case "end_col": guard let v = Self.int(L) else { return false }; endCol = v
        case "end_row": guard let v = Self.int(L) else { return false }; endRow = v
        case "priority": guard let v = Self.int(L) else { return false }; decoration.priority = v
        case "id": guard let v = Self.int(L) else { return false }; id = v
        case "line_hl": guard let v = Self.string(L) else { return false }; decoration.lineHl = v
        case "url": guard let v = Self.string(L) else { return false }; decoration.url = v
        case "right_gravity": guard let v = Self.bool(L) else { return false }; rightGravity = v
        case "end_right_gravity": guard let v = Self.bool(L) else { return false }; endRightGravity = v
        case "no_wrap": guard let v = Self.bool(L) else { return false }; decoration.noWrap = v
        case "virt_lines_above": guard let v = Self.bool(L) else { return false }; decoration.virtLinesAbove = v
        default: return false
        }
        return true
    }

    private static func string(_ L: OpaquePointer) -> String? {
        LuaValue.string(L, at: -1)
    }

    private static func int(_ L: OpaquePointer) -> Int? {
        guard lua_type(L, -1) == LUA_TNUMBER, lua_isinteger(L, -1) != 0 else { return nil }
        return Int(lua_tointegerx(L, -1, nil))
    }

    private static func bool(_ L: OpaquePointer) -> Bool? {
        guard lua_type(L, -1) == LUA_TBOOLEAN else { return nil }
        return lua_toboolean(L, -1) != 0
    }
}
