---@meta

---@class weft.timer
weft.timer = {}

--- Runs `fn` once after `ms` milliseconds.
---@param ms integer
---@param fn fun()
---@return integer id
function weft.timer.defer(ms, fn) end

--- Runs `fn` every `ms` milliseconds until stopped.
---@param ms integer
---@param fn fun()
---@return integer id
function weft.timer.every(ms, fn) end

--- Stops a timer; false when it already fired or was stopped.
---@param id integer
---@return boolean
function weft.timer.stop(id) end

---@class weft.job
weft.job = {}

---@class weft.job.StartOpts
---@field cmd string[]|string argv, or a shell command line (run by /bin/sh -c)
---@field cwd? string
---@field env? table<string, string> merged over weft's environment
---@field on_stdout? fun(job: weft.Job, line: string)
---@field on_stderr? fun(job: weft.Job, line: string)
---@field on_exit? fun(job: weft.Job, code: integer, signal: integer)

---@class weft.Job
---@field id integer
---@field pid integer
local Job = {}

--- Writes to the job's standard input.
---@param s string
function Job:write(s) end

--- Closes the job's standard input (the process sees end of file).
function Job:close_stdin() end

--- Sends a signal (number or name such as "TERM", "KILL"; default TERM).
---@param signal? integer|string
---@return boolean sent
function Job:kill(signal) end

--- Starts a process with pipes; callbacks get one call per line.
---@param opts weft.job.StartOpts
---@return weft.Job
function weft.job.start(opts) end

---@class weft.log
weft.log = {}

---@param msg string
function weft.log.debug(msg) end

---@param msg string
function weft.log.info(msg) end

---@param msg string
function weft.log.warn(msg) end

---@param msg string
function weft.log.error(msg) end

---@class weft.json
weft.json = {}

--- JSON text of a plain value (an empty table is `[]`); functions, cycles
--- and non-finite numbers raise.
---@param value any
---@return string
function weft.json.encode(value) end

--- Parses JSON (null becomes nil); errors name the byte position.
---@param s string
---@return any
function weft.json.decode(s) end
