# Compaction with the mock model: automatic compaction when the next
# request would pass --auto-compact of a small --context-window, the
# compaction block in the transcript (Ctrl-O shows the summary), after
# --continue too, and in print mode; weft.chat.set_config{auto_compact=}.

# The first request, "count to 200" with weft's system prompt, is about 120
# tokens; with the reply (about 170) the next one is about 290: over 50% of
# 400, while the first one is not.
COMPACT_ARGS="--context-window 400 --auto-compact 50%"

test_auto_compaction_shows_a_block_that_ctrl_o_expands() {
  WEFT_HOME=$(mktemp -d)
  WEFT_HOME=$WEFT_HOME start_weft 100x30 $COMPACT_ARGS
  wait_for "Welcome" || return 1
  literal "count to 200"; keys Enter
  wait_line "^ *200 *$" 10 || return 1
  wait_for "idle" || return 1
  ! screen | grep -qF "conversation compacted" || { echo "    compacted too early"; return 1; }
  literal "count to 2"; keys Enter
  wait_for "▸ conversation compacted automatically · 2 messages summarized · Ctrl-O to expand" 10 || return 1
  wait_line "^ *2 *$" 10 || return 1
  keys C-o
  wait_for "▾ conversation compacted automatically · 2 messages summarized" 5 || return 1
  wait_for "• count to 200" 5 || return 1
  keys C-o
  wait_for "▸ conversation compacted automatically" 5 || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  # Resumed: the block again, the old messages not.
  WEFT_HOME=$WEFT_HOME start_weft 100x30 --continue
  wait_for "▸ conversation compacted automatically · 2 messages summarized" 10 || return 1
  wait_line "^ *2 *$" 5 || return 1
  ! screen | grep -qE "^ *200 *$" || { echo "    the compacted reply is still shown"; return 1; }
  # The session file keeps everything plus the summary.
  grep -q '"compaction":true' "$WEFT_HOME"/state/weft/sessions/*.jsonl \
    && grep -q '"count to 200"' "$WEFT_HOME"/state/weft/sessions/*.jsonl
}

test_auto_compaction_in_print_mode_and_continue() {
  local home; home=$(mktemp -d)
  run_p() {
    env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
      WEFT_MOCK_TPS=0 "$WEFT_BIN" "$@" </dev/null
  }
  local out err
  out=$(run_p -p "count to 200" $COMPACT_ARGS) || return 1
  out=$(run_p --continue -p "count to 2" $COMPACT_ARGS --output-format stream-json 2>"$home/err") \
    || { echo "    exit $?: $(cat "$home/err")"; return 1; }
  echo "$out" | grep -q '^{"type":"compact","auto":true,"messages":2,' || { echo "    no compact event: $out"; return 1; }
  echo "$out" | tail -1 | grep -q '"status":"success".*"text":"1\\n2"' || { echo "    result: $(echo "$out" | tail -1)"; return 1; }
  grep -qF "compacting 2 messages first" "$home/err" || { echo "    stderr: $(cat "$home/err")"; return 1; }
  # --continue -p resumes the compacted state: the summary and what follows.
  out=$(run_p --continue -p "count to 3" --auto-compact off --output-format json) || return 1
  echo "$out" | grep -q '"text":"1\\n2\\n3"' || { echo "    got: $out"; return 1; }
  # A bad share is a usage error.
  err=$(run_p -p "hi" --auto-compact 2 2>&1); [ $? -eq 2 ] || { echo "    --auto-compact 2 accepted: $err"; return 1; }
  echo "$err" | grep -qF "want a share of the context window from 0 to 1"
}

test_lua_auto_compact_config() {
  local script out
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
local c = weft.chat.get_config()
local default = c.auto_compact
weft.chat.set_config{ auto_compact = 0.5 }
local half = weft.chat.get_config().auto_compact
weft.chat.set_config{ auto_compact = false }
local off = weft.chat.get_config().auto_compact
local ok, err = pcall(weft.chat.set_config, { auto_compact = 2 })
print(default, half, off, ok, (err:match("auto_compact") ~= nil))
weft.quit(0)
LUA
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "    $out"
  [ "$out" = $'0.85\t0.5\t0.0\tfalse\ttrue' ]
}
