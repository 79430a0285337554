# Helpers for tmux end-to-end tests: start weft in a detached tmux server of
# our own (never the user's), type, wait for text, capture the screen.
# Each test file defines functions named test_*; run.sh calls them.

WEFT_BIN=${WEFT_BIN:?WEFT_BIN must point at the weft binary}
TMUX_SOCKET="weft-e2e-$$"
SESSION="weft"
tmux_() { tmux -L "$TMUX_SOCKET" -f /dev/null "$@"; }

# start_weft COLSxROWS [args...]: starts weft in a fresh tmux session.
start_weft() {
  local size=$1; shift
  local cols=${size%x*} rows=${size#*x}
  local home; home=$(mktemp -d)
  tmux_ kill-server 2>/dev/null || true
  tmux_ new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
    "env -i HOME=$home XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 $WEFT_BIN $*; echo \"[exited \$?]\"; stty -a | grep -o ' -icanon\| icanon' | head -1; sleep 30"
  tmux_ set-option -t "$SESSION" remain-on-exit on >/dev/null
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
