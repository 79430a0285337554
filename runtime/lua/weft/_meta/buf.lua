---@meta

---@class weft.buf
weft.buf = {}

---@class weft.buf.CreateOpts
---@field name? string unique name (for `buf.find`)
---@field scratch? boolean never written to disk
---@field modifiable? boolean default true; false makes edits raise

--- Creates a buffer (one empty line). Fires `buf_new`.
---@param opts? weft.buf.CreateOpts
---@return integer buf
function weft.buf.create(opts) end

--- Every buffer id, in creation order.
---@return integer[]
function weft.buf.list() end

--- The buffer with this name, or nil.
---@param name string
---@return integer|nil buf
function weft.buf.find(name) end

--- Whether `buf` exists.
---@param buf integer
---@return boolean
function weft.buf.valid(buf) end

--- Deletes a buffer, closing its windows and its buffer-local keymaps. Fires `buf_delete`.
---@param buf integer
function weft.buf.delete(buf) end

---@param buf integer
---@return string
function weft.buf.name(buf) end

---@param buf integer
---@return integer
function weft.buf.line_count(buf) end

--- Lines `[start, end_)` (0-based, end-exclusive; negative = count + 1 + i).
---@param buf integer
---@param start integer
---@param end_ integer
---@return string[]
function weft.buf.get_lines(buf, start, end_) end

--- Replaces lines `[start, end_)` with `lines` (no "\n" inside a line).
---@param buf integer
---@param start integer
---@param end_ integer
---@param lines string[]
function weft.buf.set_lines(buf, start, end_, lines) end

--- Text from (start_row, start_col) to (end_row, end_col), end-exclusive, as lines.
---@param buf integer
---@param start_row integer
---@param start_col integer byte column
---@param end_row integer
---@param end_col integer byte column
---@return string[]
function weft.buf.get_text(buf, start_row, start_col, end_row, end_col) end

--- Replaces a text range with `lines` (joined by newlines; `{}` deletes).
---@param buf integer
---@param start_row integer
---@param start_col integer
---@param end_row integer
---@param end_col integer
---@param lines string[]
function weft.buf.set_text(buf, start_row, start_col, end_row, end_col, lines) end

---@param buf integer
---@param key string
---@return any
function weft.buf.get_var(buf, key) end

--- Stores plain data (nil deletes).
---@param buf integer
---@param key string
---@param value any
function weft.buf.set_var(buf, key, value) end

---@class weft.ns
weft.ns = {}

--- The namespace called `name` (same name, same id); no name: a new anonymous one.
---@param name? string
---@return integer ns
function weft.ns.create(name) end

---@class weft.extmark
weft.extmark = {}

---@alias weft.Chunk { [1]: string, [2]: string? } text and optional highlight group

---@class weft.extmark.SetOpts
---@field id? integer reuse (move) this mark
---@field end_row? integer end of the range (default: row)
---@field end_col? integer end column (default 0)
---@field hl? string highlight group over the range
---@field line_hl? string highlight group of the whole line
---@field url? string hyperlink target of the range (OSC 8 where the terminal supports it)
---@field no_wrap? boolean show the line on one row, cut at the window edge (text kept whole)
---@field priority? integer default 4096
---@field virt_text? weft.Chunk[]
---@field virt_text_pos? "eol"|"right_align"|"overlay"|"inline"
---@field virt_lines? weft.Chunk[][]
---@field virt_lines_above? boolean
---@field right_gravity? boolean default true
---@field end_right_gravity? boolean default false

---@class weft.Extmark
---@field id integer
---@field ns integer
---@field row integer
---@field col integer
---@field end_row? integer
---@field end_col? integer
---@field hl? string
---@field line_hl? string
---@field url? string
---@field no_wrap? boolean
---@field priority integer
---@field virt_text? weft.Chunk[]
---@field virt_text_pos? string
---@field virt_lines? weft.Chunk[][]
---@field virt_lines_above? boolean
---@field right_gravity boolean
---@field end_right_gravity? boolean

---@class weft.extmark.ListOpts
---@field limit? integer at most this many marks
---@field overlap? boolean also ranged marks that start before `start` and cover it

--- Creates or moves a mark at (row, col).
---@param buf integer
---@param ns integer
---@param row integer
---@param col integer
---@param opts? weft.extmark.SetOpts
---@return integer id
function weft.extmark.set(buf, ns, row, col, opts) end

---@param buf integer
---@param ns integer
---@param id integer
---@return weft.Extmark|nil
function weft.extmark.get(buf, ns, id) end

--- Marks ordered by position. `start`/`end_` are rows (an end row is
--- exclusive, -1 = to the end) or inclusive `{row, col}` pairs; ns -1 = all.
---@param buf integer
---@param ns integer
---@param start? integer|integer[]
---@param end_? integer|integer[]
---@param opts? weft.extmark.ListOpts
---@return weft.Extmark[]
function weft.extmark.list(buf, ns, start, end_, opts) end

---@param buf integer
---@param ns integer
---@param id integer
---@return boolean deleted
function weft.extmark.del(buf, ns, id) end

--- Deletes the marks of `ns` (-1 = all) starting in rows `[start, end_)`.
---@param buf integer
---@param ns integer
---@param start? integer default 0
---@param end_? integer default -1 (to the end)
---@return integer count
function weft.extmark.clear(buf, ns, start, end_) end

---@class weft.hl
weft.hl = {}

---@class weft.hl.Def
---@field fg? string|integer "#rrggbb", a color name, or 0xRRGGBB
---@field bg? string|integer
---@field sp? string|integer underline color
---@field bold? boolean
---@field italic? boolean
---@field underline? boolean
---@field undercurl? boolean
---@field strikethrough? boolean
---@field reverse? boolean
---@field dim? boolean
---@field link? string follow another group

--- Defines highlight group `name`.
---@param name string
---@param def weft.hl.Def
function weft.hl.set(name, def) end

---@param name string
---@return weft.hl.Def|nil
function weft.hl.get(name) end
