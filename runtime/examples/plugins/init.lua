-- plugins/init.lua: tools from an external process.
--
-- A process plugin is any program that speaks JSON lines on stdin/stdout
-- (the protocol is in docs/plugins.md). This config starts one, the Python
-- script word_count.py next to this file, with weft.job.start; when the
-- plugin says hello with its list of tools, each is registered with
-- weft.chat.tool.register so the model can call it. A call is written to
-- the plugin's stdin and the tool waits (weft.wait runs the loop meanwhile,
-- so the UI stays live) until the answer with the same id comes back.
--
-- Try it:  weft -u runtime/examples/plugins/init.lua   then  /plugins
--
-- Copy the folder to ~/.config/weft/ and add your own plugins with
-- plugins.start{name = ..., cmd = {...}}.

local plugins = { list = {}, timeout_ms = 10000 }

-- This file's folder, to find word_count.py.
local here = debug.getinfo(1, "S").source:gsub("^@", ""):match("^(.*)/[^/]*$") or "."

local function log(p, level, msg)
  weft.log[level == "warn" and "warn" or level == "error" and "error" or "info"]("plugin " .. p.name .. ": " .. msg)
  if level == "warn" or level == "error" then weft.notify("plugin " .. p.name .. ": " .. msg, level) end
end

-- Sends one request and waits for its answer. Returns the decoded reply
-- (a table with `result` or `error`), or nil and a reason.
function plugins.request(p, msg)
  if not p.job then return nil, "plugin " .. p.name .. " is not running" end
  p.next_id = p.next_id + 1
  msg.id = p.next_id
  p.job:write(weft.json.encode(msg) .. "\n")
  local ok = weft.wait(plugins.timeout_ms, function() return p.replies[msg.id] ~= nil or p.job == nil end)
  local reply = p.replies[msg.id]
  p.replies[msg.id] = nil
  if not ok or not reply then
    return nil, p.job and ("plugin " .. p.name .. " did not answer within " .. plugins.timeout_ms .. " ms")
      or ("plugin " .. p.name .. " exited")
  end
  return reply
end

-- Calls a tool of plugin `p`: returns output, is_error (what a tool's run returns).
function plugins.call(p, tool, args)
  local reply, why = plugins.request(p, { method = "call", tool = tool, arguments = args or {} })
  if not reply then return why, true end
  if reply.error then return tool .. ": " .. tostring(reply.error), true end
  local r = reply.result or {}
  return tostring(r.output or ""), r.is_error == true
end

-- The plugin introduced itself: register its tools with the chat.
local function hello(p, msg)
  p.version = msg.version
  p.tools = {}
  for _, spec in ipairs(msg.tools or {}) do
    local name = spec.name
    weft.chat.tool.register({
      name = name,
      description = spec.description or "",
      parameters = spec.parameters,
      needs_approval = spec.needs_approval == true,
      run = function(args) return plugins.call(p, name, args) end,
    })
    p.tools[#p.tools + 1] = name
  end
  log(p, "info", "ready with tools: " .. table.concat(p.tools, ", "))
end

local function on_line(p, line)
  local ok, msg = pcall(weft.json.decode, line)
  if not ok or type(msg) ~= "table" then return log(p, "warn", "not JSON: " .. line) end
  if msg.type == "hello" then return hello(p, msg) end
  if msg.type == "log" then return log(p, msg.level or "info", tostring(msg.message)) end
  if msg.id ~= nil then p.replies[msg.id] = msg end
end

--- Starts a plugin: `spec = {name = "x", cmd = {"prog", "arg"}, cwd = ?, env = ?}`.
function plugins.start(spec)
  local p = { name = spec.name, next_id = 0, replies = {}, tools = {} }
  plugins.list[p.name] = p
  local ok, job = pcall(weft.job.start, {
    cmd = spec.cmd, cwd = spec.cwd, env = spec.env,
    on_stdout = function(_, line) on_line(p, line) end,
    on_stderr = function(_, line) log(p, "warn", line) end,
    on_exit = function(_, code, signal)
      p.job = nil
      p.exit = { code = code, signal = signal }
      if code ~= 0 or signal ~= 0 then log(p, "warn", "exited (code " .. code .. ", signal " .. signal .. ")") end
    end,
  })
  if ok then p.job = job else log(p, "warn", "could not start: " .. tostring(job)) end
  return p
end

--- Stops a plugin: closing stdin asks it to exit.
function plugins.stop(name)
  local p = plugins.list[name]
  if p and p.job then p.job:close_stdin() end
end

plugins.start({ name = "word_count", cmd = { os.getenv("WEFT_PYTHON") or "python3", here .. "/word_count.py" } })

weft.cmd.create("plugins", function()
  local lines = {}
  for name, p in pairs(plugins.list) do
    local state = p.job and ("running, pid " .. p.job.pid) or "stopped"
    lines[#lines + 1] = name .. " (" .. state .. "): " .. (#p.tools > 0 and table.concat(p.tools, ", ") or "no tools yet")
  end
  weft.notify(#lines > 0 and table.concat(lines, "; ") or "no plugins")
end, { desc = "list process plugins and their tools" })

weft.autocmd.create("shutdown", { desc = "plugins: stop", callback = function()
  for name in pairs(plugins.list) do plugins.stop(name) end
end })

_G.plugins = plugins
return plugins
