# The chat UI against the fake OpenAI-compatible server
# (Tests/Fixtures/fake_openai_server.py) through the real binary.

FAKE_SERVER="$(dirname "${BASH_SOURCE[0]}")/../Fixtures/fake_openai_server.py"

# start_fake: starts the fake server on a free port; sets FAKE_URL and
# FAKE_PID, and stops both weft and the server when the test ends.
start_fake() {
  local out; out=$(mktemp)
  python3 "$FAKE_SERVER" --port 0 --idle-timeout 30 >"$out" &
  FAKE_PID=$!
  trap 'stop_weft; kill $FAKE_PID 2>/dev/null' EXIT
  local i=0
  while [ ! -s "$out" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  FAKE_URL="http://127.0.0.1:$(head -1 "$out")"
  rm -f "$out"
}

# Every string a server sends is made inert before it reaches a terminal:
# model ids in --health, an HTTP error's message and a mid-stream error
# event on print mode's stderr (OSC 52, a title, the alternate screen, a
# cursor report request, an 8-bit CSI). Only the text stays.
test_openai_server_strings_reach_no_terminal_raw() {
  local out i
  out=$(mktemp)
  python3 "$FAKE_SERVER" --port 0 --idle-timeout 30 --hostile >"$out" &
  FAKE_PID=$!
  trap 'kill $FAKE_PID 2>/dev/null' EXIT
  i=0; while [ ! -s "$out" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  FAKE_URL="http://127.0.0.1:$(head -1 "$out")"
  env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --health --base-url "$FAKE_URL" > "$out.health" 2>&1
  env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --base-url "$FAKE_URL" --model m -p "case:hostile" \
    > /dev/null 2> "$out.http"
  env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --base-url "$FAKE_URL" --model m -p "case:hostile-stream" \
    > /dev/null 2> "$out.stream"
  for f in "$out.health" "$out.http" "$out.stream"; do
    grep -q "pwn" "$f" && grep -q "end" "$f" || { echo "    $f lost the text: $(cat -v "$f")"; return 1; }
    # No ESC, BEL or C1 control byte (UTF-8 C2 80-9F) may be left.
    if LC_ALL=C grep -qP '\x1b|\x07|\xc2[\x80-\x9f]' "$f"; then
      echo "    raw control bytes in $f: $(cat -v "$f")"; return 1
    fi
  done
}

start_openai_weft() {
  start_fake
  start_weft 100x30 --base-url "$FAKE_URL" --model fake-model-1
  wait_for "fake-model-1" || return 1
}

test_openai_streams_text_with_utf8() {
  start_openai_weft || return 1
  literal "case:1a"; keys Enter
  wait_for "Hello, wörld! 日本語 and 😀 emoji, done." 10 || return 1
  wait_for "idle"
}

test_openai_reasoning_then_answer() {
  start_openai_weft || return 1
  literal "case:2c"; keys Enter
  wait_for "It is noon." 10 || return 1
  ! screen | grep -qF "<think>"
}

test_openai_tool_call_with_approval() {
  start_openai_weft || return 1
  literal "case:tool"; keys Enter
  wait_for "Allow tool?" 10 || return 1
  keys y
  wait_for "Tool result: hello-from-tool" 10 || return 1
  wait_line "✓ run_command"
}

test_openai_error_block_shows_the_server_message() {
  start_openai_weft || return 1
  literal "case:5a"; keys Enter
  wait_for "maximum context length is 4096 tokens" 10
}

test_openai_interrupt_keeps_the_partial_reply() {
  start_openai_weft || return 1
  literal "case:8"; keys Enter
  wait_for "tok3" 10 || return 1
  keys Escape
  wait_for "(interrupted)" 5 || return 1
  sleep 0.5
  ! screen | grep -qF "tok39"
}

test_openai_print_mode_and_exit_codes() {
  start_fake
  local out err code
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" OPENAI_BASE_URL="$FAKE_URL" "$WEFT_BIN" -p "case:4a" 2>/dev/null)
  code=$?
  [ "$code" -eq 0 ] || { echo "    exit $code"; return 1; }
  [ "$out" = "Counted." ] || { echo "    got: $out"; return 1; }
  err=$(env -i HOME="$(mktemp -d)" PATH="$PATH" OPENAI_API_KEY=sk-e2e-SECRET-0123456789 \
        "$WEFT_BIN" --base-url "$FAKE_URL" -p "case:5b" 2>&1 >/dev/null)
  code=$?
  [ "$code" -eq 1 ] || { echo "    exit $code for a 401"; return 1; }
  echo "$err" | grep -q "missing or wrong" || { echo "    stderr: $err"; return 1; }
  ! echo "$err" | grep -q "SECRET"
}

test_openai_health_checks_the_server() {
  start_fake
  local out
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --health --base-url "$FAKE_URL")
  echo "$out" | grep -q "ok, 2 models" || { echo "    $out"; return 1; }
  kill "$FAKE_PID"; wait "$FAKE_PID" 2>/dev/null
  ! env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --health --base-url "$FAKE_URL" >/dev/null
}

test_openai_model_command_lists_and_switches() {
  start_openai_weft || return 1
  literal "/model"; keys Enter
  wait_for "Models of openai" 10 || return 1
  literal "/model fake-model-2"; keys Enter
  wait_for "openai:fake-model-2" 10
}
