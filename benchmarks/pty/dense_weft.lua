-- weft -u dense_weft.lua: the dense screen in a full-screen float.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)")
local d = dofile(dir .. "dense.lua")
local b = weft.buf.create{}
weft.buf.set_lines(b, 0, -1, d.lines)
local ns = weft.ns.create("dense")
for _, s in ipairs(d.spans) do
  weft.hl.set(s.name, { fg = s.fg, bg = s.bg, bold = s.bold })
  weft.extmark.set(b, ns, s.row, s.col, { end_col = s.end_col, hl = s.name })
end
weft.win.open(b, { relative = "editor", row = 0, col = 0, width = 200, height = 50, zindex = 200,
  enter = true, options = { wrap = false } })
