# Print mode (-p) for scripts: the prompt from stdin, every output format,
# exact text to a pipe, exit codes, limits, init.lua tools.

# pweft ARGS...: weft -p in a fresh HOME with the instant mock, stdin from
# /dev/null unless redirected by the caller.
pweft() {
  local home=${PHOME:-$(mktemp -d)}
  env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
    WEFT_MOCK_TPS=${WEFT_MOCK_TPS:-0} "$WEFT_BIN" "$@"
}

test_print_reads_the_prompt_from_stdin() {
  local out
  out=$(echo "count to 3" | pweft -p) || return 1
  [ "$out" = $'1\n2\n3' ] || { echo "    echo | weft -p gave: $out"; return 1; }
  out=$(echo "count to 2" | pweft -p -) || return 1
  [ "$out" = $'1\n2' ] || { echo "    weft -p - gave: $out"; return 1; }
}

test_print_adds_piped_text_as_context_before_the_prompt() {
  local out
  # The mock answers "count to N" found anywhere in the message: the
  # piped text must reach the model together with the prompt.
  out=$(echo "count to 4" | pweft -p "please") || return 1
  [ "$out" = $'1\n2\n3\n4' ] || { echo "    got: $out"; return 1; }
}

test_print_empty_prompt_is_an_error_with_exit_2() {
  local rc err
  for args in '-p ""' '-p "   "' '-p'; do
    err=$(eval pweft "$args" 2>&1 </dev/null >/dev/null); rc=$?
    echo "    weft $args -> $rc: $err"
    [ $rc -eq 2 ] && grep -qF -- "-p needs a prompt" <<<"$err" || return 1
  done
  err=$(printf '  \n\n' | pweft -p 2>&1 >/dev/null); rc=$?
  [ $rc -eq 2 ] || { echo "    blank stdin -> $rc"; return 1; }
}

test_print_text_to_a_pipe_is_exact() {
  local out
  # The mock's "escape" reply has ESC sequences and control characters:
  # a pipe gets them all, untouched.
  out=$(pweft -p "escape" | od -An -c | tr -s ' ') || return 1
  grep -qF '033' <<<"$out" || { echo "    ESC was dropped: $out"; return 1; }
}

test_print_json_is_one_result_object() {
  local out
  out=$(pweft -p "count to 3" --output-format json) || return 1
  [ "$(wc -l <<<"$out")" -eq 1 ] || { echo "    more than one line: $out"; return 1; }
  python3 - "$out" <<'PY' || return 1
import json, sys
r = json.loads(sys.argv[1])
assert r["type"] == "result", r
assert r["status"] == "success" and r["exit_code"] == 0, r
assert r["text"] == "1\n2\n3", r
assert r["usage"]["output_tokens"] > 0, r
assert r["turns"] == 1 and r["session_id"], r
PY
}

test_print_stream_json_has_every_event_and_ends_with_the_result() {
  local out
  out=$(cd "$(mktemp -d)" && echo hello > README.md && pweft -p "read the readme" --output-format stream-json) || return 1
  python3 - "$out" <<'PY' || { echo "$out" | sed 's/^/    /'; return 1; }
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
types = [l["type"] for l in lines]
for t in ("text", "tool_call", "tool_result", "usage", "result"):
    assert t in types, (t, types)
assert types[-1] == "result" and types.count("result") == 1, types
call = next(l for l in lines if l["type"] == "tool_call")
res = next(l for l in lines if l["type"] == "tool_result")
assert call["name"] == "read_file" and res["id"] == call["id"] and res["status"] == "ok", (call, res)
assert "hello" in res["output"], res
r = lines[-1]
assert r["exit_code"] == 0 and r["turns"] == 2, r
PY
  out=$(pweft -p "think" --output-format stream-json) || return 1
  grep -q '"type":"thinking"' <<<"$out" || { echo "    no thinking event"; return 1; }
}

test_print_errors_exit_1_with_an_error_event() {
  local out rc
  out=$(pweft -p "error" --output-format stream-json 2>/dev/null); rc=$?
  [ $rc -eq 1 ] || { echo "    exit $rc"; return 1; }
  grep -q '"type":"error"' <<<"$out" || { echo "    no error event: $out"; return 1; }
  tail -1 <<<"$out" | grep -q '"status":"error"' || { echo "    result: $(tail -1 <<<"$out")"; return 1; }
}

test_print_max_turns_stops_a_tool_loop_with_exit_3() {
  local out rc
  out=$(cd "$(mktemp -d)" && echo hi > README.md && pweft -p "read it" --max-turns 1 --output-format json 2>/dev/null); rc=$?
  echo "    exit $rc: $out"
  [ $rc -eq 3 ] && grep -q '"status":"max_turns"' <<<"$out"
}

test_print_timeout_exits_4() {
  local rc start=$SECONDS
  WEFT_MOCK_TPS=5 pweft -p "long" --timeout 1 >/dev/null 2>&1; rc=$?
  echo "    exit $rc after $((SECONDS - start)) s"
  [ $rc -eq 4 ] && [ $((SECONDS - start)) -lt 5 ]
}

test_print_with_stdout_closed_exits_nonzero() {
  local rc
  pweft -p "count to 2" >&- 2>/dev/null; rc=$?
  echo "    exit $rc"
  [ $rc -ne 0 ]
}

test_print_flags_need_print_mode() {
  local err rc
  err=$("$WEFT_BIN" --output-format json 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -qF -- "--output-format needs -p" <<<"$err" || { echo "    $rc: $err"; return 1; }
  err=$("$WEFT_BIN" -p x --output-format xml 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -qF "want text, json or stream-json" <<<"$err" || { echo "    $rc: $err"; return 1; }
}

test_print_has_init_lua_tools_unless_clean() {
  local home out
  home=$(mktemp -d); mkdir -p "$home/config/weft"
  cat > "$home/config/weft/init.lua" <<'LUA'
print("from init.lua")
weft.chat.tool.register{name = "shout", description = "shouts", run = function() return "SHOUTED" end}
weft.autocmd.create("model_request", { callback = function()
  for _, t in ipairs(weft.chat.tool.list()) do
    if t.name == "shout" then io.stderr:write("tool shout is offered\n") end
  end
end })
LUA
  out=$(PHOME=$home pweft -p "hi" --output-format json --permission-mode yolo 2>/dev/null) || return 1
  grep -qF "from init.lua" <<<"$out" && { echo "    Lua print reached stdout"; return 1; }
  python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" || return 1
  out=$(PHOME=$home pweft -p "hi" 2>&1 >/dev/null)
  grep -qF "from init.lua" <<<"$out" || { echo "    init.lua did not run: $out"; return 1; }
  grep -qF "tool shout is offered" <<<"$out" || { echo "    no init.lua tool: $out"; return 1; }
  out=$(PHOME=$home pweft --clean -p "hi" 2>&1 >/dev/null)
  ! grep -qF "from init.lua" <<<"$out" || { echo "    --clean ran init.lua"; return 1; }
}

test_print_continue_sends_the_history() {
  local fake out home proj
  fake=$(mktemp); home=$(mktemp -d); proj=$(mktemp -d); mkdir -p "$proj/.git" "$proj/sub"
  python3 "$(dirname "${BASH_SOURCE[0]}")/../Fixtures/fake_openai_server.py" --port 0 --idle-timeout 20 >"$fake" &
  local pid=$!
  trap 'kill $pid 2>/dev/null' RETURN
  local i=0; while [ ! -s "$fake" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  local url="http://127.0.0.1:$(head -1 "$fake")"
  (cd "$proj" && PHOME=$home pweft --base-url "$url" --model fake-model-1 -p "first question" >/dev/null) || return 1
  # From a subdirectory of the same project: --continue finds the session.
  (cd "$proj/sub" && PHOME=$home pweft --base-url "$url" --model fake-model-1 --continue -p "second question" >/dev/null) \
    || return 1
  out=$(curl -s "$url/debug/requests")
  python3 - "$out" <<'PY' || { echo "    requests: $out" | head -c 2000; return 1; }
import json, sys
reqs = json.loads(sys.argv[1])
assert len(reqs) == 2, len(reqs)
texts = [m.get("content") for m in reqs[1]["body"]["messages"] if m["role"] in ("user", "assistant")]
assert texts[0] == "first question" and texts[-1] == "second question" and len(texts) == 3, texts
PY
}

test_print_sessions_are_marked_and_hidden_from_sessions() {
  local home proj script out
  home=$(mktemp -d); proj=$(mktemp -d)
  (cd "$proj" && PHOME=$home pweft -p "count to 2" >/dev/null) || return 1
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
local shown, all = weft.chat.sessions(), weft.chat.sessions({ all = true })
print(#shown .. " " .. #all .. " " .. tostring(all[1] and all[1].print))
weft.quit(0)
LUA
  out=$(cd "$proj" && env -i HOME="$home" XDG_STATE_HOME="$home/state" PATH="$PATH" "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "    $out"
  [ "$out" = "0 1 true" ] || return 1
  grep -q '"print":true' "$home"/state/weft/sessions/*.jsonl
}

test_print_in_a_plain_directory_warns_about_nothing() {
  local err
  err=$(cd "$(mktemp -d)" && pweft -p "count to 2" 2>&1 >/dev/null) || return 1
  [ -z "$err" ] || { echo "    stderr: $err"; return 1; }
}

test_context_window_from_the_table_or_the_configuration() {
  local script out
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
local a = weft.chat.provider.get().context_window
weft.chat.provider.set{ name = "mock", model = "gpt-4o", context_window = 5000 }
local b = weft.chat.provider.get().context_window
weft.chat.provider.set{ name = "mock", model = "local-thing" }
local c = weft.chat.provider.get().context_window
local ok = pcall(weft.chat.provider.set, { name = "mock", context_window = -1 })
print(a, b, c, ok)
weft.quit(0)
LUA
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --clean --context-window 9000 --headless -l "$script" 2>&1)
  echo "    $out"
  # mock-1 is not in the table: the flag's 9000; gpt-4o: the table; local-thing: Lua's 5000.
  [ "$out" = $'9000\t128000\t5000\tfalse' ]
}

# --timeout bounds the read of stdin too: a pipe that stays open ends the
# run with exit 4, not a hang.
test_print_timeout_covers_reading_stdin() {
  local rc start=$SECONDS err f; f=$(mktemp)
  # (no $(...) around weft: the capture would wait for the sleep)
  pweft -p --timeout 1 >/dev/null 2>"$f" < <(sleep 8; echo "count to 2"); rc=$?
  err=$(cat "$f")
  [ $rc -eq 4 ] || { echo "    exit $rc: $err"; return 1; }
  [ $((SECONDS - start)) -lt 8 ] || { echo "    waited for the pipe: $((SECONDS - start)) s"; return 1; }
  grep -qF "timed out after 1 s (--timeout) reading the prompt from stdin" <<<"$err" || { echo "    stderr: $err"; return 1; }
}

test_print_timeout_stops_a_server_that_keeps_the_connection_alive() {
  local fake rc start
  fake=$(mktemp)
  python3 "$(dirname "${BASH_SOURCE[0]}")/../Fixtures/fake_openai_server.py" --port 0 --idle-timeout 20 >"$fake" &
  local pid=$!
  trap 'kill $pid 2>/dev/null' RETURN
  local i=0; while [ ! -s "$fake" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  start=$SECONDS
  # "hang": a first chunk, then a keep-alive comment every 50 ms for 30 s.
  pweft --base-url "http://127.0.0.1:$(head -1 "$fake")" --model fake-model-1 -p "case:hang" --timeout 1 \
    --output-format json > "$fake.out" 2>/dev/null; rc=$?
  echo "    exit $rc after $((SECONDS - start)) s: $(cat "$fake.out")"
  [ $rc -eq 4 ] && [ $((SECONDS - start)) -lt 6 ] && grep -q '"status":"timeout"' "$fake.out"
}

test_lua_compact_summarises_with_the_mock() {
  local script out
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
weft.chat.provider.set{ name = "mock", tokens_per_second = 0 }
local fired = false
weft.autocmd.create("compact", { callback = function() fired = true end })
weft.chat.submit("count to 2")
weft.wait(2000, function() return weft.chat.state() == "idle" end)
local started = weft.chat.compact("short")
weft.wait(2000, function() return weft.chat.state() == "idle" end)
local m = weft.chat.messages()
print(tostring(started), tostring(fired), #m, (m[1].text:match("^Summary of the conversation") ~= nil))
weft.quit(0)
LUA
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "    $out"
  [ "$out" = $'true\ttrue\t1\ttrue' ]
}
