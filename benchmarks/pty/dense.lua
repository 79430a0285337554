-- A dense 200x50 screen for the pty byte comparison: prose with a
-- different truecolor highlight every 3-7 cells (a quarter with a
-- background, a fifth bold). Shared by weft and Neovim; `api` adapts.
local seed = 9
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local words = { "the", "kernel", "window", "buffer", "render", "a", "of", "wrap", "terminal",
  "quick", "measure", "diff", "extmark", "layout", "streaming", "token", "model" }
local lines, spans = {}, {}
for r = 0, 49 do
  local parts, len = {}, 0
  while len < 200 do
    local w = words[rnd(#words) + 1]
    parts[#parts + 1] = w
    len = len + #w + 1
  end
  lines[#lines + 1] = (table.concat(parts, " ") .. "  "):sub(1, 200)
  local c = 0
  while c < 200 do
    local e = math.min(200, c + 3 + rnd(5))
    local hex = function(v) return string.format("%02x", v) end
    spans[#spans + 1] = { row = r, col = c, end_col = e, name = "Dense" .. #spans,
      fg = "#" .. hex(rnd(256)) .. hex(rnd(256)) .. hex(rnd(256)),
      bg = rnd(4) == 0 and ("#1414" .. hex(rnd(60))) or nil, bold = rnd(5) == 0 }
    c = e
  end
end
return { lines = lines, spans = spans }
