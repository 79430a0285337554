-- statusline.lua: the status window drawn by Lua.
--
-- The stock status line is replaced by our own drawing: mode of the chat
-- (idle / streaming / tools / approval / error) with a spinner, the model,
-- tokens in and out, the session and a clock. It is redrawn from chat
-- events, and a timer ticks the clock once a second (and the spinner while
-- a reply streams).
--
-- Try it:  weft -u runtime/examples/statusline.lua
--
-- Primitives used: weft.win.set_config{renderer = "extension"} hands the
-- window to Lua; weft.ui.draw paints it (text, spans, fill); weft.autocmd
-- for the events; weft.timer.every for the clock.

local win, ui = weft.win, weft.ui
local status = win.find("status")

-- From now on the stock renderer leaves this window alone; it shows only
-- what ui.draw last gave it.
win.set_config(status, { renderer = "extension" })

weft.hl.set("SlBase", { fg = "#d0d0d0", bg = "#262626" })
weft.hl.set("SlIdle", { fg = "#000000", bg = "#87af87", bold = true })
weft.hl.set("SlBusy", { fg = "#000000", bg = "#d7af5f", bold = true })
weft.hl.set("SlError", { fg = "#ffffff", bg = "#af0000", bold = true })
weft.hl.set("SlModel", { fg = "#87afd7", bg = "#262626", bold = true })
weft.hl.set("SlDim", { fg = "#808080", bg = "#262626" })

local SPIN = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" }
local S = { frame = 1, spinner = nil, draws = 0 }

local LABEL = {
  idle = { "IDLE", "SlIdle" },
  streaming = { "STREAMING", "SlBusy" },
  running_tools = { "TOOLS", "SlBusy" },
  awaiting_approval = { "APPROVE?", "SlBusy" },
  error = { "ERROR", "SlError" },
}

local function short(n)
  if n >= 10000 then return string.format("%dk", n // 1000) end
  if n >= 1000 then return string.format("%.1fk", n / 1000) end
  return tostring(n)
end

-- Paints the whole line: left part as spans, right part right-aligned.
function S.draw()
  local rect = win.get_rect(status)
  if not rect then return end -- hidden
  local width = rect.width
  local state = weft.chat.state()
  local label = LABEL[state] or { state:upper(), "SlBusy" }
  local text = " " .. label[1] .. " "
  if state ~= "idle" and state ~= "error" then text = " " .. SPIN[S.frame] .. text end
  local p = weft.chat.provider.get()
  local u = weft.chat.usage()
  local right = string.format("↑%s ↓%s  %s ", short(u.input), short(u.output), os.date("%H:%M:%S"))
  local session = weft.chat.session()
  -- The left part gets what the right leaves; what does not fit ends in "…".
  local room = math.max(0, width - ui.measure(right) - 1)
  local left = {}
  for _, span in ipairs({ { text, label[2] }, { " " .. p.model .. " ", "SlModel" }, { p.name, "SlDim" },
                          { session and ("  " .. session) or "", "SlDim" } }) do
    if room <= 0 then break end
    local piece = ui.truncate(span[1], room)
    left[#left + 1] = { piece, span[2] }
    room = room - ui.measure(piece)
  end
  local ops = {
    { kind = "fill", row = 0, col = 0, width = width, height = 1, char = " ", hl = "SlBase" },
    { kind = "spans", row = 0, col = 0, spans = left },
    { kind = "text", row = 0, col = math.max(0, width - ui.measure(right)), text = right, hl = "SlBase" },
  }
  ui.draw(status, ops)
  S.draws = S.draws + 1
end

local function start_spinner()
  if S.spinner then return end
  S.spinner = weft.timer.every(100, function()
    S.frame = S.frame % #SPIN + 1
    S.draw()
  end)
end

local function stop_spinner()
  if S.spinner then weft.timer.stop(S.spinner) end
  S.spinner = nil
end

-- Redraw on every chat event that changes what we show.
weft.autocmd.create({ "prompt_submit", "model_request", "tool_start", "tool_approval" }, {
  desc = "statusline: busy", callback = function() start_spinner(); weft.schedule(S.draw) end })
weft.autocmd.create({ "model_delta", "tool_end", "session_load", "resize", "layout_changed" }, {
  desc = "statusline: redraw", callback = function() S.draw() end })
weft.autocmd.create({ "prompt_done", "provider_error" }, {
  desc = "statusline: idle", callback = function() stop_spinner(); weft.schedule(S.draw) end })

-- The clock: one wake-up a second.
S.clock = weft.timer.every(1000, S.draw)

S.draw()
_G.statusline = S
