# Helpers for tmux end-to-end tests: start weft in a detached tmux server of
# our own (never the user's), type, wait for text, capture the screen.
# Each test file defines functions named test_*; run.sh calls them.

WEFT_BIN=${WEFT_BIN:?WEFT_BIN must point at the weft binary}
TMUX_SOCKET="weft-e2e-$$"
SESSION="weft"
tmux_() { tmux -L "$TMUX_SOCKET" -f /dev/null "$@"; }

# Each test gets a fresh HOME (config and state) unless it sets WEFT_HOME.
# WEFT_MOCK_TPS sets the mock model's speed (tokens per second).
# start_weft COLSxROWS [args...]: starts weft in a fresh tmux session.
start_weft() {
  local size=$1; shift
  local cols=${size%x*} rows=${size#*x}
  WEFT_HOME=${WEFT_HOME:-$(mktemp -d)}
  tmux_ kill-server 2>/dev/null || true
  TMUX_SOCKET="weft-e2e-$$-$RANDOM"   # a fresh server: no race with the old one's exit
  tmux_ new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
    "env -i HOME=$WEFT_HOME XDG_CONFIG_HOME=$WEFT_HOME/config XDG_STATE_HOME=$WEFT_HOME/state WEFT_MOCK_TPS=${WEFT_MOCK_TPS:-500} PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 $WEFT_BIN $*; echo \"[exited \$?]\"; stty -a | grep -o ' -icanon\| icanon' | head -1; sleep 30"
}

# expect_cooked: once weft has exited, the pane prints the tty's icanon
# flag (a moment after "[exited N]"): waits for that line, and fails when
# the terminal was left raw ("-icanon").
expect_cooked() {
  wait_line "^ -?icanon" 5 || return 1
  screen | grep -q "^ icanon" || { echo "    terminal left in raw mode"; screen | sed 's/^/    |/'; return 1; }
}

# weft_pid: the pid of weft inside the pane.
weft_pid() {
  local pane; pane=$(tmux_ display-message -p -t "$SESSION" '#{pane_pid}')
  pgrep -P "$pane" -x weft
}

# wait_line REGEX [SECONDS]: waits until a screen line matches REGEX (grep -E).
wait_line() {
  local re=$1 limit=${2:-10} i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    if screen | grep -qE -- "$re"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  echo "    timed out waiting for a line matching: $re"; screen | sed 's/^/    |/'
  return 1
}

stop_weft() { tmux_ kill-server 2>/dev/null || true; }

keys() { tmux_ send-keys -t "$SESSION" "$@"; }
literal() { tmux_ send-keys -t "$SESSION" -l "$1"; }
screen() { tmux_ capture-pane -t "$SESSION" -p 2>/dev/null; }
screen_styled() { tmux_ capture-pane -t "$SESSION" -p -e; }
resize() { tmux_ resize-window -t "$SESSION" -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS]: waits until TEXT is on screen.
wait_for() {
  local text=$1 limit=${2:-10} i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    if screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  echo "    timed out waiting for: $text"
  echo "    --- screen ---"; screen | sed 's/^/    |/'
  return 1
}

# wait_gone TEXT [SECONDS]: waits until TEXT is no longer on screen.
wait_gone() {
  local text=$1 limit=${2:-10} i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    if ! screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  echo "    still on screen: $text"; screen | sed 's/^/    |/'
  return 1
}
