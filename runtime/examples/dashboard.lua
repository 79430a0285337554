-- dashboard.lua: a help float drawn entirely by Lua.
--
-- F2 (or the /dashboard command) toggles a centred float that lists every
-- command and every key of the composer, read live from weft.cmd.list() and
-- weft.keymap.list(). While it is open, j/k scroll it and Esc, q or F2
-- close it. Nothing in it is stock: the float's buffer is empty and every
-- cell comes from weft.ui.draw.
--
-- Try it:  weft -u runtime/examples/dashboard.lua
--
-- Primitives used: weft.win.open with relative = "editor" (a float) and
-- renderer = "extension", weft.ui.draw (fill, text, spans), weft.keymap in a
-- mode of our own ("dashboard"), weft.cmd.create, an autocmd on resize.

local win, ui = weft.win, weft.ui

weft.hl.set("DashBg", { fg = "#d0d0d0", bg = "#1c1c2c" })
weft.hl.set("DashTitle", { fg = "#ffd787", bg = "#1c1c2c", bold = true })
weft.hl.set("DashKey", { fg = "#87d7ff", bg = "#1c1c2c", bold = true })
weft.hl.set("DashDim", { fg = "#808080", bg = "#1c1c2c" })

local D = { top = 0, open = false, previous_mode = "composer" }

-- The float, hidden until toggled. Its size follows the screen.
local function geometry()
  local w, h = ui.size()
  local width = math.max(20, math.min(76, w - 4))
  local height = math.max(5, math.min(24, h - 4))
  return { row = math.max(0, (h - height - 2) // 2), col = math.max(0, (w - width - 2) // 2),
           width = width, height = height }
end

local g = geometry()
D.win = win.open(weft.buf.create({ name = "dashboard", scratch = true }), {
  name = "dashboard", relative = "editor", row = g.row, col = g.col, width = g.width, height = g.height,
  zindex = 80, border = "rounded", title = "weft dashboard", title_pos = "center",
  renderer = "extension", hidden = true, focusable = false,
})

-- The content as rows of spans: {{text, hl}, ...}.
-- Descriptions are cut to the float's width with "…", never mid-cell.
local function content(width)
  local function fit(text, used) return ui.truncate(text, math.max(1, width - 1 - used)) end
  local rows = { { { "Commands", "DashTitle" } } }
  for _, c in ipairs(weft.cmd.list()) do
    local name = string.format("  /%-12s ", c.name)
    rows[#rows + 1] = { { name, "DashKey" }, { fit(c.desc or "", ui.measure(name)), "DashBg" } }
  end
  rows[#rows + 1] = {}
  rows[#rows + 1] = { { "Keys (composer)", "DashTitle" } }
  local keys = weft.keymap.list("composer")
  table.sort(keys, function(a, b) return a.lhs < b.lhs end)
  for _, k in ipairs(keys) do
    local owner = k.owner and k.owner ~= "weft" and ("  [" .. k.owner:match("[^/]*$") .. "]") or ""
    local name = string.format("  %-12s ", k.lhs)
    rows[#rows + 1] = { { name, "DashKey" }, { fit(k.desc or k.rhs or "", ui.measure(name) + ui.measure(owner)), "DashBg" },
      { owner, "DashDim" } }
  end
  return rows
end

function D.draw()
  if not D.open then return end
  local config = win.get_config(D.win)
  local rows = content(config.width - 1)
  local h = config.height
  D.top = math.max(0, math.min(D.top, #rows - (h - 1)))
  local ops = { { kind = "fill", row = 0, col = 0, width = 500, height = h, char = " ", hl = "DashBg" } }
  for i = 1, h - 1 do
    local r = rows[D.top + i]
    if r then ops[#ops + 1] = { kind = "spans", row = i - 1, col = 1, spans = r } end
  end
  ops[#ops + 1] = { kind = "text", row = h - 1, col = 1, hl = "DashDim",
    text = string.format("j/k scroll · Esc close · %d-%d of %d", D.top + 1, math.min(#rows, D.top + h - 1), #rows) }
  ui.draw(D.win, ops)
end

function D.toggle()
  D.open = not D.open
  if D.open then
    D.previous_mode = weft.mode.get()
    D.top = 0
    win.set_config(D.win, geometry())
    win.set_config(D.win, { hidden = false })
    weft.mode.set("dashboard")
    D.draw()
  else
    win.set_config(D.win, { hidden = true })
    weft.mode.set(D.previous_mode)
  end
end

function D.scroll(n)
  D.top = math.max(0, D.top + n)
  D.draw()
end

weft.keymap.set("composer", "<F2>", D.toggle, { desc = "dashboard: show commands and keys" })
for _, lhs in ipairs({ "<F2>", "<Esc>", "q" }) do
  weft.keymap.set("dashboard", lhs, D.toggle, { desc = "dashboard: close" })
end
weft.keymap.set("dashboard", "j", function() D.scroll(1) end, { desc = "dashboard: scroll down" })
weft.keymap.set("dashboard", "k", function() D.scroll(-1) end, { desc = "dashboard: scroll up" })
weft.cmd.create("dashboard", D.toggle, { desc = "toggle the dashboard float" })

weft.autocmd.create("resize", { desc = "dashboard: refit", callback = function()
  if D.open then win.set_config(D.win, geometry()); D.draw() end
end })

_G.dashboard = D
