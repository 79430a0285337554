import CLua

/// The version of the linked Lua library, e.g. "Lua 5.4.4".
public enum LuaVersion {
    public static var string: String {
        guard let L = luaL_newstate() else { return "Lua (unavailable)" }
        defer { lua_close(L) }
        luaL_openlibs(L)
        lua_getglobal(L, "_VERSION")
        let v = lua_tolstring(L, -1, nil).map { String(cString: $0) } ?? "Lua"
        return v
    }
}
