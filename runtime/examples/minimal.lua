-- minimal.lua: a quiet chat.
--
-- Only the transcript and the composer stay on screen as big areas; the
-- status line moves to the top as a one-row title bar; the composer gets a
-- thin single border drawn in a custom colour; the colours are muted.
--
-- Try it:  weft -u runtime/examples/minimal.lua
--
-- Everything here uses public primitives only: weft.win.find to get the
-- stock windows, weft.layout.set to rearrange them, weft.win.set_config for
-- borders and weft.hl.set for colours.

local win, hl = weft.win, weft.hl

-- The stock windows are ordinary windows with names.
local transcript = win.find("transcript")
local composer = win.find("composer")
local status = win.find("status")

-- 1. Colours. Highlight groups are plain names; the stock UI uses ChatStatus
--    for the status line and ChatComposer for the composer's text. Setting a
--    group replaces the stock definition.
hl.set("ChatStatus", { fg = "#c0c0c0", bg = "#202430", bold = true })
hl.set("ChatComposer", { fg = "#e0e0e0" })
hl.set("MinimalBorder", { fg = "#5f87af" })
hl.set("ChatUserBg", { bg = "#1c1c1c" })

-- 2. Borders. The transcript has none (as in the stock UI); the composer gets
--    a single-line box whose characters carry our own highlight group. A
--    border is a style name ("single", "rounded", ...) or 8 characters in the
--    order top-left, top, top-right, right, bottom-right, bottom, bottom-left,
--    left; each may be a {char, hl} pair.
local function b(c) return { c, "MinimalBorder" } end
win.set_config(composer, {
  border = { b("┌"), b("─"), b("┐"), b("│"), b("┘"), b("─"), b("└"), b("│") },
})
win.set_config(transcript, { border = "none" })

-- 3. Layout. The tree lists the windows top to bottom ("col"); a leaf with
--    `size` gets that many rows, `weight` shares what is left. The status line
--    goes to the top. Any tiled window left out of the tree would be hidden.
weft.layout.set({
  kind = "col",
  children = {
    { win = status, size = 1 },
    { win = transcript, weight = 1 },
    { win = composer, size = 3 },
  },
})
