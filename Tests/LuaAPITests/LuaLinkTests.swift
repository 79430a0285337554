import CLua
import CLuaShim
import Testing

/// Proves liblua5.4 links and runs a chunk through the shim.
@Suite struct LuaLinkTests {
    @Test func runsAChunk() throws {
        let L = try #require(luaL_newstate())
        defer { lua_close(L) }
        luaL_openlibs(L)
        #expect(weft_dostring(L, "x = 6 * 7; return string.format('%d', x)") == LUA_OK)
        #expect(String(cString: weft_tostring(L, -1)) == "42")
    }

    @Test func pcallTracebackReportsFileAndLine() throws {
        let L = try #require(luaL_newstate())
        defer { lua_close(L) }
        luaL_openlibs(L)
        #expect(luaL_loadbufferx(L, "local x = nil\nreturn x.y", 24, "=chunk", nil) == LUA_OK)
        #expect(weft_pcall_traceback(L, 0, 0) == LUA_ERRRUN)
        let msg = String(cString: weft_tostring(L, -1))
        #expect(msg.contains("chunk:2:"))
        #expect(msg.contains("stack traceback"))
    }
}
