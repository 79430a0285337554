---@meta

---@class weft.keymap
weft.keymap = {}

---@class weft.keymap.SetOpts
---@field buf? integer buffer-local (0 = current buffer)
---@field desc? string
---@field nowait? boolean fire without waiting for longer mappings

---@class weft.keymap.DelOpts
---@field buf? integer

---@class weft.Keymap
---@field mode string
---@field lhs string canonical notation
---@field rhs string "<function>", the keys, or the command line
---@field desc? string
---@field buf? integer
---@field owner? string
---@field nowait boolean

--- Maps `lhs` (Neovim notation, `<leader>` allowed) in `mode` (or several).
--- `rhs` is a function, a command line starting with ":", or keys.
---@param mode string|string[]
---@param lhs string
---@param rhs string|fun()
---@param opts? weft.keymap.SetOpts
function weft.keymap.set(mode, lhs, rhs, opts) end

---@param mode string|string[]
---@param lhs string
---@param opts? weft.keymap.DelOpts
function weft.keymap.del(mode, lhs, opts) end

--- Mappings of `mode`, or of every mode.
---@param mode? string
---@return weft.Keymap[]
function weft.keymap.list(mode) end

--- How long a multi-key prefix waits for the next key (`timeoutlen`, default 1000 ms).
---@param ms integer
function weft.keymap.set_timeout(ms) end

---@class weft.mode
weft.mode = {}

---@return string
function weft.mode.get() end

--- Changes the mode; fires `mode_changed` with `{old, new}`.
---@param name string
function weft.mode.set(name) end

---@class weft.input
weft.input = {}

--- Feeds keys (Neovim notation) as if typed.
---@param keys string
function weft.input.feed(keys) end

---@class weft.input.Mouse
---@field row integer 0-based screen row
---@field col integer 0-based screen column
---@field clicks integer 1, 2 or 3 for a press (single, double, triple click); 0 otherwise

--- The cell of the mouse event being handled (mouse keys carry no position), or nil.
---@return weft.input.Mouse|nil
function weft.input.mouse() end

---@class weft.autocmd
weft.autocmd = {}

--- Every event weft emits (kernel, then chat); any other name is a user event.
---@alias weft.EventName
---| "startup" # once, after config and plugins loaded, before the first frame
---| "shutdown" # once, when weft is about to quit
---| "resize" # {width, height}
---| "key" # {key, mode}, before keymaps; consumable
---| "mouse" # {row, col, key, clicks}, before the mouse key is dispatched; consumable
---| "paste" # {text}, before the mode's paste handler; consumable
---| "mode_changed" # {old, new}
---| "focus_gained"
---| "focus_lost"
---| "buf_new" # {buf}
---| "buf_changed" # {buf, first, last_old, last_new, tick}
---| "buf_delete" # {buf}
---| "win_new" # {win}
---| "win_closed" # {win}
---| "win_enter" # {win}
---| "win_leave" # {win}
---| "layout_changed"
---| "render" # once per frame, before it is composed
---| "tick" # once per main-loop turn that did work
---| "selection_changed" # {win, mode}; mode nil when cleared
---| "prompt_submit" # {text}; consumable
---| "model_request" # {messages, count}; see weft.chat.set_request
---| "model_delta" # {text}
---| "thinking_delta" # {text}
---| "tool_start" # {id, name, arguments}
---| "tool_approval" # {id, name, arguments, diff?, path?}; consumable
---| "tool_end" # {id, name, status, diff?}
---| "prompt_done" # {reason} | {error} | {interrupted}
---| "provider_error" # {message}
---| "session_load" # {id, messages}
---| "permission_mode" # {mode, previous}
---| "undo" # {restored, kept, failed, turns}
---| "rewind" # {restored, kept, failed, turns, session, previous_session}
---| "compact" # {messages, tokens, auto, window?, threshold?, instructions?}; consumable

---@class weft.autocmd.Event
---@field id integer handler id
---@field event string
---@field data any
---@field buf? integer
---@field win? integer
---@field match? string the subject patterns are matched against

---@class weft.autocmd.CreateOpts
---@field callback fun(ev: weft.autocmd.Event): boolean? return true to consume the event
---@field pattern? string glob matched against the event's subject
---@field group? string created with `autocmd.group`
---@field once? boolean
---@field priority? integer higher runs first (default 0)
---@field desc? string

---@class weft.autocmd.GroupOpts
---@field clear? boolean delete the group's handlers

---@class weft.Autocmd
---@field id integer
---@field event string
---@field pattern? string
---@field group? string
---@field once boolean
---@field priority integer
---@field desc? string
---@field owner? string

---@param events weft.EventName|weft.EventName[]|string|string[] any other name is a user event
---@param opts weft.autocmd.CreateOpts
---@return integer id
function weft.autocmd.create(events, opts) end

---@param id integer
function weft.autocmd.del(id) end

---@param name string
---@param opts? weft.autocmd.GroupOpts
---@return string name
function weft.autocmd.group(name, opts) end

--- Runs the handlers of `event`; true when one consumed it.
---@param event weft.EventName|string
---@param data? any
---@return boolean consumed
function weft.autocmd.emit(event, data) end

---@param event? weft.EventName|string
---@return weft.Autocmd[]
function weft.autocmd.list(event) end

---@class weft.cmd
weft.cmd = {}

---@class weft.cmd.Args
---@field name string
---@field args string
---@field fargs string[]
---@field bang boolean

---@class weft.cmd.CreateOpts
---@field desc? string
---@field nargs? "0"|"1"|"?"|"*"|"+"|0|1
---@field complete? fun(lead: string): string[]

---@class weft.Command
---@field name string
---@field nargs string
---@field desc? string
---@field owner? string

---@param name string
---@param fn fun(args: weft.cmd.Args)
---@param opts? weft.cmd.CreateOpts
function weft.cmd.create(name, fn, opts) end

---@param name string
function weft.cmd.del(name) end

--- Runs a command line ("name! args", ":name", "/name").
---@param line string
function weft.cmd.run(line) end

---@return weft.Command[]
function weft.cmd.list() end
