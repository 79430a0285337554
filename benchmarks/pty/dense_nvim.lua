-- nvim -u dense_nvim.lua: the same dense screen in a full-screen float.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)")
local d = dofile(dir .. "dense.lua")
vim.o.termguicolors = true
vim.o.laststatus = 0
vim.o.ruler = false
vim.o.showmode = false
vim.o.shortmess = vim.o.shortmess .. "I"
local b = vim.api.nvim_create_buf(false, true)
vim.api.nvim_buf_set_lines(b, 0, -1, false, d.lines)
local ns = vim.api.nvim_create_namespace("dense")
for _, s in ipairs(d.spans) do
  vim.api.nvim_set_hl(0, s.name, { fg = s.fg, bg = s.bg, bold = s.bold })
  vim.api.nvim_buf_set_extmark(b, ns, s.row, s.col, { end_col = s.end_col, hl_group = s.name })
end
vim.api.nvim_open_win(b, true, { relative = "editor", row = 0, col = 0, width = 200, height = 50,
  zindex = 200, style = "minimal" })
