-- A tiny harness for the headless example tests. Each test script is run by
-- Tests/Lua/run_examples.sh as
--
--   weft --headless --size 100x30 -u runtime/examples/X.lua -l Tests/Lua/examples/X_test.lua
--
-- so the stock chat UI and the example config are both loaded. A script does
--
--   local t = dofile("Tests/Lua/examples/lib.lua")
--   t.it("shows the status at the top", function() t.row_has(1, "mock-1") end)
--   t.finish()
--
-- and t.finish() prints one line per test and quits with 1 when any failed.

local M = { passed = 0, failed = 0 }

--- Readable form of a value, for failure messages.
function M.show(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for k, x in pairs(v) do parts[#parts + 1] = tostring(k) .. "=" .. M.show(x) end
  table.sort(parts)
  return "{" .. table.concat(parts, ", ") .. "}"
end

--- The screen as text rows (1-based), composed now.
function M.screen()
  weft.ui.redraw()
  return weft.ui.screen()
end

--- The screen framed for a failure message.
function M.dump()
  local out = {}
  for i, r in ipairs(M.screen()) do out[#out + 1] = string.format("%3d|%s|", i, r) end
  return table.concat(out, "\n")
end

--- The first row (1-based) whose text contains `needle` (plain), or nil.
function M.find_row(needle)
  for i, r in ipairs(M.screen()) do
    if r:find(needle, 1, true) then return i end
  end
  return nil
end

function M.eq(expected, actual, msg)
  if expected ~= actual and M.show(expected) ~= M.show(actual) then
    error((msg and msg .. ": " or "") .. "expected " .. M.show(expected) .. ", got " .. M.show(actual), 2)
  end
end

function M.ok(v, msg)
  if not v then error(msg or "expected a truthy value", 2) end
end

--- Row `row` (1-based) of the screen must contain `needle`.
function M.row_has(row, needle)
  local r = M.screen()[row] or ""
  if not r:find(needle, 1, true) then
    error("row " .. row .. " should contain " .. M.show(needle) .. "\n" .. M.dump(), 2)
  end
end

--- Some row must contain `needle`; returns that row.
function M.has(needle)
  local i = M.find_row(needle)
  if not i then error("no row contains " .. M.show(needle) .. "\n" .. M.dump(), 2) end
  return i
end

--- No row may contain `needle`.
function M.lacks(needle)
  local i = M.find_row(needle)
  if i then error("row " .. i .. " should not contain " .. M.show(needle) .. "\n" .. M.dump(), 2) end
end

--- Runs the loop until `cond()` holds, or fails after `ms`.
function M.wait(ms, cond, what)
  if not weft.wait(ms, cond) then error("timed out waiting for " .. (what or "a condition") .. "\n" .. M.dump(), 2) end
end

--- Waits until some row contains `needle`.
function M.wait_screen(needle, ms)
  if not weft.wait(ms or 3000, function() return M.find_row(needle) ~= nil end) then
    error("timed out waiting for " .. M.show(needle) .. " on screen\n" .. M.dump(), 2)
  end
end

--- The text of the composer buffer.
function M.composer_text()
  local b = weft.win.get_buf(weft.win.find("composer"))
  return table.concat(weft.buf.get_lines(b, 0, -1), "\n")
end

--- Submits a prompt and waits for the reply to finish.
function M.chat(text)
  local done = false
  local id = weft.autocmd.create("prompt_done", { once = true, callback = function() done = true end })
  weft.chat.submit(text)
  M.wait(5000, function() return done end, "prompt_done after " .. M.show(text))
  pcall(weft.autocmd.del, id)
end

local cleanups = {}

--- Runs `fn` after the current test, whether it passed or not.
function M.after(fn) cleanups[#cleanups + 1] = fn end

local function run_cleanups()
  for i = #cleanups, 1, -1 do
    local ok, err = pcall(cleanups[i])
    if not ok then print("  FAIL (cleanup) " .. tostring(err)) end
  end
  cleanups = {}
end

function M.it(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  run_cleanups()
  if ok then
    M.passed = M.passed + 1
    print("  ok   " .. name)
  else
    M.failed = M.failed + 1
    print("  FAIL " .. name .. "\n" .. tostring(err))
  end
end

--- A known wall: a check that should pass once the kernel or the stock UI
--- is fixed. A failure is printed as "WALL name: reason" and not counted;
--- a pass is counted and printed as fixed, so the note can be removed.
function M.known(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  run_cleanups()
  if ok then
    M.passed = M.passed + 1
    print("  ok   (known wall now fixed) " .. name)
  else
    M.walls = (M.walls or 0) + 1
    print("  WALL " .. name .. ": " .. tostring(err):match("^[^\n]*"))
  end
end

--- Prints the summary and quits (exit code 1 when a test failed).
function M.finish()
  print(string.format("  %d passed, %d failed, %d known walls", M.passed, M.failed, M.walls or 0))
  weft.quit(M.failed > 0 and 1 or 0)
end

return M
