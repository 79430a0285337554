# MCP servers through weft: a real one (the Python SDK's FastMCP, installed
# into a venv by scripts/test-servers.sh) over stdio and streamable HTTP,
# driven by the mock model's "call mcp__SERVER__TOOL {json}" trigger in
# print mode; and broken ones (garbage on stdout, no handshake, exits at
# once, dies mid-call). Skips, with the reason, when the venv cannot be
# built (no network).

MCP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/mcp"

# with_fastmcp: sets MCP_PY (the venv's python), or returns 2 after saying
# why the tests skip.
with_fastmcp() {
  MCP_PY=$(bash "$MCP_DIR/../../../scripts/test-servers.sh") \
    || { echo "    skipped: the mcp package is not installable here (scripts/test-servers.sh failed)"; return 2; }
}

# mcp_weft CONFIG ARGS...: weft in print mode with only CONFIG's servers,
# in a fresh home; a short handshake timeout.
mcp_weft() {
  local config=$1; shift
  local home; home=$(mktemp -d)
  env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
    WEFT_MCP_TIMEOUT="${WEFT_MCP_TIMEOUT:-20}" timeout 60 "$WEFT_BIN" --clean --mcp-config "$config" "$@"
}

# fastmcp_config FILE TOKEN: a config with the FastMCP server over stdio
# (TOKEN marks its command line, to find its process).
fastmcp_config() {
  cat > "$1" <<JSON
{"mcpServers": {"fast": {"command": "$MCP_PY", "args": ["$MCP_DIR/fastmcp_server.py", "stdio", "$2"],
                         "env": {"WEFT_MCP_MARKER": "m42", "WEFT_MCP_LOG": "$1.log"}}}}
JSON
}

test_mcp_stdio_tool_call_reaches_fastmcp() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d); local token="weft-mcp-$$-$RANDOM"
  fastmcp_config "$dir/mcp.json" "$token"
  local out
  out=$(mcp_weft "$dir/mcp.json" --permission-mode yolo -p 'call mcp__fast__add {"a": 2, "b": 40}' 2>&1)
  echo "$out" | grep -q 'The `mcp__fast__add` tool said: sum=42' || { echo "    got: $out"; return 1; }
  out=$(mcp_weft "$dir/mcp.json" --permission-mode yolo -p 'call mcp__fast__echo {"text": "hi"}' 2>&1)
  echo "$out" | grep -q 'echo: hi (marker=m42)' || { echo "    env not passed; got: $out"; return 1; }
  sleep 0.3
  ! pgrep -f "$token" >/dev/null || { echo "    the server outlived weft"; pkill -f "$token"; return 1; }
}

test_mcp_tools_ask_by_default() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  fastmcp_config "$dir/mcp.json" "weft-mcp-ask-$$"
  local out
  out=$(mcp_weft "$dir/mcp.json" -p 'call mcp__fast__add {"a": 1, "b": 1}' 2>&1)
  echo "$out" | grep -q "denied: mcp__fast__add needs the user's approval" || { echo "    got: $out"; return 1; }
}

test_mcp_http_tool_call_reaches_fastmcp() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$MCP_PY" "$MCP_DIR/fastmcp_server.py" http "$port" >"$dir/log" 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null' RETURN
  local i=0
  until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 100 ] && { echo "    FastMCP did not start: $(tail -3 "$dir/log")"; return 1; }
    sleep 0.1
  done
  echo "{\"mcpServers\": {\"web\": {\"url\": \"http://127.0.0.1:$port/mcp\", \"headers\": {\"X-Weft\": \"1\"}}}}" > "$dir/mcp.json"
  local out
  out=$(mcp_weft "$dir/mcp.json" --permission-mode yolo -p 'call mcp__web__add {"a": 1, "b": 2}' 2>&1)
  echo "$out" | grep -q 'tool said: sum=3' || { echo "    got: $out"; return 1; }
  out=$(mcp_weft "$dir/mcp.json" --permission-mode yolo -p 'call mcp__web__fail' 2>&1)
  echo "$out" | grep -q 'this tool always fails' || { echo "    got: $out"; return 1; }
}

# The server dies in the middle of a call: the model gets the reason (exit
# status, stderr), the reply finishes, the session file keeps the turn.
test_mcp_server_dying_mid_call_is_an_error_result() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  fastmcp_config "$dir/mcp.json" "weft-mcp-crash-$$"
  local home; home=$(mktemp -d)
  local out
  out=$(env -i HOME="$home" XDG_STATE_HOME="$home/state" PATH="$PATH" timeout 60 "$WEFT_BIN" --clean \
        --mcp-config "$dir/mcp.json" --permission-mode yolo -p 'call mcp__fast__crash' 2>&1)
  echo "$out" | grep -q "tool said: mcp server 'fast' exited: exit status 3; stderr: crashing on purpose" \
    || { echo "    got: $out"; return 1; }
  grep -rq "crashing on purpose" "$home/state" || { echo "    the session file lacks the tool result"; return 1; }
}

# Garbage on stdout, no handshake, exit at start, a missing program and a
# bad entry: each is named on stderr with its reason, within the timeout,
# and the prompt is still answered; no server process outlives weft.
test_mcp_broken_servers_are_reported_and_killed() {
  local dir; dir=$(mktemp -d); local token="weft-mcp-broken-$$-$RANDOM"
  cat > "$dir/mcp.json" <<JSON
{"mcpServers": {
  "garbage": {"command": "python3", "args": ["$MCP_DIR/broken_server.py", "garbage", "$token"]},
  "silent": {"command": "python3", "args": ["$MCP_DIR/broken_server.py", "silent", "$token"]},
  "exits": {"command": "python3", "args": ["$MCP_DIR/broken_server.py", "exit", "$token"]},
  "missing": {"command": "/nonexistent/mcp-server"},
  "bad": {"args": ["no command"]}
}}
JSON
  local out start=$SECONDS
  out=$(WEFT_MCP_TIMEOUT=5 mcp_weft "$dir/mcp.json" -p 'hello' 2>&1)
  [ $((SECONDS - start)) -lt 25 ] || { echo "    took $((SECONDS - start)) s"; return 1; }
  for want in "mcp server 'garbage' did not answer its handshake within 5 s (it printed non-JSON on stdout" \
              "mcp server 'silent' did not answer its handshake within 5 s" \
              "mcp server 'exits' exited: exit status 7; stderr: broken_server: cannot start (missing API key)" \
              "mcp server 'missing' could not start: executable not found: /nonexistent/mcp-server" \
              "mcp: server 'bad': needs a command (stdio) or a url (HTTP)" \
              "mock"; do
    echo "$out" | grep -qF "$want" || { echo "    missing: $want"; echo "$out" | sed 's/^/    |/'; return 1; }
  done
  sleep 0.3
  ! pgrep -f "$token" >/dev/null || { echo "    a server outlived weft"; pkill -f "$token"; return 1; }
}

# The terminal UI: /mcp lists the server once ready, /tools shows its tools
# with their policy, a call asks in the approval float and its result shows.
test_mcp_in_the_ui_lists_asks_and_calls() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  fastmcp_config "$dir/mcp.json" "weft-mcp-ui-$$"
  start_weft 120x36 --clean --mcp-config "$dir/mcp.json"
  wait_for "Welcome" || return 1
  local i=0
  while :; do
    literal "/mcp"; keys Enter
    wait_for "MCP servers:" || return 1
    screen | grep -q "fast  ready  6 tools  (flag, stdio)" && break
    i=$((i + 1)); [ "$i" -gt 20 ] && { echo "    never ready"; screen | sed 's/^/    |/'; return 1; }
    sleep 0.5
  done
  literal "/tools"; keys Enter
  wait_line "mcp__fast__add +ask +\[MCP server fast\] Adds two integers." || return 1
  literal 'call mcp__fast__add {"a": 2, "b": 40}'; keys Enter
  wait_for "The model wants to run mcp__fast__add:" 10 || return 1
  wait_for "[y] allow" || return 1
  sleep 0.2
  keys y
  wait_for "tool said: sum=42" 20 || return 1
  # Esc during a slow call: the chat is idle at once and the server is told
  # to stop (its tool sees the cancellation); the server keeps working.
  literal 'call mcp__fast__slow'; keys Enter
  wait_for "The model wants to run mcp__fast__slow" 10 || return 1
  wait_for "[y] allow" || return 1
  sleep 0.2
  keys y
  wait_gone "[y] allow" || return 1
  sleep 1
  keys Escape
  wait_for "(interrupted)" 5 || return 1
  local i=0
  until grep -q cancelled "$dir/mcp.json.log" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 50 ] && { echo "    the server never saw the cancellation"; return 1; }
    sleep 0.1
  done
  literal 'call mcp__fast__echo {"text": "after"}'; keys Enter
  wait_for "The model wants to run mcp__fast__echo" 10 || return 1
  wait_for "[y] allow" || return 1
  sleep 0.2
  keys y
  wait_for "tool said: echo: after" 20 || return 1
}

# A project's .mcp.json waits for trust, asked in the float that asks about
# .weft/: nothing starts before "t"; trusted, its servers start, and the
# same content is not asked about again. Print mode names it on stderr.
test_mcp_project_config_needs_trust() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local project; project=$(mktemp -d)
  mkdir "$project/.git"
  fastmcp_config "$project/.mcp.json" "weft-mcp-trust-$$"
  cd "$project" || return 1
  WEFT_HOME=$(mktemp -d)
  local out
  out=$(env -i HOME="$WEFT_HOME" XDG_CONFIG_HOME="$WEFT_HOME/config" XDG_STATE_HOME="$WEFT_HOME/state" PATH="$PATH" \
        timeout 60 "$WEFT_BIN" -p hello 2>&1 >/dev/null)
  echo "$out" | grep -qF "mcp: skipping untrusted $project/.mcp.json" || { echo "    print mode: $out"; return 1; }
  start_weft 120x36
  wait_for "Trust project config?" || return 1
  wait_for "starts the MCP servers (programs) this project lists:" || return 1
  ! pgrep -f "weft-mcp-trust-$$" >/dev/null || { echo "    started before trust"; return 1; }
  keys t
  wait_gone "Trust project config?" || return 1
  mcp_wait_ready "fast  ready  6 tools  (project, stdio)" || return 1
  stop_weft
  start_weft 120x36
  wait_for "Welcome" || return 1
  mcp_wait_ready "fast  ready  6 tools  (project, stdio)" || return 1
  ! screen | grep -q "Trust project config?" || { echo "    asked again"; return 1; }
}

# mcp_wait_ready LINE: runs /mcp until LINE shows (10 s).
mcp_wait_ready() {
  local i=0
  while :; do
    literal "/mcp"; keys Enter
    wait_for "MCP servers:" || return 1
    screen | grep -qF "$1" && return 0
    i=$((i + 1)); [ "$i" -gt 20 ] && { echo "    never: $1"; screen | sed 's/^/    |/'; return 1; }
    sleep 0.5
  done
}

# weft.chat.mcp from a headless script: add, wait until ready, call a tool
# through the chat, list, remove; bad arguments are clear errors.
test_mcp_lua_add_list_remove() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  cat > "$dir/t.lua" <<LUA
weft.chat.mcp.add("fast", { command = "$MCP_PY", args = { "$MCP_DIR/fastmcp_server.py", "stdio" } })
weft.wait(30000, function() return weft.chat.mcp.list()[1].state ~= "starting" end)
local s = weft.chat.mcp.list()[1]
print(s.name, s.state, s.source, s.transport, #s.tools)
local done
weft.autocmd.create("prompt_done", { callback = function() done = true end })
weft.chat.submit('call mcp__fast__add {"a": 20, "b": 22}')
weft.wait(30000, function() return done end)
local msgs = weft.chat.messages()
print(msgs[#msgs].text)
done = nil
weft.chat.submit('call mcp__fast__grow')
weft.wait(30000, function() return done and #weft.chat.mcp.list()[1].tools == 7 end)
done = nil
weft.chat.submit('call mcp__fast__extra')
weft.wait(30000, function() return done end)
msgs = weft.chat.messages()
print(#weft.chat.mcp.list()[1].tools, msgs[#msgs].text)
print(pcall(weft.chat.mcp.add, "bad name", { command = "x" }))
print(pcall(weft.chat.mcp.add, "nocmd", {}))
print(weft.chat.mcp.remove("fast"), weft.chat.mcp.remove("fast"), #weft.chat.mcp.list())
local names = {}
for _, t in ipairs(weft.chat.tool.list()) do if t.name:find("^mcp__") then names[#names + 1] = t.name end end
print("mcp tools left: " .. #names)
weft.quit(0)
LUA
  local out
  out=$(HOME=$(mktemp -d) timeout 60 "$WEFT_BIN" --clean --headless --permission-mode yolo -l "$dir/t.lua" 2>&1)
  local want
  want=$(printf '%s\n' "fast	ready	lua	stdio	6" "The \`mcp__fast__add\` tool said: sum=42" \
    "7	The \`mcp__fast__extra\` tool said: extra tool here" \
    "false	bad argument #1 to 'weft.chat.mcp.add' (server names use letters, digits, - and _ (no __), at most 32; got 'bad name')" \
    "false	bad argument #2 to 'weft.chat.mcp.add' (mcp: server 'nocmd': needs a command (stdio) or a url (HTTP))" \
    "true	false	0" "mcp tools left: 0")
  [ "$out" = "$want" ] || { echo "    got:"; echo "$out" | sed 's/^/    |/'; return 1; }
}

# An HTTP server nobody listens on: a clear error, and the prompt answered.
test_mcp_http_server_that_is_not_there() {
  local dir; dir=$(mktemp -d)
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "{\"mcpServers\": {\"gone\": {\"url\": \"http://127.0.0.1:$port/mcp\"}}}" > "$dir/mcp.json"
  local out
  out=$(mcp_weft "$dir/mcp.json" -p 'count to 2' 2>&1)
  echo "$out" | grep -qF "mcp server 'gone': http://127.0.0.1:$port/mcp: connection refused" || { echo "    got: $out"; return 1; }
  echo "$out" | grep -qx "2" || { echo "    no reply: $out"; return 1; }
}

# -p --timeout bounds the whole run, the wait for MCP servers included: a
# server that never answers its handshake (20 s allowed) does not keep a
# 1 s run alive; the result says timeout and the server is killed.
test_mcp_print_timeout_covers_server_start_up() {
  local dir; dir=$(mktemp -d); local token="weft-mcp-slow-$$-$RANDOM"
  echo "{\"mcpServers\": {\"slow\": {\"command\": \"python3\", \"args\": [\"$MCP_DIR/broken_server.py\", \"silent\", \"$token\"]}}}" \
    > "$dir/mcp.json"
  local out rc start=$SECONDS
  out=$(WEFT_MCP_TIMEOUT=20 mcp_weft "$dir/mcp.json" -p 'count to 2' --timeout 1 --output-format json 2>"$dir/err"); rc=$?
  [ $rc -eq 4 ] || { echo "    exit $rc: $out $(cat "$dir/err")"; return 1; }
  [ $((SECONDS - start)) -lt 6 ] || { echo "    took $((SECONDS - start)) s"; return 1; }
  echo "$out" | grep -q '"status":"timeout"' || { echo "    got: $out"; return 1; }
  grep -qF "timed out after 1 s (--timeout)" "$dir/err" || { echo "    stderr: $(cat "$dir/err")"; return 1; }
  sleep 0.3
  ! pgrep -f "$token" >/dev/null || { echo "    the server outlived weft"; pkill -f "$token"; return 1; }
}

# weft --health starts each server and names the ready and the failed ones
# (exit 1 when one failed).
test_mcp_health_reports_each_server() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  fastmcp_config "$dir/ok.json" "weft-mcp-health-$$"
  local out
  out=$(mcp_weft "$dir/ok.json" --health 2>&1) || { echo "    exit $?: $out"; return 1; }
  echo "$out" | grep -qx "mcp fast (flag, stdio): ready, 6 tools" || { echo "    got: $out"; return 1; }
  echo '{"mcpServers": {"missing": {"command": "/nonexistent/mcp-server"}}}' > "$dir/bad.json"
  out=$(mcp_weft "$dir/bad.json" --health 2>&1) && { echo "    exit 0 with a failed server"; return 1; }
  echo "$out" | grep -qx "mcp missing (flag, stdio): FAILED: mcp server 'missing' could not start: executable not found: /nonexistent/mcp-server" \
    || { echo "    got: $out"; return 1; }
}

# A plugin's servers belong to it: reloading the plugin stops the old server
# (its process ends) and starts the one it adds again; a reload that adds
# none leaves none.
test_mcp_servers_added_by_a_plugin_go_with_it() {
  with_fastmcp; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d); local token="weft-mcp-plugin-$$-$RANDOM"
  cat > "$dir/mcpplug.lua" <<LUA
weft.chat.mcp.add("fast", { command = "$MCP_PY", args = { "$MCP_DIR/fastmcp_server.py", "stdio", "$token" } })
LUA
  cat > "$dir/t.lua" <<LUA
local function ready() return weft.chat.mcp.list()[1] and weft.chat.mcp.list()[1].state == "ready" end
weft.wait(30000, ready)
local function procs()
  local p = io.popen("pgrep -f [$(echo ${token:0:1})]${token:1} | wc -l"); local n = tonumber(p:read("a")); p:close(); return n
end
print("before", #weft.chat.mcp.list(), procs())
assert(weft.plugin.reload("mcpplug"))
weft.wait(30000, function() return ready() and procs() == 1 end)
print("reloaded", #weft.chat.mcp.list(), procs(), weft.chat.mcp.list()[1].state)
local f = assert(io.open("$dir/mcpplug.lua", "w")); f:write("-- no servers now\\n"); f:close()
assert(weft.plugin.reload("mcpplug"))
weft.wait(10000, function() return procs() == 0 end)
print("emptied", #weft.chat.mcp.list(), procs())
weft.quit(0)
LUA
  local out
  out=$(HOME=$(mktemp -d) timeout 90 "$WEFT_BIN" --clean --headless --plugin "$dir/mcpplug.lua" -l "$dir/t.lua" 2>&1)
  [ "$out" = "$(printf 'before\t1\t1\nreloaded\t1\t1\tready\nemptied\t0\t0')" ] || { echo "    got:"; echo "$out" | sed 's/^/    |/'; return 1; }
}
