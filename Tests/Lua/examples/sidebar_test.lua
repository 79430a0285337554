-- Headless screen test of runtime/examples/sidebar.lua (100x30).
local t = dofile("Tests/Lua/examples/lib.lua")
local win = weft.win
local side = win.find("sidebar")

t.it("opens a 28-column session list left of the chat", function()
  t.ok(side, "a window named sidebar exists")
  t.eq({ row = 0, col = 0, width = 28, height = 30 }, win.get_rect(side))
  t.eq(28, win.get_rect(win.find("transcript")).col)
  t.row_has(1, "Sessions (0)")
  t.row_has(2, "(none yet)")
  t.ok(t.screen()[1]:find("Welcome", 1, true), "the transcript is right of the list")
end)

t.it("lists a session after the first reply (prompt_done)", function()
  t.chat("first question")
  t.row_has(1, "Sessions (1)")
  t.row_has(2, "●")
  t.eq(weft.chat.session(), weft.chat.sessions()[1].id)
end)

t.it("lists a second session after /new and another prompt", function()
  weft.chat.new()
  t.chat("second question")
  t.row_has(1, "Sessions (2)")
  t.eq(2, #weft.chat.sessions())
end)

t.it("moves the focus with Alt-s and back with Esc", function()
  weft.input.feed("<M-s>")
  t.eq(side, win.current())
  t.eq("sidebar", weft.mode.get())
  weft.input.feed("<Esc>")
  t.eq(win.find("composer"), win.current())
  t.eq("composer", weft.mode.get())
end)

t.it("opens the selected session with j and Enter (session_load)", function()
  local list = weft.chat.sessions()
  local other
  for i, s in ipairs(list) do if s.id ~= weft.chat.session() then other = i end end
  t.ok(other, "another session is listed")
  weft.input.feed("<M-s>")
  _G.sidebar.selected = 1
  for _ = 2, other do weft.input.feed("j") end
  t.eq(other, _G.sidebar.selected)
  weft.input.feed("<CR>")
  t.eq(list[other].id, weft.chat.session())
  t.eq("composer", weft.mode.get())
  -- the transcript now shows the other conversation
  local texts = {}
  for _, m in ipairs(weft.chat.messages()) do texts[#texts + 1] = m.text end
  t.ok(table.concat(texts, "\n"):find("question", 1, true), "messages of the opened session")
  -- and the "●" mark follows the open session
  local row = t.find_row("●")
  t.ok(row and row == other + 1, "mark on row " .. tostring(other + 1) .. ", got " .. tostring(row) .. "\n" .. t.dump())
end)

t.it("lists its keys in weft.keymap.list", function()
  local found = 0
  for _, k in ipairs(weft.keymap.list("sidebar")) do
    if k.desc and k.desc:find("^sidebar:") then found = found + 1 end
  end
  t.ok(found >= 8, "sidebar keymaps listed, got " .. found)
end)

t.finish()
