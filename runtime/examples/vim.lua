-- vim.lua: modal editing of the composer, written in Lua on primitives.
--
-- The stock composer is the insert mode (mode "composer": typing, Enter to
-- send, all readline keys). Esc leaves it for normal mode ("vim_normal"),
-- v / V start a visual selection ("vim_visual"). Everything is ordinary
-- keymaps in modes of our own plus buffer edits (weft.buf.get_text /
-- set_text / set_lines) and the window cursor (weft.win.get/set_cursor).
--
-- Normal mode:
--   motions      h j k l  w b e  0 ^ $  gg G   (with counts: 3w, 2j, 5G)
--   operators    d c y + motion (d2w, 3dd, cw, y$, dG), dd cc yy, D C Y
--   edits        x X s p P  i a I A o O   u (undo)  Ctrl-R (redo)  . (repeat)
--   Enter sends the message; Esc cancels a count/operator or interrupts a reply.
--   text objects after d c y (and in visual mode): iw aw  iW aW  i" a" i' a' i` a`
--                i( a( ib ab  i[ a[  i{ a{ iB aB  i< a<   (diw, ci", ya(, vi{)
--                quotes are found on the cursor's line; brackets may span lines
-- Visual mode: motions extend the selection; d x c y act on it; o swaps ends.
-- The mode is shown in a small window left of the status line.
--
-- Try it:  weft -u runtime/examples/vim.lua

local win, buf = weft.win, weft.buf
local C = win.find("composer")
local B = win.get_buf(C)
local NORMAL, VISUAL, INSERT = "vim_normal", "vim_visual", "composer"

local V = {
  count = "", op = nil, op_count = nil, g = false, -- pending command
  keys = {}, last = nil, replaying = false, -- dot repeat
  reg = { lines = { "" }, linewise = false }, -- the unnamed register
  undo = {}, redo = {},
  anchor = nil, vline = false, -- visual mode
  ns = weft.ns.create("vim"),
}

weft.hl.set("VimVisual", { reverse = true })
weft.hl.set("VimModeNormal", { fg = "#000000", bg = "#87afd7", bold = true })
weft.hl.set("VimModeInsert", { fg = "#000000", bg = "#87af87", bold = true })
weft.hl.set("VimModeVisual", { fg = "#000000", bg = "#d7af5f", bold = true })
weft.hl.set("VimModeOther", { fg = "#ffffff", bg = "#5f5f87", bold = true })

-- ------------------------------------------------------------- text helpers
local function lines() return buf.get_lines(B, 0, -1) end
-- The cursor, kept inside the text (the kernel leaves a window's cursor
-- where it was when an edit removes the text under it).
local function cur()
  local r, c = win.get_cursor(C)
  local L = buf.get_lines(B, 0, -1)
  r = math.max(0, math.min(r, #L - 1))
  return r, math.min(c, #L[r + 1])
end

-- Byte index of the character after / before byte `c` of `s` (UTF-8 aware).
local function next_char(s, c)
  if c >= #s then return #s end
  c = c + 1
  while c < #s and (s:byte(c + 1) & 0xC0) == 0x80 do c = c + 1 end
  return c
end
local function prev_char(s, c)
  c = math.min(c, #s)
  if c <= 0 then return 0 end
  c = c - 1
  while c > 0 and (s:byte(c + 1) & 0xC0) == 0x80 do c = c - 1 end
  return c
end
local function last_char(s) return prev_char(s, #s) end
local function first_nonblank(s) return (s:find("%S") or (#s + 1)) - 1 end

-- Character classes for word motions: 0 blank, 1 punctuation, 2 word.
local function class_at(L, r, c)
  local s = L[r + 1]
  if c >= #s then return 0 end
  local ch = s:sub(c + 1, next_char(s, c))
  if ch:match("^%s") then return 0 end
  if #ch > 1 or ch:match("^[%w_]") then return 2 end
  return 1
end
-- Steps over the text as a stream where each line end is one position.
local function fwd(L, r, c)
  if c < #L[r + 1] then return r, next_char(L[r + 1], c) end
  if r + 1 < #L then return r + 1, 0 end
end
local function back(L, r, c)
  if c > 0 then return r, prev_char(L[r + 1], c) end
  if r > 0 then return r - 1, #L[r] end
end
local function empty(L, r) return #L[r + 1] == 0 end

local function word_forward(L, r, c)
  local k, nr, nc = class_at(L, r, c), r, c
  if k ~= 0 then
    repeat
      local a, b = fwd(L, nr, nc)
      if not a then return nr, #L[nr + 1] end
      nr, nc = a, b
    until class_at(L, nr, nc) ~= k
  end
  while class_at(L, nr, nc) == 0 do
    if nc == 0 and nr ~= r and empty(L, nr) then break end
    local a, b = fwd(L, nr, nc)
    if not a then return nr, nc end
    nr, nc = a, b
  end
  return nr, nc
end

local function word_end(L, r, c)
  local nr, nc = fwd(L, r, c)
  if not nr then return r, c end
  while class_at(L, nr, nc) == 0 do
    local a, b = fwd(L, nr, nc)
    if not a then return nr, nc end
    nr, nc = a, b
  end
  local k = class_at(L, nr, nc)
  while true do
    local a, b = fwd(L, nr, nc)
    if not a or class_at(L, a, b) ~= k then return nr, nc end
    nr, nc = a, b
  end
end

local function word_back(L, r, c)
  local nr, nc = back(L, r, c)
  if not nr then return r, c end
  while class_at(L, nr, nc) == 0 do
    if nc == 0 and empty(L, nr) then return nr, nc end
    local a, b = back(L, nr, nc)
    if not a then return nr, nc end
    nr, nc = a, b
  end
  local k = class_at(L, nr, nc)
  while true do
    local a, b = back(L, nr, nc)
    if not a or class_at(L, a, b) ~= k then return nr, nc end
    nr, nc = a, b
  end
end

-- -------------------------------------------------------------------- motions
-- Each returns the target row, col and kind: "exclusive", "inclusive" or
-- "linewise". `op` is the pending operator (motions differ slightly then).
local motions = {}
motions.h = function(L, r, c, n)
  for _ = 1, n do c = prev_char(L[r + 1], c) end
  return r, c, "exclusive"
end
motions.l = function(L, r, c, n, op)
  local s = L[r + 1]
  local limit = op and #s or last_char(s)
  for _ = 1, n do c = math.min(next_char(s, c), limit) end
  return r, c, "exclusive"
end
motions.j = function(L, r, c, n) return math.min(#L - 1, r + n), c, "linewise" end
motions.k = function(L, r, c, n) return math.max(0, r - n), c, "linewise" end
motions.w = function(L, r, c, n, op)
  if op == "c" and class_at(L, r, c) ~= 0 then -- cw acts like ce
    local er, ec = r, c
    for i = 1, n do
      -- on the last character of a word, the first count changes just it
      if i > 1 or class_at(L, er, next_char(L[er + 1], ec)) == class_at(L, er, ec) then er, ec = word_end(L, er, ec) end
    end
    return er, ec, "inclusive"
  end
  for i = 1, n do
    local pr = r
    r, c = word_forward(L, r, c)
    if op and i == n and r > pr then r, c = pr, #L[pr + 1] end -- dw does not join lines
  end
  return r, c, "exclusive"
end
motions.e = function(L, r, c, n)
  for _ = 1, n do r, c = word_end(L, r, c) end
  return r, c, "inclusive"
end
motions.b = function(L, r, c, n)
  for _ = 1, n do r, c = word_back(L, r, c) end
  return r, c, "exclusive"
end
motions["0"] = function(_, r) return r, 0, "exclusive" end
motions["^"] = function(L, r) return r, first_nonblank(L[r + 1]), "exclusive" end
motions["$"] = function(L, r, _, n)
  r = math.min(#L - 1, r + n - 1)
  return r, last_char(L[r + 1]), "inclusive"
end
motions.G = function(L, _, _, n, _, given)
  local r = given and math.min(#L, n) - 1 or #L - 1
  return r, first_nonblank(L[r + 1]), "linewise"
end
motions.gg = function(L, _, _, n, _, given)
  local r = given and math.min(#L, n) - 1 or 0
  return r, first_nonblank(L[r + 1]), "linewise"
end

-- ------------------------------------------------------------ state changes
local function clamp(r, c)
  local L = lines()
  r = math.max(0, math.min(r, #L - 1))
  local s = L[r + 1]
  local max = weft.mode.get() == INSERT and #s or last_char(s)
  win.set_cursor(C, r, math.max(0, math.min(c, max)))
end

local function snapshot()
  local r, c = cur()
  V.undo[#V.undo + 1] = { lines = lines(), r = r, c = c }
  if #V.undo > 200 then table.remove(V.undo, 1) end
  V.redo = {}
end

local function restore(from, to)
  local s = table.remove(from)
  if not s then return weft.notify("vim: nothing to " .. (from == V.undo and "undo" or "redo"), "info") end
  local r, c = cur()
  to[#to + 1] = { lines = lines(), r = r, c = c }
  buf.set_lines(B, 0, -1, s.lines)
  clamp(s.r, s.c)
end

local show_mode -- defined below

local function reset_pending()
  V.count, V.op, V.op_count, V.g, V.obj = "", nil, nil, false, nil
  V.keys = {}
  if show_mode then show_mode() end
end

-- Remembers the finished command for ".", unless it is being replayed.
local function remember(insert, keys)
  if not V.replaying then V.last = { keys = keys or V.keys, insert = insert and "" or nil } end
end

local function start_insert(r, c)
  weft.mode.set(INSERT)
  win.set_cursor(C, r, c)
  V.insert_from = { r = r, c = c }
end

-- Applies operator `op` to the range between two positions.
local function apply(op, r1, c1, r2, c2, kind)
  if r2 < r1 or (r2 == r1 and c2 < c1) then r1, c1, r2, c2 = r2, c2, r1, c1 end
  local L = lines()
  if kind == "linewise" then
    V.reg = { lines = buf.get_lines(B, r1, r2 + 1), linewise = true }
    if op == "y" then return clamp(r1, c1) end
    snapshot()
    if op == "d" then
      buf.set_lines(B, r1, r2 + 1, {})
      local N = lines()
      local r = math.min(r1, #N - 1)
      return clamp(r, first_nonblank(N[r + 1]))
    end
    buf.set_lines(B, r1, r2 + 1, { "" })
    return start_insert(r1, 0)
  end
  if kind == "inclusive" then c2 = next_char(L[r2 + 1], c2) end
  V.reg = { lines = buf.get_text(B, r1, c1, r2, c2), linewise = false }
  if op == "y" then return clamp(r1, c1) end
  snapshot()
  buf.set_text(B, r1, c1, r2, c2, { "" })
  if op == "c" then return start_insert(r1, c1) end
  clamp(r1, c1)
end

local function paste(after, n)
  local r, c = cur()
  local L = lines()
  snapshot()
  if V.reg.linewise then
    local block = {}
    for _ = 1, n do for _, l in ipairs(V.reg.lines) do block[#block + 1] = l end end
    local at = after and r + 1 or r
    buf.set_lines(B, at, at, block)
    return clamp(at, first_nonblank(block[1] or ""))
  end
  local text = table.concat(V.reg.lines, "\n"):rep(n)
  local parts = {}
  for part in (text .. "\n"):gmatch("(.-)\n") do parts[#parts + 1] = part end
  local at = (after and #L[r + 1] > 0) and next_char(L[r + 1], c) or c
  buf.set_text(B, r, at, r, at, parts)
  if #parts == 1 then clamp(r, at + #parts[1] - 1) else clamp(r + #parts - 1, #parts[#parts] - 1) end
end

-- ------------------------------------------------------------- visual mode
local function visual_range()
  local r, c = cur()
  local a = V.anchor
  if a.r > r or (a.r == r and a.c > c) then return r, c, a.r, a.c end
  return a.r, a.c, r, c
end

local function paint_visual()
  weft.extmark.clear(B, V.ns, 0, -1)
  if weft.mode.get() ~= VISUAL then return end
  local r1, c1, r2, c2 = visual_range()
  local L = lines()
  if V.vline then c1, c2 = 0, #L[r2 + 1] else c2 = next_char(L[r2 + 1], c2) end
  weft.extmark.set(B, V.ns, r1, c1, { end_row = r2, end_col = c2, hl = "VimVisual" })
end

local function leave_visual()
  weft.mode.set(NORMAL)
  V.anchor = nil
  paint_visual()
  local r, c = cur()
  clamp(r, c)
end

-- ------------------------------------------------------------- text objects
-- Each returns the object's range around the cursor as r1, c1, r2, c2 with
-- an exclusive end, or nil when there is none (the command is dropped).
local objects = {}

-- A word (class runs as for w; W: anything but blanks), "a" with the blanks
-- after it (or, at the end of the line, before it).
local function word_object(L, r, c, around, big)
  local s = L[r + 1]
  if #s == 0 then return nil end
  local function cls(i)
    local k = class_at(L, r, i)
    if big and k ~= 0 then return 2 end
    return k
  end
  local k = cls(c)
  local a, b = c, next_char(s, c)
  while a > 0 and cls(prev_char(s, a)) == k do a = prev_char(s, a) end
  while b < #s and cls(b) == k do b = next_char(s, b) end
  if around then
    local e = b
    while e < #s and cls(e) == 0 do e = next_char(s, e) end
    if e > b then b = e
    else while a > 0 and cls(prev_char(s, a)) == 0 do a = prev_char(s, a) end end
  end
  return r, a, r, b
end
objects.w = function(L, r, c, around) return word_object(L, r, c, around, false) end
objects.W = function(L, r, c, around) return word_object(L, r, c, around, true) end

-- A quoted string on the cursor's line: the pair around the cursor, else
-- the first pair after it (as Vim does). "a" includes the quotes.
local function quote_object(q)
  return function(L, r, c, around)
    local s = L[r + 1]
    local at = {}
    local i = 1
    while i <= #s do
      local ch = s:sub(i, i)
      if ch == "\\" then i = i + 1 elseif ch == q then at[#at + 1] = i - 1 end
      i = i + 1
    end
    for k = 1, #at - 1, 2 do
      local open, close = at[k], at[k + 1]
      if c <= close then
        if around then return r, open, r, close + 1 end
        return r, open + 1, r, close
      end
    end
    return nil
  end
end
for _, q in ipairs({ '"', "'", "`" }) do objects[q] = quote_object(q) end

-- The innermost bracket pair around the cursor (across lines). "i" keeps
-- what is between the brackets, "a" includes them.
local function bracket_object(open, close)
  return function(L, r, c, around)
    -- Walk back to the unmatched opener, then forward to its closer.
    local depth, r1, c1 = 0, r, c
    local found = false
    while r1 >= 0 do
      local s = L[r1 + 1]
      local i = math.min(c1, #s - 1)
      while i >= 0 do
        local ch = s:sub(i + 1, i + 1)
        if ch == close and not (r1 == r and i == c) then depth = depth + 1
        elseif ch == open then
          if depth == 0 then found = true; break end
          depth = depth - 1
        end
        i = i - 1
      end
      if found then c1 = i; break end
      r1 = r1 - 1
      if r1 >= 0 then c1 = #L[r1 + 1] - 1 end
    end
    if not found then return nil end
    depth = 0
    local r2, c2 = r1, c1 + 1
    while r2 < #L do
      local s = L[r2 + 1]
      while c2 < #s do
        local ch = s:sub(c2 + 1, c2 + 1)
        if ch == open then depth = depth + 1
        elseif ch == close then
          if depth == 0 then
            if around then return r1, c1, r2, c2 + 1 end
            return r1, c1 + 1, r2, c2
          end
          depth = depth - 1
        end
        c2 = c2 + 1
      end
      r2, c2 = r2 + 1, 0
    end
    return nil
  end
end
for _, p in ipairs({ { "(", ")", { "(", ")", "b" } }, { "[", "]", { "[", "]" } },
                     { "{", "}", { "{", "}", "B" } }, { "<", ">", { "<", ">" } } }) do
  local f = bracket_object(p[1], p[2])
  for _, key in ipairs(p[3]) do objects[key] = f end
end

-- --------------------------------------------------------------- the parser
local edits = {} -- single-key commands of normal mode

local function do_motion(key, n, given)
  local r, c = cur()
  local L = lines()
  local r2, c2, kind = motions[key](L, r, c, n, V.op, given)
  if V.op then
    local op = V.op
    apply(op, r, c, r2, c2, kind)
    if op ~= "y" then remember(op == "c") end
  else
    win.set_cursor(C, r2, c2)
    if weft.mode.get() == VISUAL then paint_visual() else clamp(r2, c2) end
  end
  reset_pending()
end

--- Handles one key of normal or visual mode.
-- The text object `key` (after i or a) for the pending operator, or the
-- visual selection.
local function do_object(key, visual)
  local kind = V.obj
  V.obj = nil
  local r, c = cur()
  local L = lines()
  local f = objects[key]
  local r1, c1, r2, c2
  if f then r1, c1, r2, c2 = f(L, r, c, kind == "a") end
  if not r1 then return reset_pending() end
  if visual then
    V.anchor = { r = r1, c = c1 }
    if r2 > r1 or c2 > c1 then
      if c2 == 0 then r2, c2 = r2 - 1, #L[r2] else c2 = prev_char(L[r2 + 1], c2) end
    end
    win.set_cursor(C, r2, c2)
    paint_visual()
    return reset_pending()
  end
  local op = V.op
  if r1 == r2 and c1 == c2 and op ~= "c" then return reset_pending() end
  apply(op, r1, c1, r2, c2, "exclusive")
  if op ~= "y" then remember(op == "c") end
  reset_pending()
end

function V.press(key)
  V.keys[#V.keys + 1] = key
  local visual = weft.mode.get() == VISUAL
  if V.obj then return do_object(key, visual) end
  if (V.op or visual) and (key == "i" or key == "a") and V.count == "" then
    V.obj = key
    return show_mode()
  end
  if key:match("^%d$") and (key ~= "0" or V.count ~= "") then
    V.count = V.count .. key
    return show_mode()
  end
  local given = V.count ~= "" or V.op_count ~= nil
  local n = (tonumber(V.count) or 1) * (V.op_count or 1)
  if V.g then
    V.g = false
    if key == "g" then return do_motion("gg", n, given) end
    return reset_pending()
  end
  if key == "g" then V.g = true; return show_mode() end
  if motions[key] then return do_motion(key, n, given) end
  if visual and (key == "d" or key == "x" or key == "c" or key == "y") then
    local r1, c1, r2, c2 = visual_range()
    local op = key == "x" and "d" or key
    weft.mode.set(NORMAL)
    apply(op, r1, c1, r2, c2, V.vline and "linewise" or "inclusive")
    V.anchor = nil
    paint_visual()
    return reset_pending()
  end
  if key == "d" or key == "c" or key == "y" then
    if V.op == key then -- dd, cc, yy: count lines
      local r, c = cur()
      local L = lines()
      local op = V.op
      apply(op, r, c, math.min(#L - 1, r + n - 1), 0, "linewise")
      if op ~= "y" then remember(op == "c") end
      return reset_pending()
    end
    if V.op then return reset_pending() end
    V.op, V.op_count, V.count = key, tonumber(V.count), ""
    return show_mode()
  end
  local edit = edits[key]
  if edit and not V.op then
    local r, c = cur()
    local keys = V.keys
    V.count = ""
    local kind = edit(r, c, n, lines(), given)
    if kind == "change" or kind == "insert" then remember(kind == "insert", keys) end
    return reset_pending()
  end
  reset_pending()
end

-- Shorthands and edits. Each returns "change" (repeatable), "insert"
-- (repeatable, enters insert mode) or nothing.
edits.x = function(r, c, n, L)
  if #L[r + 1] == 0 then return end
  V.op = "d"; do_motion("l", n, true); return "change"
end
edits.X = function(r, c, n) V.op = "d"; do_motion("h", n, true); return "change" end
edits.D = function(r, c, n) V.op = "d"; do_motion("$", n, true); return "change" end
edits.C = function(r, c, n) V.op = "c"; do_motion("$", n, true); return "insert" end
edits.s = function(r, c, n) V.op = "c"; do_motion("l", n, true); return "insert" end
edits.Y = function(r, c, n) V.op = "y"; V.count = tostring(n); V.press("y") end
edits.p = function(_, _, n) paste(true, n); return "change" end
edits.P = function(_, _, n) paste(false, n); return "change" end
edits.i = function(r, c) snapshot(); start_insert(r, c); return "insert" end
edits.a = function(r, c, _, L) snapshot(); start_insert(r, next_char(L[r + 1], c)); return "insert" end
edits.I = function(r, _, _, L) snapshot(); start_insert(r, first_nonblank(L[r + 1])); return "insert" end
edits.A = function(r, _, _, L) snapshot(); start_insert(r, #L[r + 1]); return "insert" end
edits.o = function(r) snapshot(); buf.set_lines(B, r + 1, r + 1, { "" }); start_insert(r + 1, 0); return "insert" end
edits.O = function(r) snapshot(); buf.set_lines(B, r, r, { "" }); start_insert(r, 0); return "insert" end
edits.u = function(_, _, n) for _ = 1, n do restore(V.undo, V.redo) end end
edits["<C-r>"] = function(_, _, n) for _ = 1, n do restore(V.redo, V.undo) end end
edits.v = function(r, c)
  if weft.mode.get() == VISUAL and not V.vline then return leave_visual() end
  V.anchor = V.anchor or { r = r, c = c }
  V.vline = false
  weft.mode.set(VISUAL)
  paint_visual()
end
edits.V = function(r, c)
  if weft.mode.get() == VISUAL and V.vline then return leave_visual() end
  V.anchor = V.anchor or { r = r, c = c }
  V.vline = true
  weft.mode.set(VISUAL)
  paint_visual()
end
edits.o_visual = function(r, c)
  local a = V.anchor
  V.anchor = { r = r, c = c }
  win.set_cursor(C, a.r, a.c)
  paint_visual()
end
-- The keys of a command without its counts (for "." with a new count).
local function without_counts(keys)
  local out, in_count = {}, false
  for _, k in ipairs(keys) do
    local digit = k:match("^[1-9]$") or (k == "0" and in_count)
    if not digit then out[#out + 1] = k end
    in_count = digit and true or false
  end
  return out
end

edits["."] = function(_, _, n, _, given)
  local last = V.last
  if not last then return end
  if given then
    local keys = {}
    for d in tostring(n):gmatch("%d") do keys[#keys + 1] = d end
    for _, k in ipairs(without_counts(last.keys)) do keys[#keys + 1] = k end
    last = { keys = keys, insert = last.insert }
    V.last = last
  end
  V.replaying = true
  local ok, err = pcall(function()
    for _, k in ipairs(last.keys) do V.press(k) end
    if last.insert and weft.mode.get() == INSERT then
      local r, c = cur()
      local parts = {}
      for part in (last.insert .. "\n"):gmatch("(.-)\n") do parts[#parts + 1] = part end
      buf.set_text(B, r, c, r, c, parts)
      local er = r + #parts - 1
      win.set_cursor(C, er, (#parts == 1 and c or 0) + #parts[#parts])
      V.leave_insert()
    end
  end)
  V.replaying = false
  if not ok then error(err, 0) end
end

-- Leaves insert mode: the inserted text is kept for ".", the cursor steps
-- back one character as in Vim.
function V.leave_insert()
  if weft.mode.get() ~= INSERT then return end
  local r, c = cur()
  local from = V.insert_from
  if from and V.last and V.last.insert == "" and not V.replaying then
    local ok, text = pcall(buf.get_text, B, from.r, from.c, r, c)
    if ok and (r > from.r or c >= from.c) then V.last.insert = table.concat(text, "\n") end
  end
  V.insert_from = nil
  weft.mode.set(NORMAL)
  clamp(r, prev_char(lines()[r + 1], c))
  reset_pending()
end

-- ------------------------------------------------------------------- keymaps
local normal_keys = { "h", "j", "k", "l", "w", "b", "e", "0", "^", "$", "g", "G", "d", "c", "y", "x", "X",
  "D", "C", "Y", "s", "p", "P", "i", "a", "I", "A", "o", "O", "u", "<C-r>", ".", "v", "V",
  "1", "2", "3", "4", "5", "6", "7", "8", "9" }
for _, k in ipairs(normal_keys) do
  weft.keymap.set(NORMAL, k, function() V.press(k) end, { desc = "vim: " .. k })
end
for k, m in pairs({ ["<Left>"] = "h", ["<Right>"] = "l", ["<Up>"] = "k", ["<Down>"] = "j" }) do
  weft.keymap.set({ NORMAL, VISUAL }, k, function() V.press(m) end, { desc = "vim: " .. m })
end
local visual_keys = { "h", "j", "k", "l", "w", "b", "e", "0", "^", "$", "g", "G", "d", "x", "c", "y", "v", "V",
  "1", "2", "3", "4", "5", "6", "7", "8", "9", "i", "a" }
-- Keys that only name a text object (after d c y + i/a, or v + i/a).
local object_keys = { "W", '"', "'", "`", "(", ")", "[", "]", "{", "}", "B", "<lt>", ">" }
for _, k in ipairs(object_keys) do
  local key = k == "<lt>" and "<" or k
  weft.keymap.set({ NORMAL, VISUAL }, k, function() V.press(key) end, { desc = "vim: text object " .. key })
end

for _, k in ipairs(visual_keys) do
  weft.keymap.set(VISUAL, k, function() V.press(k) end, { desc = "vim visual: " .. k })
end
weft.keymap.set(VISUAL, "o", function() local r, c = cur(); edits.o_visual(r, c) end, { desc = "vim visual: other end" })
weft.keymap.set(VISUAL, "<Esc>", leave_visual, { desc = "vim visual: back to normal" })

weft.keymap.set(NORMAL, "<Esc>", function()
  if V.op or V.count ~= "" or V.g or V.obj then return reset_pending() end
  if weft.chat.state() ~= "idle" then weft.chat.interrupt() end
end, { desc = "vim: cancel, or interrupt the reply" })
weft.keymap.set(NORMAL, "<CR>", function()
  -- Send through the stock composer (history, /commands): its <CR> in insert mode.
  weft.mode.set(INSERT)
  weft.input.feed("<CR>")
end, { desc = "vim: send the message" })
weft.keymap.set(INSERT, "<Esc>", V.leave_insert, { desc = "vim: normal mode" })

-- -------------------------------------------------------- mode in the status
local status = win.find("status")
local mode_buf = buf.create({ name = "vim_mode", scratch = true })
V.mode_win = win.open(mode_buf, { name = "vim_mode", split = "left", win = status, size = 12, focusable = false,
  options = { wrap = false, cursor_visible = false, normal_hl = "VimModeInsert" } })

local LABELS = {
  [INSERT] = { "INSERT", "VimModeInsert" }, [NORMAL] = { "NORMAL", "VimModeNormal" },
  [VISUAL] = { "VISUAL", "VimModeVisual" },
}
show_mode = function()
  local mode = weft.mode.get()
  local label = LABELS[mode] or { mode:upper(), "VimModeOther" }
  local text = label[1]
  if mode == VISUAL and V.vline then text = "V-LINE" end
  local pending = (V.op or "") .. V.count .. (V.g and "g" or "") .. (V.obj or "")
  if mode == NORMAL and V.op_count and V.op_count > 1 then pending = V.op_count .. pending end
  buf.set_lines(mode_buf, 0, -1, { " " .. text .. (pending ~= "" and (" " .. pending) or "") })
  win.set_config(V.mode_win, { options = { normal_hl = label[2] } })
end
weft.autocmd.create("mode_changed", { desc = "vim: show the mode", callback = function()
  if weft.mode.get() ~= VISUAL then weft.extmark.clear(B, V.ns, 0, -1) end
  show_mode()
end })
show_mode()

_G.vim_mode = V
