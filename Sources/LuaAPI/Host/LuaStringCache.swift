import CLua
import CLuaShim

/// The Swift string of the Lua string read last, recognised by its address:
/// a loop passing the same highlight name (`{hl = 'Title'}`) thousands of
/// times decodes it once.
///
/// Short Lua strings are interned (equal contents, one object), and a
/// string never moves while it lives. The cache keeps the string it
/// remembers alive (a registry entry keyed by the cache's own address), so
/// its address cannot be reused by another string: the same address and
/// length mean the same contents.
final class LuaStringCache {
    private var pointer: UnsafePointer<CChar>?
    private var length = 0
    private var string = ""

    /// The string at `index` (nil when it is not a string), from the cache
    /// when it is the one read last.
    func read(_ L: OpaquePointer, at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = lua_tolstring(L, index, &len) else { return nil }
        if p == pointer && len == length { return string }
        guard lua_checkstack(L, 1) != 0 else { return LuaValue.decode(p, len) }
        // Anchor the new string before forgetting the old one.
        lua_pushvalue(L, index)
        lua_rawsetp(L, weft_registryindex(), Unmanaged.passUnretained(self).toOpaque())
        pointer = p
        length = len
        string = LuaValue.decode(p, len)
        return string
    }

    /// The string `p` (`len` bytes) read from field `key` of the table at
    /// `index`, from the cache when it is the one read last. On a miss the
    /// field's value is pushed to be anchored (it must still be that
    /// string: nothing may have run since it was read).
    func read(_ p: UnsafePointer<CChar>, _ len: Int, _ L: OpaquePointer, field key: String,
              of index: Int32) -> String {
        if p == pointer && len == length { return string }
        guard lua_checkstack(L, 2) != 0 else { return LuaValue.decode(p, len) }
        _ = weft_rawgetfield(L, index, key)
        defer { weft_pop(L, 1) }
        return read(L, at: -1) ?? LuaValue.decode(p, len)
    }
}
