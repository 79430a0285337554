-- Headless test of runtime/examples/plugins/init.lua: a Python process
-- plugin speaking JSON lines provides the word_count tool.
local t = dofile("Tests/Lua/examples/lib.lua")
local P = _G.plugins

local function tool(name)
  for _, x in ipairs(weft.chat.tool.list()) do if x.name == name then return x end end
end

t.it("starts the plugin job and registers its tool from the hello line", function()
  t.ok(P, "the config ran")
  local p = P.list.word_count
  t.ok(p and p.job and p.job.pid > 0, "a running job")
  t.wait(10000, function() return tool("word_count") ~= nil end, "word_count registered")
  local w = tool("word_count")
  t.eq("Count the words, lines and characters of a text.", w.description)
  t.eq(false, w.needs_approval)
  t.eq({ "word_count" }, p.tools)
end)

t.it("calls the tool through the process and gets its answer", function()
  local out, is_error = P.call(P.list.word_count, "word_count", { text = "one two three\nfour" })
  t.eq("4 words, 2 lines, 18 characters", out)
  t.eq(false, is_error)
  out = P.call(P.list.word_count, "word_count", { text = "naïve 世界 👍" })
  t.eq("3 words, 1 lines, 10 characters", out)
end)

t.it("reports plugin-side errors as tool errors", function()
  local out, is_error = P.call(P.list.word_count, "word_count", {})
  t.eq("word_count: 'text' must be a string", out)
  t.eq(true, is_error)
  out, is_error = P.call(P.list.word_count, "nope", {})
  t.eq("nope: unknown tool: 'nope'", out)
  t.eq(true, is_error)
end)

t.it("keeps the UI live while a call is in flight (many calls in a row)", function()
  for i = 1, 50 do
    local out = P.call(P.list.word_count, "word_count", { text = string.rep("w ", i) })
    t.eq(i .. " words, 1 lines, " .. (2 * i) .. " characters", out)
  end
  weft.input.feed("still typing")
  t.eq("still typing", t.composer_text())
  weft.input.feed("<C-u>")
end)

t.it("runs inside the chat's tool loop (worker thread -> Lua -> process -> reply)", function()
  -- The mock model only calls the built-in tools, so a plugin-backed tool
  -- takes the place of read_file (what the mock's "read" trigger calls).
  weft.chat.tool.register({ name = "read_file", description = "word count of a path, via the plugin",
    run = function(args) return P.call(P.list.word_count, "word_count", { text = "path " .. tostring(args.path) }) end })
  t.chat("read the readme")
  local msgs = weft.chat.messages()
  local call
  for _, m in ipairs(msgs) do for _, c in ipairs(m.tools or {}) do call = c end end
  t.ok(call, "a tool call in the transcript")
  t.eq("read_file", call.name)
  t.eq("ok", call.status)
  t.eq("2 words, 1 lines, 14 characters", call.output)
end)

t.it("lists the plugin with /plugins", function()
  weft.cmd.run("plugins")
  t.has("word_count (running, pid")
end)

t.it("answers with a clear error once the plugin has exited", function()
  P.stop("word_count")
  t.wait(5000, function() return P.list.word_count.job == nil end, "the job to exit")
  t.eq({ code = 0, signal = 0 }, P.list.word_count.exit)
  local out, is_error = P.call(P.list.word_count, "word_count", { text = "x" })
  t.eq("plugin word_count is not running", out)
  t.eq(true, is_error)
end)

t.it("reports a plugin that cannot start, without breaking the config", function()
  local p = P.start({ name = "missing", cmd = { "/nonexistent/plugin" } })
  t.wait(3000, function() return p.job == nil end, "the failed job to be gone")
  local out, is_error = P.call(p, "x", {})
  t.eq(true, is_error)
  t.ok(out:find("missing", 1, true), out)
end)

t.finish()
