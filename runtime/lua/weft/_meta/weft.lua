---@meta
-- LuaLS annotations for the `weft` module (also `require("weft")`).
-- Conventions: rows and columns are 0-based, ranges end-exclusive, a
-- negative row index means `count + 1 + i` (-1 = past the last line);
-- columns are UTF-8 byte offsets; buffer and window id 0 means "current".
-- Every function raises `bad argument #N to 'weft.x.y' (...)` on bad input.
-- Keep in step with Sources/LuaAPI/Bindings (a test checks both ways).

---@class weft
weft = {}

---@alias weft.Level "debug"|"info"|"warn"|"error"

--- Runs `fn` on the next loop iteration (after the current handler returns).
---@param fn fun()
---@return integer timer_id
function weft.schedule(fn) end

--- Runs the main loop until `condition()` returns a truthy value or `ms`
--- milliseconds pass. The caller's time budget is paused while waiting.
---@param ms integer
---@param condition? fun(): any
---@return boolean satisfied
function weft.wait(ms, condition) end

--- Shows a message in the message area (and writes it to the log).
---@param msg string
---@param level? weft.Level default "info"
function weft.notify(msg, level) end

--- A standard directory: `$XDG_CONFIG_HOME/weft`, `$XDG_STATE_HOME/weft`,
--- `$XDG_DATA_HOME/weft`, or weft's runtime directory.
---@param kind "config"|"state"|"data"|"runtime"
---@return string path
function weft.stdpath(kind) end

--- Ends weft with exit status `code` (default 0).
---@param code? integer
function weft.quit(code) end

--- Sets the time budget of handlers in milliseconds (default 2000, 0 = none).
--- A handler running longer is aborted with an error naming it.
---@param ms integer
function weft.set_budget(ms) end

return weft
