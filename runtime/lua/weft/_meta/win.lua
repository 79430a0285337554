---@meta

---@class weft.win
weft.win = {}

---@alias weft.Border "none"|"single"|"double"|"rounded"|"solid"|(string|{ [1]: string, [2]: string? })[]

---@class weft.win.Options
---@field wrap? boolean soft-wrap long lines (default true)
---@field linebreak? boolean wrap at word boundaries (default true)
---@field breakindent? boolean indent continuation rows (default true)
---@field showbreak? string prefix of continuation rows
---@field tabstop? integer 1 to 32 (default 8)
---@field normal_hl? string highlight group of the window (default "Normal")
---@field cursor_visible? boolean show the cursor when focused (default true)

---@class weft.win.Config
---@field name? string unique name for `win.find`
---@field split? "left"|"right"|"above"|"below" tiled: side of `win` (default "below")
---@field win? integer tiled: the window to split; float: the window `relative = "win"` refers to
---@field size? integer tiled: cells along the split axis
---@field weight? number tiled: share of the container
---@field relative? "editor"|"win"|"cursor" makes a float
---@field row? integer float: row offset of the anchor corner
---@field col? integer float: column offset of the anchor corner
---@field width? integer float: inner width (required for a new float)
---@field height? integer float: inner height (required for a new float)
---@field anchor? "NW"|"NE"|"SW"|"SE"
---@field zindex? integer default 50
---@field border? weft.Border
---@field title? string needs a border on floats
---@field title_pos? "left"|"center"|"right"
---@field footer? string text in the bottom border (needs a border on floats)
---@field footer_pos? "left"|"center"|"right"
---@field focusable? boolean default true
---@field renderer? "stock"|"extension" who draws the window
---@field hidden? boolean
---@field enter? boolean focus the window
---@field options? weft.win.Options

---@class weft.win.ConfigInfo: weft.win.Config
---@field buf integer

---@class weft.win.View
---@field topline? integer first buffer line shown
---@field skip? integer wrapped rows of the top line hidden above the window
---@field follow? boolean keep the view at the tail as lines arrive

---@class weft.Rect
---@field row integer
---@field col integer
---@field width integer
---@field height integer

--- Opens a window on `buf`: a float when `relative` is set, else a tiled split.
---@param buf integer
---@param config? weft.win.Config
---@return integer win
function weft.win.open(buf, config) end

--- Closes a window; the last tiled window only with `force`.
---@param win integer
---@param force? boolean
function weft.win.close(win, force) end

---@return integer[]
function weft.win.list() end

---@return integer|nil win
function weft.win.current() end

---@param win integer
function weft.win.focus(win) end

---@param name string
---@return integer|nil win
function weft.win.find(name) end

---@param win integer
---@return weft.win.ConfigInfo
function weft.win.get_config(win) end

--- Changes a window's config; keys left out are kept. A float given
--- `split`/`size` becomes tiled; a tiled window given float keys floats.
---@param win integer
---@param config weft.win.Config
function weft.win.set_config(win, config) end

---@param win integer
---@return integer buf
function weft.win.get_buf(win) end

---@param win integer
---@param buf integer
function weft.win.set_buf(win, buf) end

---@param win integer
---@return integer row
---@return integer col
function weft.win.get_cursor(win) end

--- Moves the cursor; the row must exist, the column is clamped and snapped to a character.
---@param win integer
---@param row integer
---@param col integer
function weft.win.set_cursor(win, row, col) end

---@param win integer
---@return weft.win.View
function weft.win.get_view(win) end

---@param win integer
---@param view weft.win.View
function weft.win.set_view(win, view) end

--- Scrolls by `rows` lines (negative: up, which also drops `follow`).
---@param win integer
---@param rows integer
---@return integer topline
function weft.win.scroll(win, rows) end

--- Where the window is on screen now (border included), or nil when hidden.
---@param win integer
---@return weft.Rect|nil
function weft.win.get_rect(win) end

---@class weft.win.Selection
---@field mode? "char"|"line"|"block" default "char"
---@field start integer[] `{row, col}` of the first end's character (selected)
---@field end integer[] `{row, col}` of the other end's character (selected)
---@field text? string (get_selection) the selected text, taken from the buffer

--- The window's selection with its text (from the buffer: no wrap breaks,
--- virtual text or borders), or nil when nothing is selected.
---@param win integer
---@return weft.win.Selection|nil
function weft.win.get_selection(win) end

--- Selects (drawn with `Visual`), or clears with nil. Both ends are
--- selected characters, in any order. Fires `selection_changed`.
---@param win integer
---@param range weft.win.Selection|nil
function weft.win.set_selection(win, range) end

---@class weft.layout
weft.layout = {}

---@class weft.layout.Node
---@field kind? "row"|"col" containers: `row` lays children left to right, `col` top to bottom
---@field children? weft.layout.Node[]
---@field win? integer leaves: the window
---@field size? integer cells
---@field weight? number share (default 1)

--- The split tree of tiled windows (floats are not part of it), or nil.
---@return weft.layout.Node|nil
function weft.layout.get() end

--- Replaces the split tree atomically; tiled windows left out are hidden.
--- A bad tree raises and the old layout stays.
---@param tree weft.layout.Node
function weft.layout.set(tree) end

---@class weft.ui
weft.ui = {}

---@class weft.ui.DrawOp
---@field kind "text"|"spans"|"fill"|"clear"|"cursor"
---@field row? integer relative to the window's content area
---@field col? integer
---@field text? string text
---@field spans? weft.Chunk[] spans
---@field width? integer fill
---@field height? integer fill
---@field char? string fill (default " ")
---@field hl? string text, fill, clear

--- The screen size in cells.
---@return integer width
---@return integer height
function weft.ui.size() end

--- Replaces the draw list of an extension window (retained until the next call).
--- Raises on a stock window: set `renderer = "extension"` first.
---@param win integer
---@param ops weft.ui.DrawOp[]
function weft.ui.draw(win, ops) end

--- Display width in cells (wide characters count 2).
---@param s string
---@return integer
function weft.ui.measure(s) end

--- `s` cut to `width` cells, ending in `ellipsis` (default "…") when cut.
---@param s string
---@param width integer
---@param ellipsis? string
---@return string
function weft.ui.truncate(s, width, ellipsis) end

--- `s` wrapped at `width` cells, one string per row.
---@param s string
---@param width integer
---@return string[]
function weft.ui.wrap(s, width) end

--- Asks for a frame now.
function weft.ui.redraw() end

--- The screen as text rows, after a render.
---@return string[] rows
function weft.ui.screen() end

---@class weft.ui.Config
---@field inline? boolean no alternate screen: finished messages go to the terminal's scrollback (init.lua only)

--- The frontend's options.
---@return weft.ui.Config
function weft.ui.get_config() end

--- Sets frontend options; `inline` only before the terminal is entered (init.lua).
---@param config weft.ui.Config
function weft.ui.set_config(config) end

---@class weft.clipboard
weft.clipboard = {}

---@class weft.clipboard.Opts
---@field register? "+"|"*"|"clipboard"|"primary" default "+"

---@class weft.clipboard.Copy
---@field bytes integer UTF-8 bytes of the text
---@field lines integer lines of the text
---@field paths string[] what the text was handed to ("osc52", "xclip", ...)
---@field truncated boolean only a prefix fit the terminal's OSC 52 cap (a warning says so)

--- Copies through OSC 52 and the local tool (wl-copy, xclip, xsel, pbcopy, tmux).
---@param text string
---@param opts? weft.clipboard.Opts
---@return weft.clipboard.Copy
function weft.clipboard.set(text, opts) end

--- Reads the clipboard through the local tool, else what weft copied last.
---@param opts? weft.clipboard.Opts
---@return string
function weft.clipboard.get(opts) end

--- The clipboard paths: `{name=, summary=, limit=, reads=}`.
---@return table[]
function weft.clipboard.paths() end
