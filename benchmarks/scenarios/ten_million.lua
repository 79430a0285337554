-- The 10M-line scenario (issue 15, item 5), run by scripts/bench.sh as
--   weft --clean --headless --size 200x50 -l benchmarks/scenarios/ten_million.lua [LINES]
-- Loads LINES lines (default 10,000,000) with one weft.buf.set_lines call,
-- inserts a line at the top, middle and bottom (1,000 times each), sets
-- 1,000,000 marks (one every LINES/1M lines), then scrolls a 200x50 window
-- through the buffer, drawing a frame per page. Prints one line of
-- "key=value" pairs: CPU milliseconds (os.clock) per phase, microseconds per
-- insert, RSS in MB after each phase, and the line count.
local n = tonumber((...)) or 10000000
local marks = math.min(1000000, n)
local function rss()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local kb = tonumber(f:read("a"):match("VmRSS:%s*(%d+)")) or 0
  f:close()
  return kb // 1024
end
local out = {}
local function put(k, v) out[#out + 1] = k .. "=" .. v end
local function timed(f)
  local t0 = os.clock()
  f()
  return (os.clock() - t0) * 1000
end

local b = weft.buf.create{}
put("lines", n)
put("rss_start_mb", rss())
do
  local lines = {}
  for i = 1, n do lines[i] = "line " .. i .. " of the ten million line scenario" end
  put("load_ms", string.format("%.0f", timed(function() weft.buf.set_lines(b, 0, -1, lines) end)))
  lines = nil
  collectgarbage()
end
put("rss_loaded_mb", rss())

for _, where in ipairs({ "top", "middle", "bottom" }) do
  local ms = timed(function()
    for i = 1, 1000 do
      local row = where == "top" and 0 or where == "middle" and weft.buf.line_count(b) // 2 or -1
      weft.buf.set_lines(b, row, row, { "inserted " .. i })
    end
  end)
  put("insert_" .. where .. "_us", string.format("%.2f", ms))  -- 1,000 inserts: ms total = us each
end

local ns = weft.ns.create("ten_million")
local step = math.max(1, n // marks)
put("marks", marks)
put("marks_ms", string.format("%.0f", timed(function()
  for i = 0, marks - 1 do weft.extmark.set(b, ns, i * step, 0, {}) end
end)))
put("rss_marks_mb", rss())
put("insert_top_with_marks_us", string.format("%.2f", timed(function()
  for i = 1, 1000 do weft.buf.set_lines(b, 0, 0, { "top " .. i }) end
end)))

local w = weft.win.open(b, { relative = "editor", row = 0, col = 0, width = 200, height = 50 })
local pages = 200
local stride = weft.buf.line_count(b) // pages
put("scroll_frame_us", string.format("%.1f", timed(function()
  for p = 0, pages - 1 do
    weft.win.set_view(w, { topline = p * stride })
    weft.ui.redraw()
  end
end) * 1000 / pages))
put("rss_end_mb", rss())
io.stdout:write(table.concat(out, " "), "\n")
weft.quit(0)
