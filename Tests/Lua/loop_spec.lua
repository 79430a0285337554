local t = require("helpers")

t.describe("weft.timer and weft.wait", function()
  t.it("defer runs once after the delay", function()
    local n = 0
    local id = weft.timer.defer(20, function() n = n + 1 end)
    t.ok(type(id) == "number")
    t.eq(0, n)
    t.eq(true, weft.wait(1000, function() return n == 1 end))
    weft.wait(40)
    t.eq(1, n)
    t.eq(false, weft.timer.stop(id), "already fired")
  end)

  t.it("every repeats until stopped", function()
    local n = 0
    local id = weft.timer.every(5, function() n = n + 1 end)
    t.wait_for(2000, function() return n >= 3 end, "three ticks")
    t.eq(true, weft.timer.stop(id))
    local seen = n
    weft.wait(30)
    t.eq(seen, n)
  end)

  t.it("wait returns false on timeout and runs the loop meanwhile", function()
    local start = os.clock()
    t.eq(false, weft.wait(30, function() return false end))
    local fired = false
    weft.timer.defer(0, function() fired = true end)
    t.eq(true, weft.wait(500, function() return fired end))
  end)

  t.it("a failing condition raises from wait", function()
    t.raises_match("cond boom", weft.wait, 100, function() error("cond boom") end)
  end)

  t.it("schedule runs on the next loop iteration", function()
    local order = {}
    weft.schedule(function() order[#order + 1] = "scheduled" end)
    order[#order + 1] = "now"
    t.wait_for(500, function() return #order == 2 end)
    t.eq({ "now", "scheduled" }, order)
  end)

  t.it("a failing timer is reported and others keep running", function()
    local before = #T.messages()
    local ok = false
    weft.timer.defer(0, function() error("timer boom") end)
    weft.timer.defer(1, function() ok = true end)
    t.wait_for(500, function() return ok end)
    local msgs = T.messages()
    t.eq(before + 1, #msgs)
    t.ok(msgs[#msgs].text:find("timer boom", 1, true))
    t.ok(msgs[#msgs].text:find("loop_spec.lua", 1, true), "names the owner")
  end)

  t.it("counts live timers per owner", function()
    local id = weft.timer.every(1000, function() end)
    local mine
    for _, r in ipairs(T.report()) do if r.owner:find("loop_spec.lua", 1, true) then mine = r end end
    t.eq(1, mine.timers)
    weft.timer.stop(id)
  end)

  t.it("validates arguments", function()
    t.raises_eq("bad argument #1 to 'weft.timer.every' (interval must be at least 1 ms, got 0)", weft.timer.every, 0, print)
    t.raises_eq("bad argument #2 to 'weft.timer.defer' (function expected, got nil)", weft.timer.defer, 1, nil)
    t.raises_eq("bad argument #1 to 'weft.wait' (timeout must not be negative, got -1)", weft.wait, -1)
    t.raises_eq("bad argument #1 to 'weft.schedule' (function expected, got string)", weft.schedule, "x")
  end)
end)

t.describe("weft.job", function()
  t.it("echoes lines back through cat", function()
    local lines, exit = {}, nil
    local job = weft.job.start{
      cmd = { "cat" },
      on_stdout = function(j, line) lines[#lines + 1] = line end,
      on_exit = function(j, code, signal) exit = { code, signal } end,
    }
    t.ok(job.pid > 0)
    job:write("one\ntwo\n")
    job:write("three\n")
    t.wait_for(3000, function() return #lines == 3 end, "three lines")
    job:close_stdin()
    t.wait_for(3000, function() return exit ~= nil end, "exit")
    t.eq({ "one", "two", "three" }, lines)
    t.eq({ 0, 0 }, exit)
    t.raises_match("is not running", job.write, job, "late\n")
  end)

  t.it("reads stderr, passes env and cwd, and reports exit codes", function()
    local out, err, code = {}, {}, nil
    weft.job.start{
      cmd = "echo \"$GREETING\"; pwd; echo oops >&2; exit 3",
      env = { GREETING = "hi" },
      cwd = "/",
      on_stdout = function(_, l) out[#out + 1] = l end,
      on_stderr = function(_, l) err[#err + 1] = l end,
      on_exit = function(_, c) code = c end,
    }
    t.wait_for(3000, function() return code ~= nil end)
    t.eq({ "hi", "/" }, out)
    t.eq({ "oops" }, err)
    t.eq(3, code)
  end)

  t.it("kills a job", function()
    local sig
    local job = weft.job.start{ cmd = { "sleep", "10" }, on_exit = function(_, code, s) sig = s end }
    t.eq(true, job:kill("KILL"))
    t.wait_for(3000, function() return sig ~= nil end)
    t.eq(9, sig)
  end)

  t.it("counts live jobs per owner", function()
    local job = weft.job.start{ cmd = { "cat" } }
    local mine
    for _, r in ipairs(T.report()) do if r.owner:find("loop_spec.lua", 1, true) then mine = r end end
    t.eq(1, mine.jobs)
    job:close_stdin()
  end)

  t.it("validates arguments", function()
    t.raises_eq("weft.job.start: executable not found in PATH: no-such-program-xyz",
      weft.job.start, { cmd = { "no-such-program-xyz" } })
    t.raises_eq("weft.job.start: cwd is not a directory: /no/such/dir", weft.job.start, { cmd = { "true" }, cwd = "/no/such/dir" })
    t.raises_eq("bad argument #1 to 'weft.job.start' (field 'cmd': every element must be a string)", weft.job.start, { cmd = { 1 } })
    t.raises_eq("bad argument #1 to 'weft.job.start' (field 'on_exit': function expected, got number)",
      weft.job.start, { cmd = { "true" }, on_exit = 1 })
    t.raises_eq("bad argument #1 to 'weft.job.start' (table expected, got string)", weft.job.start, "cat")
  end)
end)
