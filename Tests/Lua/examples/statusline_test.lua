-- Headless screen test of runtime/examples/statusline.lua (100x30).
local t = dofile("Tests/Lua/examples/lib.lua")
local win = weft.win
local status = win.find("status")
local S = _G.statusline

local function status_row() return t.screen()[30] end

t.it("hands the status window to Lua", function()
  t.eq("extension", win.get_config(status).renderer)
  t.row_has(30, " IDLE ")
  t.row_has(30, "mock-1")
  t.row_has(30, "↑0 ↓0")
  t.ok(status_row():find("%d%d:%d%d:%d%d"), "a clock: " .. status_row())
end)

t.it("shows tokens and the session after a reply (events)", function()
  t.chat("hello")
  local u = weft.chat.usage()
  t.ok(u.output > 0, "the mock reports usage")
  t.row_has(30, "↓" .. tostring(u.output))
  t.row_has(30, weft.chat.session())
  t.row_has(30, " IDLE ")
end)

t.it("shows the busy state while waiting for approval", function()
  weft.chat.submit("run it")
  t.wait(3000, function() return win.find("approval") ~= nil end, "the approval float")
  t.wait(1000, function() return status_row():find("APPROVE?", 1, true) end, "APPROVE? in the status")
  weft.input.feed("n")
  t.wait(3000, function() return weft.chat.state() == "idle" end, "idle")
  t.wait(1000, function() return status_row():find(" IDLE ", 1, true) end, "IDLE again")
end)

t.it("ticks the clock from the timer", function()
  local before = S.draws
  t.wait(2500, function() return S.draws > before end, "a timer redraw")
end)

t.it("keeps drawing at a new width (resize of the layout)", function()
  local pad = win.open(weft.buf.create({}), { split = "right", win = status, size = 40 })
  t.eq(60, win.get_rect(status).width)
  t.wait(1000, function() return status_row():sub(1, 80):find("%d%d:%d%d:%d%d ") end, "the clock at column ~50")
  win.close(pad)
  t.ok(status_row():sub(1, 60):find("IDLE", 1, true), "status still drawn: " .. status_row())
end)

t.finish()
