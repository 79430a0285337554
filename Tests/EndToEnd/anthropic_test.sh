# weft --provider anthropic against the fake Messages API server
# (Tests/Fixtures/fake_anthropic_server.py, which checks every request as
# the real API does) through the real binary: the key and base URL from
# the command line and environment, thinking, cache usage, a tool round,
# /compact of a history with tool calls, and the key kept out of every
# output and file.

FAKE_ANTHROPIC="$(dirname "${BASH_SOURCE[0]}")/../Fixtures/fake_anthropic_server.py"
ANTHROPIC_KEY="sk-ant-e2e-$$-secret"

# start_fake_anthropic: the server on a free port, requiring ANTHROPIC_KEY;
# sets ANTHROPIC_URL and stops the server when the test ends.
start_fake_anthropic() {
  local out; out=$(mktemp)
  python3 "$FAKE_ANTHROPIC" --port 0 --idle-timeout 60 --key "$ANTHROPIC_KEY" >"$out" &
  local pid=$!
  trap "stop_weft; kill $pid 2>/dev/null" EXIT
  local i=0
  while [ ! -s "$out" ] && [ "$i" -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
  ANTHROPIC_URL="http://127.0.0.1:$(head -1 "$out")"
}

# aweft HOME ARGS...: weft with the anthropic provider, the key in the
# environment, the server from --base-url.
aweft() {
  local home=$1; shift
  env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
    ANTHROPIC_API_KEY="$ANTHROPIC_KEY" timeout 60 "$WEFT_BIN" --clean --provider anthropic --base-url "$ANTHROPIC_URL" \
    --model claude-fake-1 "$@" </dev/null
}

test_anthropic_print_mode_streams_thinking_text_and_cache_usage() {
  start_fake_anthropic
  local home; home=$(mktemp -d)
  local out
  out=$(aweft "$home" --thinking-budget 2048 -p "case:thinking" --output-format stream-json 2>&1) || { echo "    $out"; return 1; }
  # Thinking deltas arrive as the network splits them (one event or
  # several), so the test joins them.
  local thinking
  thinking=$(python3 -c 'import json,sys; print("".join(e["text"] for e in (json.loads(l) for l in sys.stdin if l.startswith("{")) if e["type"] == "thinking"))' <<<"$out")
  [ "$thinking" = "Let me check the time." ] || { echo "    no thinking ($thinking): $out"; return 1; }
  echo "$out" | tail -1 | grep -q '"status":"success".*"text":"It is noon."' || { echo "    result: $(echo "$out" | tail -1)"; return 1; }
  out=$(aweft "$home" -p "case:text" --output-format json 2>&1) || { echo "    $out"; return 1; }
  echo "$out" | grep -q '"text":"Hello, wörld! 日本語 and 😀 emoji, done."' || { echo "    got: $out"; return 1; }
  echo "$out" | grep -q '"cache_read_tokens":100,"cache_write_tokens":20' || { echo "    no cache usage: $out"; return 1; }
  # A wrong key: exit 1 with the API's message, never the key.
  out=$(env -i HOME="$home" PATH="$PATH" ANTHROPIC_API_KEY=wrong-key "$WEFT_BIN" --clean --provider anthropic \
        --base-url "$ANTHROPIC_URL" -p "hi" 2>&1 </dev/null); local rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -qF "the API key is missing or wrong (HTTP 401): invalid x-api-key" \
    && ! echo "$out" | grep -qF "wrong-key" || { echo "    wrong key -> $rc: $out"; return 1; }
  ! grep -rqF "$ANTHROPIC_KEY" "$home" || { echo "    the key was written to a file"; return 1; }
}

test_anthropic_tool_round_then_compact() {
  start_fake_anthropic
  local home; home=$(mktemp -d)
  local dir; dir=$(mktemp -d)
  echo "first line of the readme" > "$dir/README.md"
  local out
  out=$(cd "$dir" && aweft "$home" --permission-mode yolo -p "case:tool" --output-format stream-json 2>&1) \
    || { echo "    $out"; return 1; }
  echo "$out" | grep -q '"type":"tool_result".*"status":"ok"' || { echo "    no tool result: $out"; return 1; }
  echo "$out" | tail -1 | grep -qF '"text":"Tool result: first line of the readme"' || { echo "    result: $(echo "$out" | tail -1)"; return 1; }
  # /compact of that history (tool_use and tool_result blocks): the
  # request must pass the server's checks, and the summary replaces it.
  cat > "$dir/compact.lua" <<'LUA'
weft.chat.submit("case:tool")
weft.wait(10000, function() return weft.chat.state() == "idle" end)
local started = weft.chat.compact("keep it short")
weft.wait(10000, function() return weft.chat.state() ~= "streaming" end)
local m = weft.chat.messages()
print(tostring(started), weft.chat.state(), #m, m[1].text:match("^Summary of the conversation") ~= nil)
weft.quit(0)
LUA
  out=$(cd "$dir" && env -i HOME="$home" XDG_STATE_HOME="$home/state" PATH="$PATH" ANTHROPIC_API_KEY="$ANTHROPIC_KEY" \
        timeout 60 "$WEFT_BIN" --clean --provider anthropic --base-url "$ANTHROPIC_URL" --permission-mode yolo \
        --headless -l "$dir/compact.lua" 2>&1)
  [ "$(echo "$out" | tail -1)" = $'true\tidle\t1\ttrue' ] || { echo "    got: $out"; return 1; }
}
