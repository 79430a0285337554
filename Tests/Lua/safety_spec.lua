local t = require("helpers")

-- Runaway handlers are aborted within the budget (here 200 ms) and the UI
-- keeps working; failures never stop the next handler.
weft.set_budget(200)

local function last_message()
  local m = T.messages()
  return m[#m] and m[#m].text or ""
end

t.describe("time budget", function()
  t.it("aborts a runaway keymap handler and names it", function()
    weft.keymap.set("normal", "<F9>", function() while true do end end, { desc = "spin" })
    local start = os.clock()
    weft.input.feed("<F9>")
    local took = os.clock() - start
    t.ok(took < 1.0, "aborted after " .. took .. " s")
    local msg = last_message()
    t.ok(msg:find("exceeded its time budget (200 ms)", 1, true), msg)
    t.ok(msg:find("keymap normal <F9>", 1, true), msg)
    t.ok(msg:find("safety_spec.lua", 1, true), msg)
  end)

  t.it("keeps the UI and the loop working afterwards", function()
    local hits = 0
    weft.keymap.set("normal", "<F10>", function() hits = hits + 1 end)
    weft.input.feed("<F10>")
    t.eq(1, hits)
    local fired = false
    weft.timer.defer(1, function() fired = true end)
    t.eq(true, weft.wait(1000, function() return fired end))
    weft.buf.set_lines(0, 0, -1, { "still alive" })
    t.eq("still alive", weft.ui.screen()[1]:sub(1, 11))
  end)

  t.it("aborts a runaway autocmd and still runs the next handler", function()
    local ran = false
    weft.autocmd.create("UserSpin", { priority = 9, desc = "spinner", callback = function() while true do end end })
    weft.autocmd.create("UserSpin", { callback = function() ran = true end })
    local start = os.clock()
    weft.autocmd.emit("UserSpin")
    t.ok(os.clock() - start < 1.0)
    t.eq(true, ran)
    local msg = last_message()
    t.ok(msg:find("spinner", 1, true), msg)
    t.ok(msg:find("exceeded its time budget", 1, true), msg)
  end)

  t.it("aborts a runaway timer", function()
    local after = false
    weft.timer.defer(0, function() while true do end end)
    weft.timer.defer(5, function() after = true end)
    t.eq(true, weft.wait(3000, function() return after end))
    t.ok(last_message():find("exceeded its time budget", 1, true))
  end)

  t.it("a runaway command raises to its caller", function()
    weft.cmd.create("Spin", function() while true do end end)
    t.raises_match("command 'Spin'", weft.cmd.run, "Spin")
  end)

  t.it("does not charge time spent in weft.wait to the handler", function()
    local done = false
    weft.autocmd.create("UserWaits", { callback = function()
      weft.wait(300)
      done = true
    end })
    local before = #T.messages()
    weft.autocmd.emit("UserWaits")
    t.eq(true, done)
    t.eq(before, #T.messages())
  end)

  t.it("a pcall inside the handler cannot swallow the abort forever", function()
    weft.keymap.set("normal", "<F11>", function()
      while true do pcall(function() while true do end end) end
    end)
    local start = os.clock()
    weft.input.feed("<F11>")
    t.ok(os.clock() - start < 2.0, "took " .. (os.clock() - start))
  end)
end)

t.describe("failure isolation", function()
  t.it("an error in one handler does not stop the next", function()
    local seen = {}
    weft.autocmd.create("UserChain", { priority = 3, callback = function() seen[#seen + 1] = 3 end })
    weft.autocmd.create("UserChain", { priority = 2, callback = function() error({ "not a string" }) end })
    weft.autocmd.create("UserChain", { priority = 1, callback = function() seen[#seen + 1] = 1 end })
    weft.autocmd.emit("UserChain")
    t.eq({ 3, 1 }, seen)
    t.ok(last_message():find("error object is a table value", 1, true), last_message())
  end)
end)
