local t = require("helpers")
local au = weft.autocmd

t.describe("weft.autocmd", function()
  t.it("runs handlers by priority, then registration order", function()
    local order = {}
    au.create("UserA", { priority = 1, callback = function() order[#order + 1] = "p1" end })
    au.create("UserA", { priority = 10, callback = function() order[#order + 1] = "p10" end })
    au.create("UserA", { priority = 1, callback = function() order[#order + 1] = "p1b" end })
    au.emit("UserA")
    t.eq({ "p10", "p1", "p1b" }, order)
  end)

  t.it("passes {id, event, data, buf, win}", function()
    local got
    local id = au.create({ "UserB", "UserC" }, { callback = function(ev) got = ev end })
    au.emit("UserC", { x = 1, list = { "a" } })
    t.eq({ id = id, event = "UserC", data = { x = 1, list = { "a" } } }, got)
    weft.buf.create{ name = "evbuf" }
    local seen
    au.create("buf_new", { once = true, callback = function(ev) seen = ev end })
    local b = weft.buf.create{ name = "evbuf2" }
    t.eq(b, seen.buf)
    t.eq("evbuf2", seen.match)
  end)

  t.it("once handlers run once", function()
    local n = 0
    au.create("UserOnce", { once = true, callback = function() n = n + 1 end })
    au.emit("UserOnce")
    au.emit("UserOnce")
    t.eq(1, n)
    t.eq({}, au.list("UserOnce"))
  end)

  t.it("a handler returning true consumes the event", function()
    local later = false
    au.create("UserConsume", { priority = 5, callback = function() return true end })
    au.create("UserConsume", { callback = function() later = true end })
    t.eq(true, au.emit("UserConsume"))
    t.eq(false, later)
    t.eq(false, au.emit("NobodyListens"))
  end)

  t.it("matches patterns against the subject", function()
    local names = {}
    au.create("buf_new", { pattern = "*.md", callback = function(ev) names[#names + 1] = ev.match end })
    weft.buf.create{ name = "a.md" }
    weft.buf.create{ name = "b.txt" }
    t.eq({ "a.md" }, names)
  end)

  t.it("groups: clear removes the group's handlers", function()
    local n = 0
    t.eq("mygroup", au.group("mygroup"))
    au.create("UserG", { group = "mygroup", callback = function() n = n + 1 end })
    au.create("UserG", { group = "mygroup", callback = function() n = n + 1 end })
    au.emit("UserG")
    t.eq(2, n)
    au.group("mygroup", { clear = true })
    au.emit("UserG")
    t.eq(2, n)
    t.raises_eq("weft.autocmd.create: unknown autocmd group 'nogroup' (create it with autocmd.group first)",
      au.create, "UserG", { group = "nogroup", callback = function() end })
  end)

  t.it("deletes by id and lists with desc and owner", function()
    local id = au.create("UserL", { desc = "listed", pattern = "x*", callback = function() end })
    local l = au.list("UserL")
    t.eq(1, #l)
    t.eq({ id, "UserL", "listed", "x*", 0, false }, { l[1].id, l[1].event, l[1].desc, l[1].pattern, l[1].priority, l[1].once })
    t.ok(l[1].owner:find("autocmd_spec.lua", 1, true))
    au.del(id)
    t.eq({}, au.list("UserL"))
    t.raises_eq("weft.autocmd.del: no autocmd with id " .. id, au.del, id)
  end)

  t.it("a failing handler is reported and does not stop the next", function()
    local before = #T.messages()
    local ran = false
    au.create("UserFail", { priority = 2, desc = "bad one", callback = function() error("kaput") end })
    au.create("UserFail", { priority = 1, callback = function() ran = true end })
    au.emit("UserFail")
    t.eq(true, ran)
    local msgs = T.messages()
    t.eq(before + 1, #msgs)
    t.ok(msgs[#msgs].text:find("bad one", 1, true), msgs[#msgs].text)
    t.ok(msgs[#msgs].text:find("kaput", 1, true))
    t.ok(msgs[#msgs].text:find("autocmd_spec.lua", 1, true), "names the owner")
  end)

  t.it("validates arguments", function()
    t.raises_eq("bad argument #2 to 'weft.autocmd.create' (field 'callback': function expected, got nil)",
      au.create, "X", {})
    t.raises_eq("bad argument #2 to 'weft.autocmd.create' (table expected, got no value)", au.create, "X")
    t.raises_eq("bad argument #1 to 'weft.autocmd.create' (element 1 must be a string, got number)",
      au.create, { 1 }, { callback = print })
    t.raises_eq("bad argument #2 to 'weft.autocmd.create' (field 'callback': function expected, got string)",
      au.create, "X", { callback = "nope" })
    t.raises_eq("weft.autocmd.create: autocmd needs at least one event", au.create, {}, { callback = print })
  end)
end)

t.describe("weft.cmd", function()
  t.it("creates and runs a command with args, fargs and bang", function()
    local got
    weft.cmd.create("Greet", function(a) got = a end, { nargs = "*", desc = "say hi" })
    weft.cmd.run("Greet! big  world")
    t.eq({ name = "Greet", args = "big  world", fargs = { "big", "world" }, bang = true }, got)
    weft.cmd.run(":Greet")
    t.eq({ name = "Greet", args = "", fargs = {}, bang = false }, got)
  end)

  t.it("checks nargs", function()
    weft.cmd.create("One", function() end, { nargs = 1 })
    t.raises_eq("weft.cmd.run: command 'One' requires an argument", weft.cmd.run, "One")
    weft.cmd.create("Zero", function() end)
    t.raises_eq("weft.cmd.run: command 'Zero' takes no arguments", weft.cmd.run, "Zero x")
    t.raises_match("field 'nargs'", weft.cmd.create, "Bad", function() end, { nargs = "2" })
  end)

  t.it("lists, completes and deletes", function()
    weft.cmd.create("Pick", function() end, { nargs = "?", desc = "pick one",
      complete = function(lead) return { lead .. "1", lead .. "2" } end })
    local found
    for _, c in ipairs(weft.cmd.list()) do if c.name == "Pick" then found = c end end
    t.eq("pick one", found.desc)
    t.eq("?", found.nargs)
    t.ok(found.owner:find("autocmd_spec.lua", 1, true))
    weft.cmd.del("Pick")
    t.raises_eq("weft.cmd.run: unknown command: Pick", weft.cmd.run, "Pick")
    t.raises_eq("weft.cmd.del: unknown command: Pick", weft.cmd.del, "Pick")
  end)

  t.it("propagates a handler error to the caller", function()
    weft.cmd.create("Oops", function() error("cmd failed") end)
    t.raises_match("cmd failed", weft.cmd.run, "Oops")
  end)

  t.it("has the extensions command reporting owners", function()
    local before = #T.messages()
    weft.cmd.run("extensions")
    local msgs = T.messages()
    t.eq(before + 1, #msgs)
    t.ok(msgs[#msgs].text:find("autocmd_spec.lua:", 1, true), msgs[#msgs].text)
    local mine
    for _, r in ipairs(T.report()) do if r.owner:find("autocmd_spec.lua", 1, true) then mine = r end end
    t.ok(mine.commands >= 4)
    t.ok(mine.autocmds >= 5)
    t.ok(mine.lua_ms > 0)
  end)
end)
