local t = require("helpers")
local buf, ext = weft.buf, weft.extmark

local function fresh(lines)
  local b = buf.create{}
  buf.set_lines(b, 0, -1, lines)
  return b
end

t.describe("weft.ns", function()
  t.it("returns the same id for the same name", function()
    local a = weft.ns.create("diag")
    t.eq(a, weft.ns.create("diag"))
    t.ok(weft.ns.create("other") ~= a)
    t.ok(weft.ns.create() ~= weft.ns.create(), "anonymous namespaces are distinct")
  end)
end)

t.describe("weft.extmark", function()
  local ns = weft.ns.create("spec")

  t.it("sets and gets a mark with decorations", function()
    local b = fresh({ "hello world", "two" })
    local id = ext.set(b, ns, 0, 6, { end_row = 0, end_col = 11, hl = "Search", priority = 10,
      virt_text = { { "!", "Error" }, { "?" } }, virt_text_pos = "right_align" })
    local m = ext.get(b, ns, id)
    t.eq({ id = id, ns = ns, row = 0, col = 6, end_row = 0, end_col = 11, hl = "Search", priority = 10,
      right_gravity = true, end_right_gravity = false,
      virt_text = { { "!", "Error" }, { "?" } }, virt_text_pos = "right_align" }, m)
    t.eq(nil, ext.get(b, ns, 999))
  end)

  t.it("keeps a hyperlink url on a range", function()
    local b = fresh({ "see docs" })
    local id = ext.set(b, ns, 0, 4, { end_col = 8, hl = "Underlined", url = "https://example.com/docs" })
    t.eq("https://example.com/docs", ext.get(b, ns, id).url)
    t.raises_match("url", ext.set, b, ns, 0, 0, { end_col = 1, url = 42 })
  end)

  t.it("keeps a line unwrapped with no_wrap", function()
    local b = fresh({ string.rep("x", 200) })
    local id = ext.set(b, ns, 0, 0, { no_wrap = true })
    t.eq(true, ext.get(b, ns, id).no_wrap)
    t.eq(nil, ext.get(b, ns, ext.set(b, ns, 0, 1, {})).no_wrap)
    t.raises_match("no_wrap", ext.set, b, ns, 0, 0, { no_wrap = "yes" })
  end)

  t.it("replaces a mark with an explicit id", function()
    local b = fresh({ "abc" })
    local id = ext.set(b, ns, 0, 0, {})
    t.eq(id, ext.set(b, ns, 0, 2, { id = id }))
    t.eq(2, ext.get(b, ns, id).col)
  end)

  t.it("lists marks by position with row bounds and {row, col} pairs", function()
    local b = fresh({ "a", "b", "c", "d" })
    local ids = {}
    for r = 3, 0, -1 do ids[r] = ext.set(b, ns, r, 0, {}) end
    local rows = {}
    for _, m in ipairs(ext.list(b, ns, 0, -1)) do rows[#rows + 1] = m.row end
    t.eq({ 0, 1, 2, 3 }, rows)
    t.eq(2, #ext.list(b, ns, 1, 3), "end row is exclusive")
    t.eq(2, #ext.list(b, ns, { 1, 0 }, { 2, 0 }), "pairs are inclusive")
    t.eq(1, #ext.list(b, ns, 0, -1, { limit = 1 }))
    t.eq(0, #ext.list(b, weft.ns.create("empty"), 0, -1))
    t.eq(4, #ext.list(b, -1, 0, -1), "-1 lists every namespace")
  end)

  t.it("deletes and clears", function()
    local b = fresh({ "a", "b", "c" })
    local id = ext.set(b, ns, 0, 0, {})
    ext.set(b, ns, 1, 0, {})
    ext.set(b, ns, 2, 0, {})
    t.eq(true, ext.del(b, ns, id))
    t.eq(false, ext.del(b, ns, id))
    t.eq(1, ext.clear(b, ns, 1, 2))
    t.eq(1, #ext.list(b, ns, 0, -1))
    ext.clear(b, ns)
    t.eq(0, #ext.list(b, ns, 0, -1))
  end)

  t.it("validates positions and options", function()
    local b = fresh({ "abc" })
    t.raises_eq("weft.extmark.set: start row 3 out of range (buffer has 1 lines)", ext.set, b, ns, 3, 0, {})
    t.raises_eq("weft.extmark.set: start column 9 out of range (line 0 has 3 bytes)", ext.set, b, ns, 0, 9, {})
    t.raises_eq("weft.extmark.set: invalid namespace id: 9999", ext.set, b, 9999, 0, 0, {})
    t.raises_eq("bad argument #5 to 'weft.extmark.set' (field 'virt_text_pos': expected one of \"eol\", \"right_align\", \"overlay\", \"inline\", got \"left\")",
      ext.set, b, ns, 0, 0, { virt_text = { { "x" } }, virt_text_pos = "left" })
    t.raises_match("unknown option 'hl_group'", ext.set, b, ns, 0, 0, { hl_group = "X" })
    t.raises_match("chunk 1 must be {text, hl}", ext.set, b, ns, 0, 0, { virt_text = { "x" } })
    t.raises_eq("weft.extmark.set: end position (0,1) is before start position (0,2)", ext.set, b, ns, 0, 2, { end_col = 1 })
  end)

  t.it("reads scalar options the same on the fast path and the general one", function()
    local b = fresh({ "hello world", "two" })
    local opts = { end_row = 1, end_col = 2, hl = "Search", priority = 7, line_hl = "CursorLine",
      url = "https://example.com", right_gravity = false, end_right_gravity = true, no_wrap = true }
    local fast = ext.get(b, ns, ext.set(b, ns, 0, 3, opts))
    -- virt_text_pos alone sends the table to the general reader (LuaOptions).
    opts.virt_text_pos = "eol"
    local general = ext.get(b, ns, ext.set(b, ns, 0, 3, opts))
    fast.id, general.id = nil, nil
    t.eq(general, fast)
    t.eq({ 0, 3, 1, 2, "Search", 7, false, true }, { fast.row, fast.col, fast.end_row, fast.end_col,
      fast.hl, fast.priority, fast.right_gravity, fast.end_right_gravity })
    t.eq(4, ext.set(b, ns, 0, 0, { id = 4, hl = "X" }))
    t.eq(5, ext.set(b, ns, 0, 0, { priority = 3.0, end_col = 1.0 }), "integral floats go to the general reader")
    t.eq(1, ext.get(b, ns, 5).end_col)
  end)

  t.it("rejects bad scalar options with the general reader's message", function()
    local b = fresh({ "abc" })
    t.raises_eq("bad argument #5 to 'weft.extmark.set' (field 'hl': string expected, got number)",
      ext.set, b, ns, 0, 0, { hl = 42 })
    t.raises_eq("bad argument #5 to 'weft.extmark.set' (field 'priority': number has no integer representation)",
      ext.set, b, ns, 0, 0, { hl = "X", priority = 1.5 })
    t.raises_eq("bad argument #5 to 'weft.extmark.set' (field 'right_gravity': boolean expected, got string)",
      ext.set, b, ns, 0, 0, { right_gravity = "no" })
    t.raises_match("unknown option 'hl_groupx'", ext.set, b, ns, 0, 0, { hl = "X", hl_groupx = "Y" })
    t.raises_match("extmark id must be positive, got 0", ext.set, b, ns, 0, 0, { id = 0, hl = "X" })
    t.raises_eq("weft.extmark.set: end column 9 out of range (line 0 has 3 bytes)", ext.set, b, ns, 0, 0, { end_col = 9 })
  end)

  t.it("keeps virtual lines", function()
    local b = fresh({ "a" })
    local id = ext.set(b, ns, 0, 0, { virt_lines = { { { "below", "Comment" } }, { { "x" }, { "y" } } }, virt_lines_above = true })
    local m = ext.get(b, ns, id)
    t.eq({ { { "below", "Comment" } }, { { "x" }, { "y" } } }, m.virt_lines)
    t.eq(true, m.virt_lines_above)
  end)
end)

t.describe("extmark gravity through edits from Lua", function()
  local ns = weft.ns.create("gravity")

  t.it("right gravity stays after text inserted at the mark", function()
    local b = fresh({ "abcd" })
    local r = ext.set(b, ns, 0, 2, {})
    local l = ext.set(b, ns, 0, 2, { right_gravity = false })
    buf.set_text(b, 0, 2, 0, 2, { "XY" })
    t.eq(4, ext.get(b, ns, r).col)
    t.eq(2, ext.get(b, ns, l).col)
  end)

  t.it("moves with inserted and deleted lines", function()
    local b = fresh({ "a", "b", "c" })
    local id = ext.set(b, ns, 2, 0, {})
    buf.set_lines(b, 0, 0, { "new1", "new2" })
    t.eq(4, ext.get(b, ns, id).row)
    buf.set_lines(b, 0, 3, {})
    t.eq(1, ext.get(b, ns, id).row)
  end)

  t.it("collapses, not removes, when the text around it is deleted", function()
    local b = fresh({ "hello world" })
    local id = ext.set(b, ns, 0, 6, { end_row = 0, end_col = 11 })
    buf.set_text(b, 0, 4, 0, 11, {})
    local m = ext.get(b, ns, id)
    t.eq({ 0, 4, 0, 4 }, { m.row, m.col, m.end_row, m.end_col })
  end)

  t.it("end gravity: default end stays before text inserted at the end", function()
    local b = fresh({ "abc" })
    local id = ext.set(b, ns, 0, 0, { end_row = 0, end_col = 3 })
    local g = ext.set(b, ns, 0, 0, { end_row = 0, end_col = 3, end_right_gravity = true })
    buf.set_text(b, 0, 3, 0, 3, { "def" })
    t.eq(3, ext.get(b, ns, id).end_col)
    t.eq(6, ext.get(b, ns, g).end_col)
  end)

  t.it("follows an edit spanning lines", function()
    local b = fresh({ "one", "two", "three" })
    local id = ext.set(b, ns, 2, 2, {})
    buf.set_text(b, 0, 1, 1, 2, { "X" })
    local m = ext.get(b, ns, id)
    t.eq({ 1, 2 }, { m.row, m.col })
    t.eq({ "oXo", "three" }, buf.get_lines(b, 0, -1))
  end)

  t.it("clamps a mark on deleted tail lines to the last line", function()
    local b = fresh({ "a", "b", "c" })
    local id = ext.set(b, ns, 2, 1, {})
    buf.set_lines(b, 1, -1, {})
    local m = ext.get(b, ns, id)
    t.eq({ 0, 1 }, { m.row, m.col })
  end)
end)

t.describe("weft.hl", function()
  t.it("stores and returns definitions", function()
    weft.hl.set("MySpec", { fg = "#FF0000", bg = 0x00ff00, bold = true, underline = true })
    t.eq({ fg = "#ff0000", bg = "#00ff00", bold = true, underline = true }, weft.hl.get("MySpec"))
    weft.hl.set("MyLink", { link = "MySpec" })
    t.eq({ link = "MySpec" }, weft.hl.get("MyLink"))
    t.eq(nil, weft.hl.get("Undefined_Group"))
  end)

  t.it("validates colors and keys", function()
    t.raises_eq("bad argument #2 to 'weft.hl.set' (field 'fg': invalid color \"#12\" (expected \"#rrggbb\"))",
      weft.hl.set, "X", { fg = "#12" })
    t.raises_match("unknown option 'blod'", weft.hl.set, "X", { blod = true })
    t.raises_eq("bad argument #2 to 'weft.hl.set' (table expected, got no value)", weft.hl.set, "X")
    t.raises_match("invalid colour 'notacolor'", weft.hl.set, "X", { fg = "notacolor" })
  end)
end)

-- `extmark.set` remembers the highlight name it read last by its Lua
-- string's address (the string is kept alive while remembered).
t.describe("weft.extmark.set in a loop", function()
  local ns = weft.ns.create("loop")

  t.it("stores the name passed each time, through collections", function()
    local b = fresh({ string.rep("x", 40) })
    local ids, names = {}, {}
    for i = 1, 200 do
      local name = (i % 3 == 0) and "Title" or ("Group" .. (i % 7))
      if i % 50 == 0 then collectgarbage() end
      ids[i] = ext.set(b, ns, 0, i % 40, { hl = name })
      names[i] = name
    end
    for i = 1, 200 do t.eq(names[i], ext.get(b, ns, ids[i]).hl) end
    local long = string.rep("L", 60)
    local id = ext.set(b, ns, 0, 0, { hl = long })
    t.eq(long, ext.get(b, ns, id).hl)
    t.raises_match("hl", ext.set, b, ns, 0, 0, { hl = 42 })
    t.eq("Title", ext.get(b, ns, ext.set(b, ns, 0, 1, { hl = "Title" })).hl)
  end)

  t.it("raises for a buffer deleted in the middle of a loop", function()
    local b = fresh({ "abc" })
    for i = 1, 20 do
      if i == 10 then buf.delete(b) end
      local ok, err = pcall(ext.set, b, ns, 0, 1, { hl = "Title" })
      t.eq(i < 10, ok)
      if i >= 10 then t.eq("weft.extmark.set: invalid buffer id: " .. b, err) end
    end
  end)
end)
