local t = require("helpers")
local win, buf, ui = weft.win, weft.buf, weft.ui

-- Draws `ops` through ui.draw's fast path (plain ops), then again through
-- its general path (a spans op at row, col added at the end): both must
-- store the same ops. Returns the stored list.
local function draw_both_ways(w, ops, row, col)
  ui.draw(w, ops)
  local direct = T.draw_list(w)
  ops[#ops + 1] = { kind = "spans", row = row, col = col, spans = { { "x" } } }
  ui.draw(w, ops)
  local general = T.draw_list(w)
  general[#general] = nil
  t.eq(general, direct)
  return direct
end

t.describe("weft.ui", function()
  t.it("reports the screen size", function()
    t.eq({ 40, 12 }, { ui.size() })
  end)

  t.it("measures, truncates and wraps", function()
    t.eq(5, ui.measure("hello"))
    t.eq(4, ui.measure("世界"))
    t.eq(2, ui.measure("👍🏽"))
    t.eq("hello w…", ui.truncate("hello world", 8))
    t.eq("hel..", ui.truncate("hello world", 5, ".."))
    t.eq("hi", ui.truncate("hi", 5))
    t.eq({ "abcd", "efgh", "ij" }, ui.wrap("abcdefghij", 4))
    t.raises_eq("bad argument #2 to 'weft.ui.wrap' (width must be positive, got 0)", ui.wrap, "x", 0)
  end)

  t.it("shows the stock window's buffer in ui.screen()", function()
    buf.set_lines(0, 0, -1, { "first line", "second" })
    local rows = ui.screen()
    t.eq(12, #rows)
    t.eq("first line", rows[1]:sub(1, 10))
    t.eq("second", rows[2]:sub(1, 6))
  end)

  t.it("refuses to draw on a stock window and says what to do", function()
    local w = win.find("main")
    t.raises_eq("weft.ui.draw: window " .. w .. " is drawn by the stock renderer; set renderer = \"extension\" first (weft.win.set_config(" .. w .. ", {renderer = \"extension\"}))",
      ui.draw, w, { { kind = "text", row = 0, col = 0, text = "x" } })
  end)

  t.it("keeps an extension window's draw list and shows it on screen", function()
    local b = buf.create{}
    local w = win.open(b, { relative = "editor", row = 1, col = 2, width = 12, height = 3, renderer = "extension" })
    ui.draw(w, {
      { kind = "clear" },
      { kind = "text", row = 0, col = 0, text = "Hello", hl = "Title" },
      { kind = "spans", row = 1, col = 1, spans = { { "ab", "A" }, { "cd" } } },
      { kind = "fill", row = 2, col = 0, width = 3, height = 1, char = "=" },
      { kind = "cursor", row = 1, col = 3 },
    })
    t.eq({
      { kind = "clear" },
      { kind = "text", row = 0, col = 0, text = "Hello", hl = "Title" },
      { kind = "spans", row = 1, col = 1, spans = { { "ab", "A" }, { "cd" } } },
      { kind = "fill", row = 2, col = 0, width = 3, height = 1, char = "=" },
      { kind = "cursor", row = 1, col = 3 },
    }, T.draw_list(w))
    local rows = ui.screen()
    t.eq("Hello", rows[2]:sub(3, 7))
    t.eq("abcd", rows[3]:sub(4, 7))
    t.eq("===", rows[4]:sub(3, 5))
    -- clipped to the window: text past the right edge is cut
    ui.draw(w, { { kind = "text", row = 0, col = 8, text = "overflowing" } })
    rows = ui.screen()
    t.eq("over", rows[2]:sub(11, 14))
    t.eq(" ", rows[2]:sub(15, 15))
    -- back to stock: the buffer is drawn again
    buf.set_lines(b, 0, -1, { "stock text" })
    win.set_config(w, { renderer = "stock" })
    t.eq("stock text", ui.screen()[2]:sub(3, 12))
    win.close(w)
  end)

  t.it("redraws from a render autocmd every frame", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 10, height = 1, renderer = "extension" })
    local frames = 0
    local id = weft.autocmd.create("render", { callback = function()
      frames = frames + 1
      ui.draw(w, { { kind = "text", row = 0, col = 0, text = "frame " .. frames } })
    end })
    ui.redraw()
    t.eq("frame 1", ui.screen()[1]:sub(1, 7))
    ui.redraw()
    t.eq("frame 2", ui.screen()[1]:sub(1, 7))
    weft.autocmd.del(id)
    win.close(w)
  end)

  t.it("validates draw operations", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 5, height = 1, renderer = "extension" })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (text): field 'row' must be an integer, got string)",
      ui.draw, w, { { kind = "text", row = "0", col = 0, text = "x" } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 2: field 'kind' must be \"text\", \"spans\", \"fill\", \"clear\" or \"cursor\")",
      ui.draw, w, { { kind = "clear" }, { kind = "box" } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (text): field 'text' must be a string, got nil)",
      ui.draw, w, { { kind = "text", row = 0, col = 0 } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (clear): unknown field 'row')",
      ui.draw, w, { { kind = "clear", row = 1 } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (table expected, got nil)", ui.draw, w, nil)
    t.eq({}, T.draw_list(w), "a rejected list leaves the old one")
    win.close(w)
  end)

  t.it("reads common ops directly and the rest through the general parser alike", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 8, height = 2, renderer = "extension" })
    local ops = {
      { kind = "clear", hl = "Normal" },
      { kind = "text", row = 0, col = 1, text = "ab", hl = "Title" },
      { kind = "fill", row = 1, col = 0, width = 3, height = 1, char = "-" },
      { kind = "cursor", row = 1, col = 4 },
    }
    local direct = draw_both_ways(w, ops, 1, 5)
    t.eq(4, #direct)
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (fill): width and height must not be negative)",
      ui.draw, w, { { kind = "fill", row = 0, col = 0, width = -1, height = 1 } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (list expected, got a table with non-sequence keys)",
      ui.draw, w, { { kind = "clear" }, x = 1 })
    win.close(w)
  end)

  t.it("reads every field of every kind alike on both paths", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 8, height = 3, renderer = "extension" })
    local ops = {
      { kind = "fill", row = 0, col = 0, width = 8, height = 3 },
      { kind = "fill", row = -(1 << 40), col = 1 << 40, width = 1 << 40, height = 2, char = "é", hl = "Title" },
      { kind = "text", row = 1, col = -2, text = "a\tb\27c 世界", hl = "Comment" },
      { kind = "text", row = 2, col = 0, text = "" },
      { kind = "clear" },
      { kind = "cursor", row = 1 << 50, col = -1 },
    }
    local direct = draw_both_ways(w, ops, 2, 0)
    t.eq(6, #direct)
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (text): field 'row' must be an integer, got number)",
      ui.draw, w, { { kind = "text", row = 0.5, col = 0, text = "x" } })
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 1 (cursor): unknown field 'text')",
      ui.draw, w, { { kind = "cursor", row = 0, col = 0, text = "x" } })
    win.close(w)
  end)

  t.it("keeps each op's highlight when ops repeat and change names", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 8, height = 2, renderer = "extension" })
    local long = string.rep("Group", 10)  -- a long name: Lua does not intern it
    local ops = {
      { kind = "text", row = 0, col = 0, text = "a", hl = "Title" },
      { kind = "text", row = 0, col = 1, text = "b", hl = "Title" },
      { kind = "text", row = 0, col = 2, text = "c", hl = "Comment" },
      { kind = "text", row = 0, col = 3, text = "d", hl = long },
      { kind = "text", row = 0, col = 4, text = "e", hl = string.rep("Group", 10) },
      { kind = "text", row = 0, col = 5, text = "f", hl = "Title" },
      { kind = "text", row = 0, col = 6, text = "g" },
    }
    draw_both_ways(w, ops, 1, 0)
    t.raises_eq("bad argument #2 to 'weft.ui.draw' (op 2 (text): field 'hl' must be a string, got number)",
      ui.draw, w, { { kind = "text", row = 0, col = 0, text = "a", hl = "Title" },
                    { kind = "text", row = 0, col = 1, text = "b", hl = 3 } })
    win.close(w)
  end)

  t.it("raises without a UI for screen, and quits through the UI", function()
    T.detach_ui()
    t.raises_eq("weft.ui.screen: no UI attached", ui.screen)
    t.raises_eq("weft.quit: no UI attached", weft.quit, 3)
    T.attach_ui()
    weft.quit(3)
    t.eq(3, T.quit_code())
  end)
end)

t.describe("hostile input", function()
  t.it("huge and negative coordinates never crash the renderer", function()
    local w = win.open(buf.create{}, { relative = "editor", row = 0, col = 0, width = 6, height = 2, renderer = "extension" })
    ui.draw(w, {
      { kind = "fill", row = math.mininteger, col = -(1 << 62), width = math.maxinteger, height = 1 << 62, char = "#" },
      { kind = "text", row = math.maxinteger, col = math.maxinteger, text = "far" },
      { kind = "text", row = 0, col = -3, text = "abcdef\27[2J\7" },
      { kind = "cursor", row = math.maxinteger, col = math.mininteger },
    })
    local rows = ui.screen()
    t.eq(12, #rows)
    t.ok(not rows[1]:find("\27", 1, true), "escape sequences are sanitized")
    win.close(w)
  end)

  t.it("huge float geometry is clamped, not a crash", function()
    local w = win.open(buf.create{}, { relative = "editor", row = math.maxinteger, col = math.mininteger, width = 1 << 40, height = 1 << 40 })
    t.eq(12, #ui.screen())
    t.ok(win.get_rect(w))
    win.set_config(w, { row = math.mininteger, width = math.maxinteger, anchor = "SE" })
    t.eq(12, #ui.screen())
    win.close(w)
  end)

  t.it("huge timer delays and timeouts are bounded", function()
    local id = weft.timer.defer(math.maxinteger, function() end)
    t.eq(true, weft.timer.stop(id))
    t.eq(false, weft.wait(1, function() return false end))
    t.raises_match("timeout must be 0 to 3600000 ms", weft.keymap.set_timeout, math.maxinteger)
  end)
end)
