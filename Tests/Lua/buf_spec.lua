local t = require("helpers")
local buf = weft.buf

t.describe("weft.buf", function()
  t.it("is reachable through require", function()
    t.eq(weft, require("weft"))
  end)

  t.it("creates, finds, names and lists buffers", function()
    local b = buf.create{ name = "notes", scratch = true }
    t.eq("notes", buf.name(b))
    t.eq(b, buf.find("notes"))
    t.eq(nil, buf.find("nope"))
    t.eq(nil, buf.find(""))
    t.ok(buf.valid(b))
    local ids = buf.list()
    t.eq(b, ids[#ids])
    t.eq(1, buf.line_count(b))
  end)

  t.it("0 means the current window's buffer", function()
    t.eq(buf.name(0), "main")
    buf.set_lines(0, 0, -1, { "current" })
    t.eq({ "current" }, buf.get_lines(1, 0, -1))
  end)

  t.it("rejects a duplicate name", function()
    buf.create{ name = "dup" }
    t.raises_eq("weft.buf.create: a buffer named 'dup' already exists", buf.create, { name = "dup" })
  end)

  t.it("deletes buffers and their windows", function()
    local b = buf.create{}
    local w = weft.win.open(b, { split = "right" })
    buf.delete(b)
    t.eq(false, buf.valid(b))
    t.raises_eq("weft.win.get_buf: invalid window id: " .. w, weft.win.get_buf, w)
    t.raises_eq("weft.buf.delete: invalid buffer id: " .. b, buf.delete, b)
  end)

  t.it("honours modifiable = false", function()
    local b = buf.create{ modifiable = false }
    t.raises_eq("weft.buf.set_lines: buffer " .. b .. " is not modifiable", buf.set_lines, b, 0, -1, { "x" })
  end)

  t.it("stores plain variables", function()
    local b = buf.create{}
    buf.set_var(b, "k", { a = 1, list = { 1, 2 } })
    t.eq({ a = 1, list = { 1, 2 } }, buf.get_var(b, "k"))
    buf.set_var(b, "k", nil)
    t.eq(nil, buf.get_var(b, "k"))
    t.raises_eq("bad argument #3 to 'weft.buf.set_var' (plain data expected (nil, boolean, number, string or table), got function)",
      buf.set_var, b, "f", function() end)
  end)
end)

t.describe("weft.buf lines (Neovim indexing)", function()
  local b
  local function reset(lines)
    b = buf.create{}
    buf.set_lines(b, 0, -1, lines)
  end

  t.it("reads with end-exclusive ranges", function()
    reset({ "a", "b", "c" })
    t.eq({ "a", "b", "c" }, buf.get_lines(b, 0, -1))
    t.eq({ "b" }, buf.get_lines(b, 1, 2))
    t.eq({}, buf.get_lines(b, 1, 1))
    t.eq({}, buf.get_lines(b, 3, 3))
  end)

  t.it("reads with negative indices (count + 1 + i)", function()
    reset({ "a", "b", "c" })
    t.eq({ "c" }, buf.get_lines(b, -2, -1))
    t.eq({ "a", "b" }, buf.get_lines(b, 0, -2))
    t.eq({ "a", "b", "c" }, buf.get_lines(b, -4, -1))
  end)

  t.it("raises for out-of-range indices", function()
    reset({ "a", "b", "c" })
    t.raises_eq("weft.buf.get_lines: end index 4 out of range (buffer has 3 lines)", buf.get_lines, b, 0, 4)
    t.raises_eq("weft.buf.get_lines: start index -5 out of range (buffer has 3 lines)", buf.get_lines, b, -5, -1)
    t.raises_eq("weft.buf.get_lines: start index 2 is after end index 1", buf.get_lines, b, 2, 1)
  end)

  t.it("inserts, replaces and deletes lines", function()
    reset({ "a", "b", "c" })
    buf.set_lines(b, 1, 1, { "x", "y" })
    t.eq({ "a", "x", "y", "b", "c" }, buf.get_lines(b, 0, -1))
    buf.set_lines(b, -1, -1, { "end" })
    t.eq("end", buf.get_lines(b, -2, -1)[1])
    buf.set_lines(b, 0, 2, {})
    t.eq({ "y", "b", "c", "end" }, buf.get_lines(b, 0, -1))
    buf.set_lines(b, 0, -1, {})
    t.eq({ "" }, buf.get_lines(b, 0, -1))
    t.eq(1, buf.line_count(b))
  end)

  t.it("rejects newlines inside a line", function()
    reset({ "a" })
    t.raises_eq("weft.buf.set_lines: line 1 of the replacement contains a newline; pass separate lines",
      buf.set_lines, b, 0, -1, { "x\ny" })
  end)

  t.it("gets and sets text by byte columns", function()
    reset({ "hello world", "second" })
    t.eq({ "world" }, buf.get_text(b, 0, 6, 0, 11))
    t.eq({ "world", "sec" }, buf.get_text(b, 0, 6, 1, 3))
    t.eq({ "" }, buf.get_text(b, 0, 3, 0, 3))
    buf.set_text(b, 0, 0, 0, 5, { "bye" })
    t.eq({ "bye world", "second" }, buf.get_lines(b, 0, -1))
    buf.set_text(b, 0, 3, 1, 0, {})
    t.eq({ "byesecond" }, buf.get_lines(b, 0, -1))
    buf.set_text(b, 0, 3, 0, 3, { "", "" })
    t.eq({ "bye", "second" }, buf.get_lines(b, 0, -1))
  end)

  t.it("raises for text positions out of range or inside a character", function()
    reset({ "héllo" })
    t.raises_eq("weft.buf.get_text: start column 2 is inside a UTF-8 character on line 0", buf.get_text, b, 0, 2, 0, 3)
    t.raises_eq("weft.buf.get_text: end row 5 out of range (buffer has 1 lines)", buf.get_text, b, 0, 0, 5, 0)
    t.raises_eq("weft.buf.get_text: end column 9 out of range (line 0 has 6 bytes)", buf.get_text, b, 0, 0, 0, 9)
  end)
end)

t.describe("weft.buf argument errors", function()
  t.it("names the function and the argument", function()
    t.raises_eq("bad argument #4 to 'weft.buf.set_lines' (table expected, got no value)", buf.set_lines, 0, 0, -1)
    t.raises_eq("bad argument #4 to 'weft.buf.set_lines' (table expected, got nil)", buf.set_lines, 0, 0, -1, nil)
    t.raises_eq("bad argument #2 to 'weft.buf.get_lines' (number expected, got string)", buf.get_lines, 0, "x", 1)
    t.raises_eq("bad argument #4 to 'weft.buf.set_lines' (element 2 must be a string, got number)",
      buf.set_lines, 0, 0, -1, { "a", 3 })
    t.raises_eq("bad argument #1 to 'weft.buf.create' (unknown option 'nmae' (expected one of: modifiable, name, scratch))",
      buf.create, { nmae = "x" })
    t.raises_eq("bad argument #1 to 'weft.buf.create' (field 'name': string expected, got number)", buf.create, { name = 3 })
    t.raises_eq("weft.buf.get_lines: invalid buffer id: 99", buf.get_lines, 99, 0, -1)
    t.raises_eq("bad argument #2 to 'weft.buf.get_lines' (number has no integer representation)", buf.get_lines, 0, 1.5, 2)
  end)
end)

-- The binding remembers the buffer it looked up last (no hashing per call)
-- and reads a single line from the leaf it read last: neither may outlive
-- a deletion or an edit.
t.describe("weft.buf lookups in a loop", function()
  t.it("raises for a buffer deleted in the middle of a loop", function()
    local b = buf.create{}
    buf.set_lines(b, 0, -1, { "one", "two" })
    local seen = 0
    for i = 1, 100 do
      if i == 50 then buf.delete(b) end
      local ok, err = pcall(buf.get_lines, b, 0, 1)
      if i < 50 then t.eq(true, ok); seen = seen + 1
      else t.eq("weft.buf.get_lines: invalid buffer id: " .. b, err) end
    end
    t.eq(49, seen)
    t.raises_eq("weft.buf.set_lines: invalid buffer id: " .. b, buf.set_lines, b, 0, -1, { "x" })
    local c = buf.create{}
    t.ok(c ~= b)
    t.eq({ "" }, buf.get_lines(c, 0, 1))
    t.raises_eq("weft.buf.get_lines: invalid buffer id: " .. b, buf.get_lines, b, 0, 1)
  end)

  t.it("reads each line as it is after every edit", function()
    local b = buf.create{}
    local lines = {}
    for i = 1, 300 do lines[i] = ("line %d "):format(i) .. string.rep("é", i % 20) end
    buf.set_lines(b, 0, -1, lines)
    for i = 0, 299 do t.eq({ lines[i + 1] }, buf.get_lines(b, i, i + 1)) end
    buf.set_lines(b, 100, 101, { "short", "a line of more than fifteen bytes" })
    t.eq({ "short" }, buf.get_lines(b, 100, 101))
    t.eq({ "a line of more than fifteen bytes" }, buf.get_lines(b, 101, 102))
    t.eq({ lines[102] }, buf.get_lines(b, 102, 103))
    t.eq({ lines[300] }, buf.get_lines(b, -2, -1))
    t.eq({}, buf.get_lines(b, 5, 5))
  end)
end)
