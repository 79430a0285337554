# The real binary in a real terminal: start, type, resize, quit, signals, idle.

test_starts_with_the_welcome_screen() {
  start_weft 80x24
  wait_for "Welcome to weft" && wait_for "mock:mock-1" && wait_for "idle"
}

test_typing_appears_in_the_composer() {
  start_weft 80x24
  wait_for "Welcome to weft" || return 1
  literal "hello, 世界 😀"
  wait_line "│hello, 世界 😀 +│"
}

test_resize_redraws_at_the_new_width() {
  start_weft 80x24
  wait_for "Welcome to weft" || return 1
  resize 100 30
  wait_line "^╰─{98}╯$" || return 1
  resize 50 12
  wait_line "^╰─{48}╯$" || return 1
  ! screen | grep -q "╰─\{60,\}"
}

test_quit_restores_the_terminal() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  expect_cooked || return 1
  ! screen | grep -q "Welcome to weft"
}

test_ctrl_c_twice_quits() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  keys C-c
  wait_for "press Ctrl-C again" || return 1
  keys C-c
  wait_for "[exited 0]"
}

test_sigterm_restores_the_terminal() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  kill -TERM "$(weft_pid)" || return 1
  wait_for "[exited" || return 1
  expect_cooked
}

test_idle_makes_no_wakeups() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  sleep 0.5
  local pid; pid=$(weft_pid) || return 1
  local before after cpu0 cpu1
  before=$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$pid/status")
  cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 3
  after=$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$pid/status")
  cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "    idle 3 s: $((after - before)) wake-ups, $((cpu1 - cpu0)) CPU ticks"
  [ $((after - before)) -le 2 ] && [ $((cpu1 - cpu0)) -le 1 ]
}
