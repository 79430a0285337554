# The real binary in a real terminal: start, type, resize, scroll, quit.

test_starts_and_shows_welcome() {
  start_weft 80x24
  wait_for "Welcome to weft" && wait_for "insert"
}

test_typing_appears_on_screen() {
  start_weft 80x24
  wait_for "Welcome to weft" || return 1
  literal "hello, 世界 😀"
  wait_for "hello, 世界 😀"
}

test_resize_repaints_status() {
  start_weft 80x24
  wait_for "80x24" || return 1
  resize 100 30
  wait_for "100x30" || return 1
  resize 40 10
  wait_for "40x10"
}

test_scrolling_a_long_buffer() {
  start_weft 60x12
  wait_for "Welcome" || return 1
  for i in $(seq 1 40); do literal "line $i"; keys Enter; done
  wait_for "line 40" || return 1
  keys PageUp
  wait_gone "line 40" || return 1
  keys PageDown PageDown
  wait_for "line 40"
}

test_quit_restores_the_terminal() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  keys C-q
  wait_for "[exited 0]" || return 1
  # stty ran after weft exited: canonical mode must be back on.
  screen | grep -q " icanon" || { echo "    terminal left in raw mode"; screen; return 1; }
  # the alternate screen was left: no weft UI remains.
  ! screen | grep -q "Welcome to weft"
}

test_sigterm_restores_the_terminal() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  local pane; pane=$(tmux_ display-message -p -t "$SESSION" '#{pane_pid}')
  pkill -TERM -P "$pane" -x weft || { echo "    no weft child of pane $pane"; return 1; }
  wait_for "[exited" || return 1
  screen | grep -q " icanon"
}
