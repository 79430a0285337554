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

    /// The pooled allocator (include/lua_pool.h): blocks of every size
    /// class, blocks that grow from one class to the next and into malloc
    /// and back, all intact across collections.
    @Test func pooledStateKeepsBlocksOfEverySizeIntact() throws {
        let L = try #require(weft_pool_newstate())
        defer { weft_pool_close(L) }
        luaL_openlibs(L)
        let code = """
            local strings, tables = {}, {}
            for n = 0, 600 do strings[n] = string.rep(string.char(65 + n % 26), n) end
            for n = 1, 80 do
              local t = {}
              for i = 1, n do t[i] = i; t["k" .. i] = n end
              tables[n] = t
            end
            collectgarbage()
            for n = 0, 600 do assert(#strings[n] == n and (n == 0 or strings[n]:byte(-1) == 65 + n % 26)) end
            for n = 1, 80 do assert(#tables[n] == n and tables[n]["k" .. n] == n) end
            for n = 80, 1, -1 do
              local t = tables[n]
              for i = n, 1, -1 do t[i] = nil; t["k" .. i] = nil end
              assert(next(t) == nil)
            end
            strings, tables = nil, nil
            collectgarbage()
            warn("@off"); warn("not shown")
            local s = ""
            for _ = 1, 300 do s = s .. "x" end
            return #s
            """
        #expect(weft_dostring(L, code) == LUA_OK, "\(String(cString: weft_tostring(L, -1)))")
        #expect(lua_tointegerx(L, -1, nil) == 300)
        #expect(lua_atpanic(L, nil) != nil, "lauxlib's panic function is installed")
    }

    /// Chunks whose blocks are all free go back to the system once more
    /// chunks are empty than in use: a collected 40,000-string table leaves
    /// a few chunks, not the hundreds it took.
    @Test func pooledStateReturnsChunksAfterABigTableIsCollected() throws {
        let L = try #require(weft_pool_newstate())
        defer { weft_pool_close(L) }
        luaL_openlibs(L)
        #expect(weft_dostring(L, "collectgarbage()") == LUA_OK)
        let before = weft_pool_chunks(L)
        let build = """
            big = {}
            for i = 1, 40000 do big[i] = {("line %d of the transcript"):format(i)} end
            """
        #expect(weft_dostring(L, build) == LUA_OK, "\(String(cString: weft_tostring(L, -1)))")
        let peak = weft_pool_chunks(L)
        #expect(peak > before + 50, "40,000 small tables and strings take many chunks (\(before) -> \(peak))")
        #expect(weft_dostring(L, "big = nil; collectgarbage()") == LUA_OK)
        let after = weft_pool_chunks(L)
        #expect(after <= 2 * before + 4 + 4, "chunks kept after the collection: \(after) (before \(before), peak \(peak))")
    }

    /// A loop that allocates and drops the same amount again and again
    /// (an extension window's draw ops every frame, the collector running
    /// incrementally) keeps its chunks: none is unmapped and mapped again
    /// per cycle once the loop has warmed up.
    @Test func pooledStateKeepsChunksForASteadyLoop() throws {
        let L = try #require(weft_pool_newstate())
        defer { weft_pool_close(L) }
        luaL_openlibs(L)
        func frames(_ n: Int) -> String {
            """
            for _ = 1, \(n) do
              local ops = {}
              for i = 0, 1999 do ops[#ops + 1] = {kind = 'text', row = i % 50, text = 'op' .. i} end
            end
            """
        }
        #expect(weft_dostring(L, frames(20)) == LUA_OK)
        let warm = weft_pool_unmapped(L)
        #expect(weft_dostring(L, frames(50)) == LUA_OK)
        #expect(weft_pool_unmapped(L) == warm, "chunks unmapped in 50 frames after warming up")
    }

    /// collectgarbage() (a full collection) also gives the pool's empty
    /// chunks back; its other options answer as before.
    @Test func fullCollectionUnmapsEmptyChunks() throws {
        let L = try #require(weft_pool_newstate())
        defer { weft_pool_close(L) }
        luaL_openlibs(L)
        weft_pool_install_collect(L)
        #expect(weft_dostring(L, "big = {} for i = 1, 40000 do big[i] = {tostring(i)} end") == LUA_OK)
        #expect(weft_dostring(L, "big = nil; for _ = 1, 50 do collectgarbage('step', 0) end") == LUA_OK)
        #expect(weft_pool_empty_chunks(L) > 0, "the sweep so far emptied chunks, kept for reuse")
        #expect(weft_dostring(L, "collectgarbage()") == LUA_OK)
        #expect(weft_pool_empty_chunks(L) == 0, "no empty chunk is kept after a full collection")
        let code = """
            assert(collectgarbage() == 0)
            assert(math.type(collectgarbage('count')) == 'float')
            assert(type(collectgarbage('step')) == 'boolean')
            assert(collectgarbage('isrunning') == true)
            local ok, err = pcall(collectgarbage, 'nonsense')
            assert(not ok and err:find('invalid option'), err)
            return 1
            """
        #expect(weft_dostring(L, code) == LUA_OK, "\(String(cString: weft_tostring(L, -1)))")
    }
}
