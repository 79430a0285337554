# weft against an OpenAI-compatible server that nobody here wrote: mockllm
# (installed into a venv by scripts/test-servers.sh). Skips, with the
# reason, when the venv cannot be built (no network).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# start_mockllm: starts mockllm on a free port with a responses file; sets
# MOCKLLM_URL, or returns 2 (skip) when it is not installable.
start_mockllm() {
  local py; py=$(bash "$REPO_ROOT/scripts/test-servers.sh") || return 2
  local dir; dir=$(mktemp -d)
  cat > "$dir/responses.yml" <<'YAML'
responses:
  "unused": "unused"
defaults:
  unknown_response: "weft is a terminal kernel with a chat UI."
settings:
  lag_enabled: false
YAML
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  MOCKLLM_RESPONSES_FILE="$dir/responses.yml" "$py" -m uvicorn mockllm.server:app --host 127.0.0.1 --port "$port" \
    >"$dir/log" 2>&1 &
  MOCKLLM_PID=$!
  trap 'stop_weft; kill $MOCKLLM_PID 2>/dev/null' EXIT
  MOCKLLM_URL="http://127.0.0.1:$port"
  local i=0
  until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 100 ] && { echo "    mockllm did not start: $(tail -3 "$dir/log")"; return 1; }
    sleep 0.1
  done
}

# with_mockllm: starts mockllm; returns 2 (after saying why) when it cannot.
with_mockllm() {
  start_mockllm; local s=$?
  if [ "$s" -eq 2 ]; then echo "    skipped: mockllm is not installable here (scripts/test-servers.sh failed)"; return 2; fi
  return "$s"
}

test_mockllm_print_mode_streams_the_reply() {
  with_mockllm; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local out
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --base-url "$MOCKLLM_URL" --model mock -p "what is weft" 2>&1)
  [ "$out" = "weft is a terminal kernel with a chat UI." ] || { echo "    got: $out"; return 1; }
}

# An assistant turn that called tools and wrote no text, then the tool's
# result: mockllm validates every message's content as a string and
# answers HTTP 500 to `"content": null`.
test_mockllm_accepts_a_tool_call_turn_without_text() {
  with_mockllm; local s=$?; [ "$s" -eq 2 ] && return 0; [ "$s" -eq 0 ] || return 1
  local dir; dir=$(mktemp -d)
  cat > "$dir/history.lua" <<'LUA'
weft.autocmd.create("model_request", { callback = function(ev)
  weft.chat.set_request({
    { role = "user", content = "read it" },
    { role = "assistant", content = "", tool_calls = { { id = "call_1", name = "read_file", arguments = '{"path":"a"}' } } },
    { role = "tool", content = "file text", tool_call_id = "call_1" },
    { role = "user", content = "after the tool" },
  })
end })
local result
weft.autocmd.create("prompt_done", { callback = function(ev) result = ev.data end })
weft.chat.submit("after the tool")
weft.wait(20000, function() return result ~= nil end)
local msgs = weft.chat.messages()
io.stdout:write((result and result.error) and ("ERROR " .. result.error) or (msgs[#msgs].text or "?"), "\n")
weft.quit(0)
LUA
  local out
  out=$(env -i HOME="$dir" PATH="$PATH" "$WEFT_BIN" --clean --headless --base-url "$MOCKLLM_URL" --model mock \
        -l "$dir/history.lua" 2>&1 | tail -1)
  [ "$out" = "weft is a terminal kernel with a chat UI." ] || { echo "    got: $out"; return 1; }
}
