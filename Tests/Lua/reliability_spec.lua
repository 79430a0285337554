local t = require("helpers")

-- Regression tests for the crashes, freezes and budget overruns that the
-- reliability work found (docs/reliability.md). Each would have crashed,
-- frozen or blocked this file before its fix.

local function last_message()
  local m = T.messages()
  return m[#m] and m[#m].text or ""
end

local function cycle()
  local c = { name = "x" }
  c.self = c
  c.list = { c }
  return c
end

-- Shared subtables 40 levels deep: 2^40 values as plain data.
local function shared_dag()
  local d = { "leaf" }
  for _ = 1, 40 do d = { d, d } end
  return d
end

local function elapsed(fn, ...)
  local start = os.clock()
  local ok, err = pcall(fn, ...)
  return os.clock() - start, ok, err
end

t.describe("tables that refer to themselves", function()
  t.it("are rejected with an error naming the function, at once", function()
    local c = cycle()
    local calls = {
      { "weft.buf.set_var", weft.buf.set_var, 0, "k", c },
      { "weft.layout.set", weft.layout.set, c },
      { "weft.autocmd.emit", weft.autocmd.emit, "UserCycle", c },
      { "weft.json.encode", weft.json.encode, c },
      { "weft.hl.set", weft.hl.set, "Cyc", { fg = c } },
      { "weft.buf.create", weft.buf.create, { name = c } },
    }
    for _, call in ipairs(calls) do
      local took, ok, err = elapsed(call[2], table.unpack(call, 3))
      t.eq(false, ok, call[1])
      t.ok(took < 0.5, call[1] .. " took " .. took .. " s")
      t.ok(tostring(err):find(call[1], 1, true), call[1] .. ": " .. tostring(err))
    end
    local _, _, err = elapsed(weft.buf.set_var, 0, "k", c)
    t.ok(err:find("contains itself", 1, true), err)
  end)

  t.it("a table sharing subtables 40 levels deep fails fast instead of freezing", function()
    local d = shared_dag()
    for _, fn in ipairs({ function() weft.buf.set_var(0, "k", d) end,
                          function() weft.autocmd.emit("UserDag", d) end,
                          function() weft.json.encode(d) end,
                          function() weft.layout.set(d) end }) do
      local took, ok, err = elapsed(fn)
      t.eq(false, ok)
      t.ok(took < 2, "took " .. took .. " s: " .. tostring(err))
    end
  end)

  t.it("shared subtables that are not cycles still convert", function()
    local shared = { 1, 2 }
    weft.buf.set_var(0, "k", { a = shared, b = shared, c = { shared } })
    t.eq({ a = { 1, 2 }, b = { 1, 2 }, c = { { 1, 2 } } }, weft.buf.get_var(0, "k"))
  end)

  t.it("a handler returning a cycle is reported and the next handler runs", function()
    local ran = false
    weft.autocmd.create("UserRetCycle", { priority = 2, callback = function() return cycle() end })
    weft.autocmd.create("UserRetCycle", { priority = 1, callback = function() ran = true end })
    local took = elapsed(weft.autocmd.emit, "UserRetCycle")
    t.ok(took < 0.5, "took " .. took)
    t.eq(true, ran)
    t.ok(last_message():find("contains itself", 1, true), last_message())
  end)
end)

t.describe("the time budget", function()
  t.it("a huge budget does not overflow (was SIGILL)", function()
    weft.set_budget(math.maxinteger)
    local ran = false
    weft.schedule(function() ran = true end)
    t.eq(true, weft.wait(1000, function() return ran end))
    weft.set_budget(200)
  end)

  t.it("stops a loop inside a coroutine created by a handler", function()
    weft.set_budget(200)
    weft.autocmd.create("UserCoSpin", { callback = function()
      coroutine.wrap(function() while true do end end)()
    end })
    local took = elapsed(weft.autocmd.emit, "UserCoSpin")
    t.ok(took < 1.5, "took " .. took)
    t.ok(last_message():find("exceeded its time budget", 1, true), last_message())
  end)

  t.it("stops a coroutine created outside any handler", function()
    weft.set_budget(200)
    local co = coroutine.create(function() while true do end end)
    weft.autocmd.create("UserCoResume", { callback = function() coroutine.resume(co) while true do end end })
    local took = elapsed(weft.autocmd.emit, "UserCoResume")
    t.ok(took < 1.5, "took " .. took)
  end)

  t.it("an armed budget that was not used up stops nothing afterwards", function()
    weft.set_budget(50)
    weft.autocmd.create("UserQuick", { callback = function() end })
    weft.autocmd.emit("UserQuick")
    local start, n = os.clock(), 0
    while os.clock() - start < 0.2 do n = n + 1 end -- unbudgeted, past the deadline
    t.ok(n > 0)
    local co = coroutine.wrap(function()
      local s = os.clock()
      while os.clock() - s < 0.2 do end
      return "done"
    end)
    t.eq("done", co())
    weft.set_budget(200)
  end)

  t.it("coroutine.create and wrap report a bad argument as before", function()
    local ok, err = pcall(function() coroutine.create(1) end)
    t.eq(false, ok)
    t.ok(err:find("bad argument #1 to 'create' (function expected, got number)", 1, true), err)
    ok, err = pcall(function() coroutine.wrap() end)
    t.eq(false, ok)
    t.ok(err:find("bad argument #1 to 'wrap' (function expected, got no value)", 1, true), err)
    local co = coroutine.create(function(a, b) coroutine.yield(a + b) return "end" end)
    t.eq({ true, 3 }, { coroutine.resume(co, 1, 2) })
    t.eq({ true, "end" }, { coroutine.resume(co) })
    t.eq("dead", coroutine.status(co))
    local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
    t.eq({ 1, 2, 3 }, { gen(), gen(), gen() })
  end)

  t.it("stops a loop of expensive weft calls at the next call", function()
    weft.set_budget(200)
    local s = ("word "):rep(20000)
    weft.autocmd.create("UserWrapLoop", { callback = function()
      while true do weft.ui.wrap(s, 7) end
    end })
    local took = elapsed(weft.autocmd.emit, "UserWrapLoop")
    t.ok(took < 2, "took " .. took)
    t.ok(last_message():find("exceeded its time budget", 1, true), last_message())
  end)

  -- Runs fn as a handler under a 100 ms budget: it must be aborted with the
  -- budget's message well before it could have finished.
  local function aborted_quickly(name, fn)
    weft.set_budget(100)
    weft.autocmd.create(name, { callback = fn })
    local before = #T.messages()
    local took = elapsed(weft.autocmd.emit, name)
    weft.set_budget(200)
    t.ok(took < 1, name .. " took " .. took)
    t.ok(#T.messages() > before, name .. " was not aborted")
    t.ok(last_message():find("exceeded its time budget", 1, true), name .. ": " .. last_message())
  end

  -- The main thread runs without a hook until the watchdog signals it
  -- (CLuaShim.c); these are the loop shapes the interpreter runs without a
  -- call: a jump, a numeric for, a for over a function, and a caught abort.
  t.it("stops hook-free loops on the main thread", function()
    aborted_quickly("UserSpinRepeat", function() repeat until false end)
    aborted_quickly("UserSpinFor", function() for _ = 1, math.huge do end end)
    aborted_quickly("UserSpinIter", function() for _ in function() return 1 end do end end)
    aborted_quickly("UserSpinPcall", function() while true do pcall(function() while true do end end) end end)
  end)

  t.it("stops a backtracking pattern inside one string.find, match, gmatch or gsub", function()
    local s = ("x"):rep(3e4) -- each call would take minutes
    aborted_quickly("UserFindSpin", function() s:find(".-.-.-y") end)
    aborted_quickly("UserMatchSpin", function() string.match(s, ".-.-.-y") end)
    aborted_quickly("UserGmatchSpin", function() for _ in s:gmatch(".-.-.-y") do end end)
    aborted_quickly("UserGsubSpin", function() s:gsub(".-.-.-y", "") end)
    aborted_quickly("UserBalanceSpin", function() ("("):rep(1e6):find("%b()") end)
    -- weft and its patterns keep working
    t.eq(2, ("abc"):find("b"))
    t.eq({ "k", "v" }, { ("k=v"):match("(%w)=(%w)") })
  end)

  t.it("stops one long ui.wrap, ui.measure, ui.truncate call on megabytes", function()
    local big = ("中文e\u{301} \t🇺🇸 "):rep(600000) -- 12 MB, seconds of work per call
    aborted_quickly("UserWrapBig", function() weft.ui.wrap(big, 1) end)
    aborted_quickly("UserMeasureBig", function() weft.ui.measure(big .. big) end)
    aborted_quickly("UserTruncateBig", function() weft.ui.truncate(big, #big) end)
    t.eq({ "ab", "c" }, weft.ui.wrap("abc", 2))
    t.eq(4, weft.ui.measure("中文"))
  end)

  t.it("stops reading a huge table in buf.set_lines and json.encode", function()
    local lines = {}
    for i = 1, 3e6 do lines[i] = "line" end
    aborted_quickly("UserSetLinesBig", function() weft.buf.set_lines(0, 0, -1, lines) end)
    aborted_quickly("UserJsonBig", function() weft.json.encode(lines) end)
    weft.buf.set_lines(0, 0, -1, { "ok" })
    t.eq({ "ok" }, weft.buf.get_lines(0, 0, -1))
  end)

  t.it("disables a handler that keeps exceeding its budget, and says so once", function()
    weft.set_budget(100)
    local calls = 0
    weft.autocmd.create("UserSpinAlways", { desc = "stuck", callback = function()
      calls = calls + 1
      while true do end
    end })
    for _ = 1, 3 do weft.autocmd.emit("UserSpinAlways") end
    t.eq(3, calls)
    t.ok(last_message():find("was disabled", 1, true), last_message())
    local before = #T.messages()
    local took = elapsed(weft.autocmd.emit, "UserSpinAlways")
    t.ok(took < 0.05, "a disabled handler is not run (took " .. took .. ")")
    t.eq(3, calls)
    t.eq(before, #T.messages())
    weft.set_budget(200)
  end)
end)

t.describe("coroutines", function()
  t.it("weft.plugin.state works inside a coroutine (was SIGSEGV)", function()
    local s = coroutine.wrap(function() return weft.plugin.state("co-test") end)()
    t.eq("table", type(s))
    s.x = 1
    t.eq(1, weft.plugin.state("co-test").x)
  end)

  t.it("a job started in a coroutine gets its job object in on_exit", function()
    local job, got, code
    coroutine.wrap(function()
      job = weft.job.start({ cmd = { "true" }, on_exit = function(j, c) got, code = j, c end })
    end)()
    t.eq(true, weft.wait(5000, function() return got ~= nil end))
    t.eq("table", type(got))
    t.eq(job.id, got.id)
    t.eq(0, code)
  end)

  t.it("a weft function yielded across from a coroutine keeps the stack intact", function()
    local co = coroutine.create(function(a)
      local b = coroutine.yield(weft.buf.line_count(0) + a)
      return weft.ui.measure(b)
    end)
    local ok1, v1 = coroutine.resume(co, 1)
    local ok2, v2 = coroutine.resume(co, "中文")
    t.eq(true, ok1)
    t.eq(weft.buf.line_count(0) + 1, v1)
    t.eq(true, ok2)
    t.eq(4, v2)
  end)
end)

t.describe("error messages", function()
  t.it("cmd.run names itself when the command fails", function()
    weft.cmd.create("Boom", function() error("kaboom") end)
    local ok, err = pcall(weft.cmd.run, "Boom")
    t.eq(false, ok)
    t.ok(err:find("weft.cmd.run", 1, true), err)
    t.ok(err:find("kaboom", 1, true), err)
  end)

  t.it("layout.set with a list says what a node is", function()
    local ok, err = pcall(weft.layout.set, { { win = 1 } })
    t.eq(false, ok)
    t.ok(not err:find("expected a table, got table", 1, true), err)
    t.ok(err:find("a list", 1, true), err)
  end)
end)
