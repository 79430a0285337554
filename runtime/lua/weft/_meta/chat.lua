---@meta

--- The chat layer's table. It exists when weft runs with the stock chat UI
--- (always, except in programs that embed only the kernel).
---@class weft.chat
weft.chat = {}

---@class weft.chat.Message
---@field role "user"|"assistant"|"tool"|"system"
---@field text string the message text (errors and notices included)
---@field thinking? string the model's reasoning, if any
---@field tools? weft.chat.ToolCall[] the tool calls of an assistant message

---@class weft.chat.ToolCall
---@field id string
---@field name string
---@field arguments string JSON text
---@field status "running"|"ok"|"error"|"denied"
---@field output string
---@field diff? string for a file change: the change as a unified diff

--- Sends a prompt (queued while a reply streams). Fires `prompt_submit`.
---@param text string
function weft.chat.submit(text) end

--- Stops the reply in progress; the partial text stays, marked interrupted.
function weft.chat.interrupt() end

--- Inside a `prompt_submit` handler: replaces the text that will be sent.
---@param text string
function weft.chat.set_prompt(text) end

---@class weft.chat.RequestMessage
---@field role "system"|"user"|"assistant"|"tool"
---@field content string
---@field tool_calls? { id: string, name: string, arguments: string }[]
---@field tool_call_id? string required for role "tool"

--- Inside a `model_request` handler: replaces the messages sent to the model
--- (`ev.data.messages` edited or a new list). Errors name the bad field.
---@param messages weft.chat.RequestMessage[]
function weft.chat.set_request(messages) end

--- Inside a `tool_approval` handler that returns true: decides for the call.
---@param decision "allow"|"deny"|"always"
function weft.chat.approve(decision) end

--- The conversation as plain tables, oldest first.
---@return weft.chat.Message[]
function weft.chat.messages() end

--- "idle", "streaming", "running_tools", "awaiting_approval" or "error".
---@return string
function weft.chat.state() end

--- Tokens used so far in this conversation.
---@return {input: integer, output: integer}
function weft.chat.usage() end

--- The id of the current session file, or nil before the first message.
---@return string?
function weft.chat.session() end

--- Like `/compact`: asks the model for a summary of the conversation and
--- continues with it in place of the older messages (the session file keeps
--- them all). Fires `compact` first (a handler returning true cancels).
---@param instructions? string extra instructions for the summary
---@return boolean started false when busy, with nothing to compact, or cancelled
function weft.chat.compact(instructions) end

--- Saved sessions, newest first. Print mode's sessions (`weft -p`) are
--- left out unless `opts.all` is true.
---@param opts? {all?: boolean}
---@return {id: string, title: string, messages: integer, modified: number, print: boolean, cwd: string?}[]
function weft.chat.sessions(opts) end

--- Loads a saved session into the transcript. Fires `session_load`.
---@param id string
function weft.chat.open(id) end

--- Starts a new, empty conversation.
function weft.chat.new() end

---@class weft.chat.tool
weft.chat.tool = {}

---@class weft.chat.ToolSpec
---@field name string
---@field description? string
---@field parameters? table JSON schema of the arguments object
---@field needs_approval? boolean ask before running (policy "ask")
---@field run fun(args: table): string, boolean? returns the output and, optionally, true for an error

--- Adds a tool the model may call (runs on the main loop, under the time budget).
---@param spec weft.chat.ToolSpec
function weft.chat.tool.register(spec) end

--- Every tool with its approval policy.
---@return {name: string, description: string, needs_approval: boolean, policy: "ask"|"allow"|"deny"}[]
function weft.chat.tool.list() end

--- Sets a tool's approval policy.
---@param name string
---@param policy "ask"|"allow"|"deny"
function weft.chat.tool.policy(name, policy) end

---@class weft.chat.provider
weft.chat.provider = {}

--- The active provider: name, model, context_window (the model's window in
--- tokens, see docs/providers.md) and for openai and anthropic base_url,
--- api_key_set, max_tokens: the reply limit sent, 0 for none.
---@return table
function weft.chat.provider.get() end

--- Switches provider: `{name="mock", model=, tokens_per_second=}` or
--- `{name="openai", model=, base_url=, api_key=, max_tokens=}` (max_tokens: the
--- longest reply in tokens; default per model, 0 for the server's default) or
--- `{name="anthropic", model=, base_url=, api_key=, max_tokens=, thinking_budget=,
--- prompt_caching=}` (max_tokens is required by the API: 0 or none is the model's default).
--- Any of them may carry `context_window`: the window in tokens for a model
--- that neither its server nor weft's table of known models describes.
---@param spec table
function weft.chat.provider.set(spec) end

---@class weft.chat.Config
---@field copy_on_select? boolean copy a mouse selection of the transcript on release (default true)
---@field auto_compact? number|boolean compact before a request would take more than this share of the context window (default 0.85, `--auto-compact`); false or 0: never, true: the default

--- The chat UI's options.
---@return weft.chat.Config
function weft.chat.get_config() end

--- Sets chat UI options.
---@param config weft.chat.Config
function weft.chat.set_config(config) end
--- The permission mode: "ask" (edits and commands ask), "edits" (edits inside
--- the project run without asking), "read-only" (no edits, no commands) or
--- "yolo" (everything runs; edits outside the project still ask). With a
--- name, sets it first (fires `permission_mode`).
---@param mode? "ask"|"edits"|"read-only"|"yolo"
---@return "ask"|"edits"|"read-only"|"yolo"
function weft.chat.permission_mode(mode) end

---@class weft.chat.Checkpoint
---@field turn integer the prompt (1 for the first) whose reply changed the files
---@field files string[] the files changed, as absolute paths
---@field undone boolean
---@field time number when the first change was made (seconds since 1970)
---@field prompt? string the prompt's text

--- The turns whose replies changed files, oldest first.
---@return weft.chat.Checkpoint[]
function weft.chat.checkpoints() end

---@class weft.chat.Restore
---@field restored string[] files put back
---@field kept string[] files left alone: changed since weft wrote them (pass force to overwrite)
---@field failed table<string, string> files that could not be restored, with the reason
---@field turns integer[] the turns undone

--- Restores the files the newest not yet undone turn changed, byte for byte
--- (like `/undo`; again: the turn before). Files changed since weft wrote them
--- are kept unless `opts.force`. Nil when there is nothing to undo; an error
--- while the chat is busy. Fires `undo`.
---@param opts? {force?: boolean}
---@return weft.chat.Restore?
function weft.chat.undo(opts) end

---@class weft.chat.Rewind: weft.chat.Restore
---@field prompt string the prompt rewound to
---@field session? string the new session
---@field previous_session? string the session left (its file is kept)

--- Like `/rewind`: restores the files changed by prompt `turn` and every later
--- one, and continues the conversation before that prompt in a new session.
--- Fires `rewind`.
---@param turn integer
---@param opts? {force?: boolean}
---@return weft.chat.Rewind
function weft.chat.rewind(turn, opts) end

---@class weft.chat.Instructions
---@field path string
---@field size integer bytes on disk
---@field truncated boolean only the first part is in the prompt
---@field user boolean the user's own file ($XDG_CONFIG_HOME/weft/AGENTS.md)
---@field text string what the prompt holds

--- The AGENTS.md files in the system prompt, in prompt order.
---@return weft.chat.Instructions[]
function weft.chat.instructions() end

---@class weft.chat.diff
weft.chat.diff = {}

--- A unified diff from `old` (nil: a new file) to `new`, with `opts.context`
--- lines of context (default 3) and `opts.path` in the headers.
---@param old string?
---@param new string
---@param opts? {context?: integer, path?: string}
---@return string
function weft.chat.diff.unified(old, new, opts) end

--- Shows a unified diff in buffer `buf`: line numbers, signs, DiffAdd /
--- DiffDelete / DiffContext rows and DiffAddText / DiffDeleteText on the
--- changed words, as extmarks in the "diff" namespace. Returns the line count.
---@param buf integer
---@param diff string
---@return integer
function weft.chat.diff.render(buf, diff) end

weft.chat.mcp = {}

---@class weft.chat.McpServer
---@field name string the server's name
---@field state "starting"|"ready"|"failed"|"exited"|"stopped"
---@field source "user"|"project"|"flag"|"lua" where its entry came from
---@field transport? "stdio"|"http" (nil for an unusable entry)
---@field target string the command line or URL
---@field tools string[] the model's names of its tools (`mcp__SERVER__TOOL`)
---@field error? string the last error

--- The MCP servers in the order they were added, with their state.
---@return weft.chat.McpServer[]
function weft.chat.mcp.list() end

---@class weft.chat.McpConfig
---@field command? string a stdio server's program (with args, env, cwd)
---@field args? string[]
---@field env? table<string, string> added to weft's environment
---@field cwd? string
---@field url? string a streamable HTTP server's URL (with headers)
---@field headers? table<string, string>

--- Adds (or replaces) a server and starts it in the background; its tools
--- appear as `mcp__NAME__TOOL` once it is ready.
---@param name string letters, digits, - and _ (no __), at most 32
---@param config weft.chat.McpConfig
function weft.chat.mcp.add(name, config) end

--- Stops a server and removes its tools; false if there was none.
---@param name string
---@return boolean
function weft.chat.mcp.remove(name) end
