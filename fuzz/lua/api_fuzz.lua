-- The Lua API fuzzer: walks the whole `weft` table (and the methods of a
-- job object) and calls every function many times with hostile arguments
-- (nil, huge, negative and NaN numbers, invalid UTF-8 and NUL bytes, nested,
-- cyclic and shared tables, tables with failing metamethods, functions,
-- coroutines, userdata, handles of deleted buffers and windows), each call
-- in pcall. A call may fail, but its error must be a string naming the
-- function (`weft.buf.set_lines`, `job:write`); the process must never die
-- of a signal or hang (scripts/lua-fuzz.sh runs seeds as separate
-- processes under a timeout and checks both).
--
--   weft --headless --clean -l fuzz/lua/api_fuzz.lua SEED CALLS
--
-- Prints one summary line:
--   lua-api-fuzz seed=S calls=N failed=F unnamed=U functions=K
-- and, for each call whose error does not name its function, an
-- "unnamed:" line with the function, the arguments and the error.

local seed, calls = ...
seed = tonumber(seed) or 1
calls = tonumber(calls) or 2000
math.randomseed(seed)

-- Functions the fuzzer must not call at random: quitting ends the run,
-- waiting long would look like a hang (weft.wait is called, with short
-- timeouts only, below).
local skip = { ["weft.quit"] = true, ["weft.wait"] = true }

-- Collect every function below `weft`, named by its path.
local targets = {}
local seen = {}
local function walk(t, path)
  if seen[t] then return end
  seen[t] = true
  local keys = {}
  for k in pairs(t) do if type(k) == "string" then keys[#keys + 1] = k end end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = t[k]
    local name = path .. "." .. k
    if type(v) == "function" and not skip[name] then
      targets[#targets + 1] = { name = name, fn = v }
    elseif type(v) == "table" then
      walk(v, name)
    end
  end
end
walk(weft, "weft")

-- A live job gives the job methods (called as job:write(...)).
local job = weft.job.start({ cmd = { "cat" } })
for _, m in ipairs({ "write", "close_stdin", "kill" }) do
  targets[#targets + 1] = { name = "job:" .. m, fn = job[m], method = true }
end

-- Handles: live ones, and ones that were deleted.
local live_buf = weft.buf.create({ name = "fuzz-live" })
local dead_buf = weft.buf.create({ name = "fuzz-dead" })
local dead_win = weft.win.open(dead_buf, { relative = "editor", row = 1, col = 1, width = 10, height = 3 })
weft.win.close(dead_win)
weft.buf.delete(dead_buf)

local function cyclic()
  local c = { name = "x", kind = "row" }
  c.self = c
  c.children = { c }
  return c
end

local function dag(depth)
  local d = { "leaf", win = 1 }
  for _ = 1, depth do d = { d, d, kind = "col", children = { d, d } } end
  return d
end

local evil_meta = setmetatable({}, {
  __index = function() error("__index of a hostile table") end,
  __len = function() error("__len of a hostile table") end,
  __pairs = function() error("__pairs of a hostile table") end,
  __tostring = function() error("__tostring of a hostile table") end,
})

local strings = {
  "", "x", "main", "transcript", "composer", "status", "fuzz-live", "normal", "composer", "insert",
  "<CR>", "<Esc>", "<Up>", "<C-x>", "<F5>", "<lt>", "<", "<<>>", "<C-", "abc<Down>",
  "row", "col", "editor", "win", "cursor", "NW", "SE", "rounded", "none", "stock", "extension",
  "Normal", "ErrorMsg", "#ff0000", "red", "nonsense", "config", "state", "data", "runtime",
  "UserFuzz", "buf_changed", "render", "key", "resize", "*",
  "\xff\xfe\x80", "a\0b", "\0", "\27[2J\27]52;c;aGk=\7", "\u{202e}rtl", "中文😀e\u{301}",
  string.rep("long ", 20000), string.rep("\n", 200), "echo hi", "true", "printf x",
  "http://127.0.0.1:9/v1", "mock", "openai", "read_file", "[1, 2", '{"a": [1, {"b": null}]}',
}

local numbers = {
  0, 1, -1, 2, 3, 7, 100, 1000, 1e6, -1e6, math.maxinteger, math.mininteger, 0.5, -0.0,
  1 / 0, -1 / 0, 0 / 0, 2 ^ 53, 2 ^ 63, -2 ^ 63, 1e308, 4.000001,
}

local function handle()
  local pool = { 0, live_buf, dead_buf, dead_win, weft.win.current(), 1000, 1001, 1002, -1, 999999 }
  return pool[math.random(#pool)]
end

local gen -- forward

local function random_table(depth)
  local r = math.random(12)
  if r == 1 then return {} end
  if r == 2 then return cyclic() end
  if r == 3 then return dag(math.random(1, 40)) end
  if r == 4 then return evil_meta end
  if r == 5 then
    local t = {}
    for i = 1, math.random(0, 6) do t[i] = gen(depth + 1) end
    return t
  end
  if r == 6 then
    -- An option table with keys the bindings know and values of any kind.
    local keys = { "name", "scratch", "modifiable", "relative", "row", "col", "width", "height", "anchor",
                   "zindex", "border", "title", "focusable", "renderer", "hidden", "split", "size", "weight",
                   "buf", "desc", "nowait", "pattern", "group", "once", "priority", "callback", "cmd", "cwd",
                   "env", "on_stdout", "on_stderr", "on_exit", "fg", "bg", "bold", "link", "hl", "end_row",
                   "end_col", "virt_text", "virt_lines", "id", "kind", "text", "spans", "char", "win",
                   "children", "topline", "follow", "wrap", "clear", "parameters", "description", "run" }
    local t = {}
    for _ = 1, math.random(1, 5) do t[keys[math.random(#keys)]] = gen(depth + 1) end
    return t
  end
  if r == 7 then
    local t = {}
    for _ = 1, math.random(1, 4) do
      local k = gen(depth + 1)
      if k == nil or k ~= k then k = "k" end -- nil and NaN cannot be keys
      t[k] = gen(depth + 1)
    end
    return t
  end
  if r == 8 then
    -- Deeply nested.
    local t = {}
    local cur = t
    for _ = 1, math.random(10, 700) do cur[1] = {} cur = cur[1] end
    return t
  end
  if r == 9 then
    -- A draw list.
    local ops = {}
    for _ = 1, math.random(1, 4) do
      ops[#ops + 1] = { kind = ({ "text", "spans", "fill", "clear", "cursor", "nope" })[math.random(6)],
                        row = gen(depth + 1), col = gen(depth + 1), text = gen(depth + 1),
                        spans = { { gen(depth + 1), gen(depth + 1) } }, width = gen(depth + 1),
                        height = gen(depth + 1), hl = gen(depth + 1) }
    end
    return ops
  end
  if r == 10 then return { "a", "b", "\xff", 3 } end
  if r == 11 then return { win = handle(), kind = "row", children = { { win = handle() }, { win = handle() } } } end
  local big = {}
  for i = 1, math.random(1, 3000) do big[i] = "line " .. i end
  return big
end

gen = function(depth)
  depth = depth or 0
  local r = math.random(depth > 2 and 8 or 11)
  if r == 1 then return nil end
  if r == 2 then return math.random(2) == 1 end
  if r == 3 or r == 4 then return numbers[math.random(#numbers)] end
  if r == 5 or r == 6 then return strings[math.random(#strings)] end
  if r == 7 then return handle() end
  if r == 8 then
    local f = math.random(5)
    if f == 1 then return function() end end
    if f == 2 then return function() error("boom from a callback") end end
    if f == 3 then return function() return cyclic() end end
    if f == 4 then return function(...) return ... end end
    return print
  end
  if r == 9 then
    local k = math.random(3)
    if k == 1 then return coroutine.create(function() end) end
    if k == 2 then return io.stdout end
    return weft
  end
  return random_table(depth)
end

local function describe(v)
  local t = type(v)
  if t == "string" then return string.format("%q", #v > 40 and v:sub(1, 40) .. "..." or v) end
  if t == "table" then return "table" end
  return tostring(v)
end

local failed, unnamed, done = 0, 0, 0
for i = 1, calls do
  local target = targets[math.random(#targets)]
  local args = {}
  local n = math.random(0, 6)
  for a = 1, n do args[a] = gen(0) end
  if target.method and math.random(4) > 1 then args[1] = job end
  local ok, err = pcall(target.fn, table.unpack(args, 1, n))
  done = done + 1
  if not ok then
    failed = failed + 1
    local msg = type(err) == "string" and err or ("(error object is a " .. type(err) .. ")")
    if not msg:find(target.name, 1, true) then
      unnamed = unnamed + 1
      local shown = {}
      for a = 1, n do shown[a] = describe(args[a]) end
      print(string.format("unnamed: %s(%s): %s", target.name, table.concat(shown, ", "), msg:sub(1, 300)))
    end
  end
  -- Keep the run going: a random call may have set a tiny budget or mode.
  weft.set_budget(2000)
  if i % 50 == 0 then
    -- Let timers, jobs and the mock model run; draw a frame.
    weft.wait(math.random(0, 3))
    pcall(weft.ui.screen)
  end
end

print(string.format("lua-api-fuzz seed=%d calls=%d failed=%d unnamed=%d functions=%d",
  seed, done, failed, unnamed, #targets))
pcall(job.kill, job)
weft.quit(0)
