-- sidebar.lua: a session list on the left.
--
-- A new window on the left lists the saved sessions (newest first). It is
-- kept up to date from chat events (prompt_done, session_load). Alt-s moves
-- the focus into it; there j/k (or Up/Down) pick a session, Enter opens it,
-- n starts a new conversation, Esc or q goes back to the composer.
--
-- Try it:  weft -u runtime/examples/sidebar.lua
--
-- Primitives used: weft.buf.create, weft.win.open, weft.layout.set,
-- weft.extmark for the selection, weft.keymap in a mode of our own
-- ("sidebar"), weft.autocmd for chat events, weft.chat.sessions/open/new.

local win, buf = weft.win, weft.buf
local WIDTH = 28

local M = { sessions = {}, selected = 1 }

-- The buffer and window. `focusable` lets win.focus put the cursor there.
M.buf = buf.create({ name = "sidebar", scratch = true })
M.win = win.open(M.buf, { name = "sidebar", split = "left", size = WIDTH,
  options = { wrap = false, cursor_visible = false, normal_hl = "SidebarNormal" } })
M.ns = weft.ns.create("sidebar")

weft.hl.set("SidebarNormal", { fg = "#b0b0b0", bg = "#181818" })
weft.hl.set("SidebarTitle", { fg = "#87afd7", bold = true })
weft.hl.set("SidebarSelected", { fg = "#000000", bg = "#87afd7" })

-- The whole screen: sidebar on the left, the stock column on the right.
weft.layout.set({
  kind = "row",
  children = {
    { win = M.win, size = WIDTH },
    { kind = "col", weight = 1, children = {
      { win = win.find("transcript"), weight = 1 },
      { win = win.find("composer"), size = 3 },
      { win = win.find("status"), size = 1 },
    } },
  },
})

local function focused() return win.current() == M.win end

-- Rewrites the list: a header, then one line per session; the selected one
-- is highlighted when the sidebar has the focus, the open one is marked "●".
function M.render()
  M.sessions = weft.chat.sessions()
  if M.selected > #M.sessions then M.selected = math.max(1, #M.sessions) end
  local current = weft.chat.session()
  local lines = { " Sessions (" .. #M.sessions .. ")" }
  for _, s in ipairs(M.sessions) do
    local mark = s.id == current and "●" or " "
    local title = s.title ~= "" and s.title or s.id
    lines[#lines + 1] = weft.ui.truncate(mark .. " " .. title .. " (" .. s.messages .. ")", WIDTH - 1)
  end
  if #M.sessions == 0 then lines[#lines + 1] = "  (none yet)" end
  lines[#lines + 1] = ""
  lines[#lines + 1] = " Alt-s focus  ⏎ open  n new"
  buf.set_lines(M.buf, 0, -1, lines)
  weft.extmark.clear(M.buf, M.ns, 0, -1)
  weft.extmark.set(M.buf, M.ns, 0, 0, { end_row = 0, end_col = #lines[1], hl = "SidebarTitle" })
  if focused() and #M.sessions > 0 then
    local row = M.selected
    weft.extmark.set(M.buf, M.ns, row, 0, { end_row = row, end_col = #lines[row + 1], hl = "SidebarSelected" })
    win.set_cursor(M.win, row, 0)
  end
end

function M.focus()
  win.focus(M.win)
  weft.mode.set("sidebar")
  M.render()
end

function M.leave()
  win.focus(win.find("composer"))
  weft.mode.set("composer")
  M.render()
end

function M.move(delta)
  if #M.sessions == 0 then return end
  M.selected = (M.selected - 1 + delta) % #M.sessions + 1
  M.render()
end

function M.open()
  local s = M.sessions[M.selected]
  if s then weft.chat.open(s.id) end
  M.leave()
end

-- Keys. Alt-s is added to the stock "composer" mode; the rest live in a mode
-- of our own, active only while the sidebar has the focus.
weft.keymap.set("composer", "<M-s>", M.focus, { desc = "sidebar: focus the session list" })
local keys = {
  { { "j", "<Down>" }, function() M.move(1) end, "next session" },
  { { "k", "<Up>" }, function() M.move(-1) end, "previous session" },
  { { "<CR>", "o" }, M.open, "open the session" },
  { { "n" }, function() weft.chat.new(); M.leave() end, "new conversation" },
  { { "<Esc>", "q", "<M-s>" }, M.leave, "back to the composer" },
}
for _, k in ipairs(keys) do
  for _, lhs in ipairs(k[1]) do weft.keymap.set("sidebar", lhs, k[2], { desc = "sidebar: " .. k[3] }) end
end

-- Keep the list current: after every reply (a session file was written) and
-- whenever a session is opened.
weft.autocmd.create({ "prompt_done", "session_load" }, { desc = "sidebar: refresh", callback = function()
  M.render()
end })

M.render()
_G.sidebar = M -- for tests and for other config code
