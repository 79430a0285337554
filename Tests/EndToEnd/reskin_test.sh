# Reskinning from init.lua, end to end: the example configs of
# runtime/examples/ in the real binary in a real terminal (tmux).

EXAMPLES=$(realpath ../../runtime/examples)

test_minimal_example_puts_the_status_on_top() {
  start_weft 80x24 -u "$EXAMPLES/minimal.lua"
  wait_for "Welcome" || return 1
  screen | head -1 | grep -q "mock:mock-1" || { echo "    status not on the top row"; screen | sed 's/^/    |/'; return 1; }
  screen | sed -n 22p | grep -q "┌─" || { echo "    composer border not on row 22"; screen | sed 's/^/    |/'; return 1; }
  literal "hello from tmux"; keys Enter
  wait_for "mock provider" || return 1
  local i=0
  until screen | head -1 | grep -q "idle"; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "    status left the top row"; screen | sed 's/^/    |/'; return 1; }
    sleep 0.05
  done
  keys C-d
  wait_for "[exited 0]"
}

test_vim_example_edits_in_normal_mode() {
  start_weft 80x24 -u "$EXAMPLES/vim.lua"
  wait_for "INSERT" || return 1
  literal "hello big world"; keys Escape
  wait_for "NORMAL" || return 1
  literal "bb"; literal "dw"
  wait_for "hello world" || return 1
  literal "u"
  wait_for "hello big world" || return 1
  keys Enter
  wait_for "mock provider" || return 1
  wait_for "INSERT"
}

test_dashboard_example_toggles_with_f2() {
  start_weft 90x30 -u "$EXAMPLES/dashboard.lua"
  wait_for "Welcome" || return 1
  keys F2
  wait_for "weft dashboard" || return 1
  wait_for "/dashboard" || return 1
  keys Escape
  wait_gone "weft dashboard"
}
