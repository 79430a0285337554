---@meta

---@class weft.plugin
weft.plugin = {}

---@class weft.plugin.Registered
---@field keymaps integer
---@field commands integer
---@field autocmds integer
---@field timers integer
---@field jobs integer
---@field highlights integer
---@field windows integer
---@field buffers integer
---@field tools? integer chat tools (with the chat layer)

---@class weft.plugin.Info
---@field name string
---@field kind "plugin"|"config"
---@field source "runtime"|"config"|"user"|"project"|"flag"
---@field path string the folder, or the file
---@field entry string the file that runs (also the owner of what it registers)
---@field state "pending"|"loaded"|"disabled"|"missing"|"error"|"untrusted"|"overridden"
---@field reason? string why it is not loaded ("file:line: message" for an error)
---@field missing? string[] e.g. { "bin rg", "lua lpeg" }
---@field description? string from manifest.lua
---@field loads integer how many times its code ran
---@field lua_ms number cumulative Lua time
---@field registered weft.plugin.Registered

--- Every plugin and config file, in load order.
---@return weft.plugin.Info[]
function weft.plugin.list() end

--- Unloads plugin `name` (everything it registered; its jobs stop; its own
--- modules leave package.loaded) and runs it again. Without a name:
--- init.lua and every plugin.
---@param name? string
---@return boolean ok
---@return string? reason why it is not loaded
function weft.plugin.reload(name) end

--- A table owned by plugin `name` that survives reloads (default: the
--- plugin whose code is running).
---@param name? string
---@return table
function weft.plugin.state(name) end
