# Getting text out: mouse selection, the keyboard mode and /copy reach the
# clipboard through OSC 52 (tmux's `set-clipboard on` catches it into its
# paste buffer), and inline mode leaves the conversation in the terminal.

# clipboard_on: tmux keeps OSC 52 writes as paste buffers.
clipboard_on() { tmux_ set -g set-clipboard on; tmux_ delete-buffer 2>/dev/null || true; }

# wait_buffer TEXT [SECONDS]: waits until tmux's newest paste buffer is TEXT.
wait_buffer() {
  local want=$1 limit=${2:-5} i=0 got
  while [ "$i" -lt $((limit * 20)) ]; do
    got=$(tmux_ show-buffer 2>/dev/null; echo x); got=${got%x}   # keeps a final line break
    [ "$got" = "$want" ] && return 0
    sleep 0.05; i=$((i + 1))
  done
  echo "    paste buffer: $(printf %q "$got")"
  echo "    wanted:       $(printf %q "$want")"
  return 1
}

# row_of TEXT: the 1-based screen row showing TEXT (first match).
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

# sgr BUTTON COL ROW M|m: an SGR mouse report (1-based cells).
sgr() { literal $'\e'"[<$1;$2;$3$4"; }

test_mouse_drag_copies_the_text_through_osc52() {
  start_weft 60x20
  clipboard_on
  wait_for "Ctrl-D quit" || return 1
  literal "count to 4"; keys Enter
  wait_line "^ *4 *$" 10 || return 1
  local r2 r3; r2=$(screen | grep -n "^ *2 *$" | head -1 | cut -d: -f1)
  r3=$(screen | grep -n "^ *3 *$" | head -1 | cut -d: -f1)
  [ -n "$r2" ] && [ -n "$r3" ] || { echo "    rows not found"; return 1; }
  # Press on "2" (after the two-cell margin), drag to the end of the "3" row, release.
  sgr 0 3 "$r2" M; sgr 32 30 "$r3" M; sgr 0 30 "$r3" m
  wait_buffer $'2\n3' || return 1
  wait_for "copied 2 lines"
}

test_double_click_copies_a_word() {
  start_weft 70x20
  clipboard_on
  wait_for "Ctrl-D quit" || return 1
  local r; r=$(row_of "count to 100")
  [ -n "$r" ] || return 1
  local col; col=$(screen | sed -n "${r}p" | awk '{ print index($0, "count") }')
  sgr 0 "$col" "$r" M; sgr 0 "$col" "$r" m; sgr 0 "$col" "$r" M; sgr 0 "$col" "$r" m
  wait_buffer "count"
}

test_copy_command_copies_the_last_reply_source() {
  start_weft 80x24
  clipboard_on
  wait_for "Ctrl-D quit" || return 1
  literal "count to 3"; keys Enter
  wait_line "^ *3 *$" 10 || return 1
  literal "/copy"; keys Enter
  wait_buffer $'1\n2\n3' || return 1
  wait_for "copied the last reply"
}

test_keyboard_mode_yanks_lines() {
  start_weft 80x24
  clipboard_on
  wait_for "Ctrl-D quit" || return 1
  literal "count to 5"; keys Enter
  wait_line "^ *5 *$" 10 || return 1
  keys C-t
  wait_for "TRANSCRIPT" || return 1
  # The cursor starts on the last row on screen ("5"): up one, select two lines.
  literal "kVky"
  wait_buffer $'3\n4\n' || return 1
  keys Escape
  wait_gone "TRANSCRIPT"
}

test_inline_mode_leaves_the_conversation_in_the_terminal() {
  start_weft 70x16 --inline
  wait_for "Ctrl-D quit" || return 1
  literal "count to 3"; keys Enter
  wait_line "^ *3 *$" 10 || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  expect_cooked || return 1
  # The pane (screen and history) still holds the welcome, the prompt and the reply.
  local all; all=$(tmux_ capture-pane -t "$SESSION" -p -S -200)
  for want in "Welcome to weft" "› count to 3"; do
    printf '%s\n' "$all" | grep -qF "$want" || { echo "    missing after exit: $want"; printf '%s\n' "$all" | sed 's/^/    |/'; return 1; }
  done
  printf '%s\n' "$all" | grep -qE "^ *3 *$" || { echo "    reply missing"; return 1; }
  # The composer and status line are gone.
  ! printf '%s\n' "$all" | grep -q "╭" || { echo "    composer left behind"; printf '%s\n' "$all" | sed 's/^/    |/'; return 1; }
}

test_inline_mode_streams_at_the_bottom_and_survives_resize() {
  WEFT_MOCK_TPS=80 start_weft 70x16 --inline
  wait_for "Ctrl-D quit" || return 1
  literal "count to 40"; keys Enter
  wait_line "^ *10 *$" 10 || return 1
  resize 60 14
  wait_line "^ *40 *$" 20 || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  local all; all=$(tmux_ capture-pane -t "$SESSION" -p -S -500)
  local n; n=$(printf '%s\n' "$all" | grep -cE "^(● )? *(1|2|3|20|39|40) *$")
  [ "$n" -ge 6 ] || { echo "    reply lines missing ($n)"; printf '%s\n' "$all" | tail -30 | sed 's/^/    |/'; return 1; }
  # Each finished line is in the terminal once, not once per frame.
  [ "$(printf '%s\n' "$all" | grep -cE "^ *39 *$")" -eq 1 ] || { echo "    a line was written twice"; return 1; }
}

test_inline_mode_from_init_lua() {
  local cfg; cfg=$(mktemp -d)/init.lua
  cat > "$cfg" <<'LUA'
weft.ui.set_config{ inline = true }
weft.keymap.set("composer", "<F5>", function()
  local ok, err = pcall(weft.ui.set_config, { inline = false })
  weft.notify((not ok and err:find("chosen at startup", 1, true)) and "refused at runtime" or tostring(err))
end)
LUA
  start_weft 70x16 -u "$cfg"
  wait_for "Ctrl-D quit" || return 1
  keys F5
  wait_for "refused at runtime" || return 1
  literal "count to 2"; keys Enter
  wait_line "^ *2 *$" 10 || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  tmux_ capture-pane -t "$SESSION" -p -S -200 | grep -qF "count to 2" || { echo "    conversation gone"; return 1; }
}
