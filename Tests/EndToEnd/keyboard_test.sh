# Shift-Enter through tmux's extended keys: weft asks for xterm's
# modifyOtherKeys (tmux answers no kitty query), tmux 3.3 then sends S-Enter
# as CSI 13;2u (newer ones can send CSI 27;2;13~), and the composer adds a
# line. On exit the request is undone:
# the shell after weft gets plain keys again.

# start_weft_extended COLSxROWS: like start_weft, in a tmux server with
# `extended-keys on`; after weft exits the pane runs `cat -v`, which shows
# any key that still arrives as an escape sequence.
start_weft_extended() {
  local size=$1 cols=${1%x*} rows=${1#*x}
  TMUX_CONF=$(mktemp)
  echo "set -s extended-keys on" > "$TMUX_CONF"
  tmux_() { tmux -L "$TMUX_SOCKET" -f "$TMUX_CONF" "$@"; }
  WEFT_HOME=${WEFT_HOME:-$(mktemp -d)}
  TMUX_SOCKET="weft-e2e-$$-$RANDOM"
  tmux_ new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
    "env -i HOME=$WEFT_HOME XDG_CONFIG_HOME=$WEFT_HOME/config XDG_STATE_HOME=$WEFT_HOME/state WEFT_MOCK_TPS=500 PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 $WEFT_BIN; echo \"[exited \$?]\"; cat -v"
}

test_shift_enter_adds_a_line_in_tmux_with_extended_keys() {
  start_weft_extended 80x24
  wait_for "Welcome to weft" || return 1
  sleep 0.3   # the terminal's answers to the keyboard query
  literal "first line"
  keys S-Enter
  literal "second line"
  wait_line "│second line +│" || return 1
  wait_line "│first line +│" || return 1
  keys C-j
  literal "third"
  wait_line "│third +│" || return 1
  screen | grep -qE "│first line +│" || { echo "    the first line was sent"; screen | sed 's/^/    |/'; return 1; }
  keys Enter
  wait_gone "│third +│" 5
}

test_keyboard_mode_is_undone_on_exit() {
  start_weft_extended 80x24
  wait_for "Welcome to weft" || return 1
  sleep 0.3
  keys C-d
  wait_for "[exited 0]" || return 1
  # In extended mode tmux would send S-Enter as an escape sequence (cat -v
  # shows ^[[13;2u); in plain mode it has no bytes for it.
  keys S-Enter
  literal "after"
  keys Enter
  wait_for "after" 5 || return 1
  sleep 0.2
  ! screen | grep -qE "13;2u|27;2;13" || { echo "    the shell still gets extended keys"; screen | sed 's/^/    |/'; return 1; }
}
