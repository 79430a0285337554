# Fault injection: kill -9 mid-stream, damaged session files, an unusable
# state directory, resize storms, job-control and hangup signals. After
# each, no finished message is lost and the terminal is usable again.
# WEFT_FAULT_RUNS sets the kill -9 runs (make test: 5; make fault-tests: 30).

# session_file: the one session file under $WEFT_HOME.
session_file() { ls "$WEFT_HOME"/state/weft/sessions/*.jsonl 2>/dev/null | head -1; }

# check_session FILE FINISHED [lenient]: every line but a cut-off last one
# is a JSON object (lenient: lines a test damaged itself are passed over),
# and FILE holds FINISHED finished "count to 3" replies, whole.
check_session() {
  python3 - "$1" "$2" "${3:-strict}" <<'EOF'
import json, sys
path, want, lenient = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "lenient"
data = open(path, 'rb').read()
lines = data.split(b'\n')
complete = lines[:-1]  # after the last newline: nothing, or a cut-off line
for n, line in enumerate(complete, 1):
    if not line.strip():
        continue
    try:
        obj = json.loads(line)
    except ValueError as e:
        if lenient:
            continue
        sys.exit(f"    line {n} is not JSON ({e}): {line[:80]!r}")
    if not isinstance(obj, dict):
        sys.exit(f"    line {n} is not an object")
def record(line):
    try:
        return json.loads(line)
    except ValueError:
        return {}
replies = [l for l in complete if l.strip() and record(l).get('kind') == 'message'
           and record(l).get('role') == 'assistant' and '1\\n2\\n3' in l.decode('utf-8', 'replace')]
if len(replies) != want:
    sys.exit(f"    {len(replies)} finished replies in the file, expected {want}")
EOF
}

# kill9 PID: kills weft and waits until it is gone.
kill9() {
  kill -9 "$1"
  local i; for i in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  echo "    weft survived kill -9"; return 1
}

test_kill_9_at_random_moments_loses_no_finished_message() {
  local runs=${WEFT_FAULT_RUNS:-5} run pid
  WEFT_HOME=$(mktemp -d)
  RANDOM=42
  for run in $(seq 1 "$runs"); do
    if [ "$run" -eq 1 ]; then WEFT_MOCK_TPS=40 WEFT_HOME=$WEFT_HOME start_weft 80x24
    else WEFT_MOCK_TPS=40 WEFT_HOME=$WEFT_HOME start_weft 80x24 --continue; fi
    wait_for "idle" 15 || return 1
    literal "count to 3"; keys Enter
    wait_line "^ *3 *$" 15 || return 1
    wait_for "idle" 15 || return 1
    literal "long please $run"; keys Enter
    wait_for "streaming" 10 || return 1
    # a random moment of the reply: 0 to 1.5 s into it
    sleep "0.$((RANDOM % 10))$((RANDOM % 10))"; [ $((RANDOM % 3)) -eq 0 ] && sleep 1
    pid=$(weft_pid) || { echo "    run $run: no weft process"; return 1; }
    kill9 "$pid" || return 1
    check_session "$(session_file)" "$run" || { echo "    after run $run"; return 1; }
  done
  # the last session still loads, with every prompt
  WEFT_HOME=$WEFT_HOME start_weft 80x24 --continue
  wait_for "long please $runs" 15 || return 1
  echo "    $runs kill -9 runs, no finished message lost"
}

test_corrupt_and_truncated_session_warns_and_continues() {
  WEFT_HOME=$(mktemp -d)
  WEFT_HOME=$WEFT_HOME start_weft 80x24
  wait_for "idle" 15 || return 1
  literal "count to 3"; keys Enter
  wait_line "^ *3 *$" 15 || return 1
  wait_for "idle" 10 || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  local f; f=$(session_file)
  # garbage in the middle, then a record cut off mid-line
  printf '{"kind": "message", "role": "user", "text": \x01\xff garbage\n' >> "$f"
  printf '{"kind":"message","role":"user","content":"cut off' >> "$f"
  # wide enough for the whole warning in the status line
  WEFT_HOME=$WEFT_HOME start_weft 160x30 --continue
  wait_line "line [0-9]+: truncated line skipped" 10 || return 1
  wait_for "count to 3" 15 || return 1
  # and it keeps going: a new prompt is answered and saved
  literal "count to 3"; keys Enter
  wait_for "idle" 15 || return 1
  sleep 0.3
  check_session "$f" 2 lenient
}

test_unwritable_state_dir_warns_and_keeps_going() {
  WEFT_HOME=$(mktemp -d)
  mkdir -p "$WEFT_HOME/state"
  # a file where the state directory should be: nothing can be created
  # under it (unlike a read-only directory, this holds for root too)
  echo "not a directory" > "$WEFT_HOME/state/weft"
  WEFT_HOME=$WEFT_HOME start_weft 80x24
  wait_for "idle" 15 || return 1
  literal "count to 3"; keys Enter
  wait_line "^ *3 *$" 15 || return 1
  wait_for "could not save" 5 || return 1
  keys C-d
  wait_for "[exited 0]" 10 || return 1
  expect_cooked
}

test_resize_storm_while_streaming() {
  WEFT_MOCK_TPS=400 start_weft 100x30
  wait_for "idle" 15 || return 1
  literal "long please"; keys Enter
  wait_for "streaming" 10 || return 1
  local i sizes=(100x30 40x10 120x40 20x6 80x24 61x17 200x50 33x9)
  for i in $(seq 1 100); do
    local s=${sizes[$((i % ${#sizes[@]}))]}
    resize "${s%x*}" "${s#*x}"
  done
  resize 80 24
  local pid; pid=$(weft_pid) || { echo "    weft died in the resize storm"; return 1; }
  wait_line "^╰─{78}╯$" 10 || return 1
  keys C-c
  wait_for "idle" 15 || return 1
  literal "typed after the storm"
  wait_line "│typed after the storm +│" 5
}

test_sigtstp_and_sigcont_restore_and_redraw() {
  # Stopping needs job control: weft runs as a job of an interactive bash
  # (under a plain `sh -c` its process group is orphaned and the kernel
  # discards SIGTSTP).
  WEFT_HOME=$(mktemp -d)
  tmux_ kill-server 2>/dev/null || true
  TMUX_SOCKET="weft-e2e-$$-$RANDOM"
  tmux_ new-session -d -s "$SESSION" -x 80 -y 24 \
    "env -i HOME=$WEFT_HOME XDG_CONFIG_HOME=$WEFT_HOME/config XDG_STATE_HOME=$WEFT_HOME/state PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 PS1='shell> ' bash --norc --noprofile -i"
  wait_for "shell>" 10 || return 1
  literal "$WEFT_BIN"; keys Enter
  wait_for "idle" 15 || return 1
  local pid; pid=$(pgrep -f -x "$WEFT_BIN" -P "$(tmux_ display-message -p -t "$SESSION" '#{pane_pid}')") || return 1
  kill -TSTP "$pid"
  wait_for "Stopped" 10 || return 1
  # the terminal is the shell's again: weft's screen is gone
  ! screen | grep -q "idle" || { echo "    weft's screen left on the terminal while stopped"; return 1; }
  literal "fg"; keys Enter
  wait_for "idle" 10 || return 1
  literal "back again"
  wait_line "│back again +│" 10 || return 1
  local i; for i in $(seq 1 10); do keys BSpace; done
  keys C-d
  wait_for "shell>" 10 || return 1
  literal "stty -a | grep -o ' -icanon\| icanon\| -echo \| echo ' | tr -d '\n'; echo"; keys Enter
  wait_line "^ icanon echo *$" 5
}

test_sighup_restores_the_terminal() {
  start_weft 80x24
  wait_for "idle" 15 || return 1
  literal "long please"; keys Enter
  wait_for "streaming" 10 || return 1
  kill -HUP "$(weft_pid)" || return 1
  wait_for "[exited" 10 || return 1
  expect_cooked
}

test_stdout_closed_exits_with_a_message() {
  start_weft 80x24 '>&-'
  wait_for "[exited" 10 || return 1
  ! screen | grep -q "^\[exited 0\]" || { echo "    exit status 0 with stdout closed"; return 1; }
  expect_cooked
}
