-- Headless screen test of runtime/examples/dashboard.lua (100x30).
local t = dofile("Tests/Lua/examples/lib.lua")
local win = weft.win
local D = _G.dashboard

t.it("creates a hidden extension float", function()
  t.ok(D, "the config ran")
  local cfg = win.get_config(D.win)
  t.eq("extension", cfg.renderer)
  t.eq(true, cfg.hidden)
  t.eq("editor", cfg.relative)
  t.lacks("weft dashboard")
end)

t.it("opens with F2, centred, listing commands and keys", function()
  weft.input.feed("<F2>")
  t.eq("dashboard", weft.mode.get())
  t.has("weft dashboard")
  t.has("Commands")
  t.has("/dashboard")
  t.has("/new")
  local r = win.get_rect(D.win)
  t.eq({ row = 2, col = 11, width = 78, height = 26 }, r)
end)

t.it("titles without doubled spaces; long descriptions end in an ellipsis inside the float", function()
  t.has("─ weft dashboard ─")
  t.lacks("  weft dashboard  ")
  t.ok(win.get_rect(D.win).width < 100, "the float is narrower than the screen")
  weft.cmd.create("a_very_long_command", function() end,
    { desc = string.rep("a long description that cannot fit ", 4) })
  D.draw()
  t.ok(t.find_row("a long description that cannot fit a long") ~= nil, "the long description is shown")
  local row = t.screen()[t.find_row("a_very_long_command") or 1]
  t.ok(row:find("…", 1, true) ~= nil, "cut with an ellipsis: " .. row)
  weft.cmd.del("a_very_long_command")
end)

t.it("scrolls with j/k and lists composer keys further down", function()
  for _ = 1, 12 do weft.input.feed("j") end
  t.has("Keys (composer)")
  for _ = 1, 20 do weft.input.feed("j") end
  t.has("<F2>")
  t.has("dashboard: show commands and keys")
  weft.input.feed(string.rep("k", 40))
  t.has("Commands")
end)

t.it("closes with Esc and gives the keys back to the composer", function()
  weft.input.feed("<Esc>")
  t.eq("composer", weft.mode.get())
  t.lacks("weft dashboard")
  weft.input.feed("hi")
  t.eq("hi", t.composer_text())
  weft.input.feed("<C-u>")
end)

t.it("toggles from the /dashboard command typed in the composer", function()
  weft.input.feed("/dashboard<CR>")
  t.has("weft dashboard")
  weft.input.feed("q")
  t.lacks("weft dashboard")
  t.eq("composer", weft.mode.get())
end)

t.it("shows keys added after it was loaded (read live)", function()
  weft.keymap.set("composer", "<F9>", function() end, { desc = "a late key" })
  weft.input.feed("<F2>")
  for _ = 1, 40 do weft.input.feed("j") end
  t.has("a late key")
  weft.input.feed("<F2>")
end)

t.finish()
