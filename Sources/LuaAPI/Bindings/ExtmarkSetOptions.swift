import CLua
import CLuaShim
import Glibc
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
    /// `names` remembers the last highlight name read (a loop passes the
    /// same one every time).
    static func readFast(_ c: LuaCall, _ index: Int32, names: LuaStringCache) -> ExtmarkSetOptions? {
        let L = c.L
        guard lua_type(L, index) == LUA_TTABLE, lua_checkstack(L, 4) != 0 else { return nil }
        let t = lua_absindex(L, index)
        var o = ExtmarkSetOptions()
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            // Stack: key at -2, value at -1.
            guard lua_type(L, -2) == LUA_TSTRING, o.store(L, names) else {
                weft_pop(L, 2)
                return nil
            }
            weft_pop(L, 1)
        }
        return o
    }

    /// Stores the value at -1 under the string key at -2; false for a key
    /// or value shape this path does not take.
    private mutating func store(_ L: OpaquePointer, _ names: LuaStringCache) -> Bool {
        var len = 0
        guard let p = lua_tolstring(L, -2, &len), let key = Key(p, len) else { return false }
        switch key {
        case .hl: guard let v = names.read(L, at: -1) else { return false }; decoration.hl = v
        case .endCol: guard let v = Self.int(L) else { return false }; endCol = v
        case .endRow: guard let v = Self.int(L) else { return false }; endRow = v
        case .priority: guard let v = Self.int(L) else { return false }; decoration.priority = v
        case .id: guard let v = Self.int(L) else { return false }; id = v
        case .lineHl: guard let v = Self.string(L) else { return false }; decoration.lineHl = v
        case .url: guard let v = Self.string(L) else { return false }; decoration.url = v
        case .rightGravity: guard let v = Self.bool(L) else { return false }; rightGravity = v
        case .endRightGravity: guard let v = Self.bool(L) else { return false }; endRightGravity = v
        case .noWrap: guard let v = Self.bool(L) else { return false }; decoration.noWrap = v
        case .virtLinesAbove: guard let v = Self.bool(L) else { return false }; decoration.virtLinesAbove = v
        }
        return true
    }

    /// The keys the fast path takes, recognised from the key's bytes (no
    /// Swift string is made).
    private enum Key {
        case hl, endCol, endRow, priority, id, lineHl, url
        case rightGravity, endRightGravity, noWrap, virtLinesAbove

        init?(_ p: UnsafePointer<CChar>, _ count: Int) {
            func equals(_ name: StaticString) -> Bool { memcmp(p, name.utf8Start, count) == 0 }
            switch count {
            case 2 where equals("hl"): self = .hl
            case 2 where equals("id"): self = .id
            case 3 where equals("url"): self = .url
            case 7 where equals("end_col"): self = .endCol
            case 7 where equals("end_row"): self = .endRow
            case 7 where equals("line_hl"): self = .lineHl
            case 7 where equals("no_wrap"): self = .noWrap
            case 8 where equals("priority"): self = .priority
            case 13 where equals("right_gravity"): self = .rightGravity
            case 16 where equals("virt_lines_above"): self = .virtLinesAbove
            case 17 where equals("end_right_gravity"): self = .endRightGravity
            default: return nil
            }
        }
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
