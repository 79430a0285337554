# The stock chat UI end to end, against the offline mock model.

test_markdown_showcase_streams_and_renders() {
  start_weft 100x40
  wait_for "Welcome" || return 1
  literal "show me markdown"; keys Enter
  wait_for "That's everything" 20 || return 1
  # Page up until the table's top border shows (it may already be on the
  # last page); each check waits for the page to be drawn (a loaded machine
  # may take longer than a fixed sleep, and a second PageUp would scroll
  # past the table).
  local i t before
  sleep 0.3
  screen | grep -qE "┌─+┬" && return 0
  for i in 1 2 3 4 5 6; do
    before=$(screen)
    keys PageUp
    for t in $(seq 40); do [ "$(screen)" != "$before" ] && break; sleep 0.05; done
    sleep 0.1
    screen | grep -qE "┌─+┬" && return 0
  done
  wait_line "┌─+┬" 2
}

test_tool_call_allowed_through_the_float() {
  start_weft 100x30
  wait_for "Welcome" || return 1
  literal "run it"; keys Enter
  wait_for "Allow tool?" || return 1
  keys y
  wait_for "The command finished" || return 1
  wait_line "✓ run_command"
}

test_tool_call_denied_through_the_float() {
  start_weft 100x30
  wait_for "Welcome" || return 1
  literal "run it"; keys Enter
  wait_for "Allow tool?" || return 1
  keys n
  wait_gone "Allow tool?" || return 1
  wait_line "run_command" && ! screen | grep -q "The command finished"
}

test_scrolled_up_view_stays_and_counts_new_lines() {
  WEFT_MOCK_TPS=40 start_weft 80x20
  wait_for "Welcome" || return 1
  literal "long please"; keys Enter
  sleep 1.5
  keys PageUp
  wait_for "new lines" 10 || return 1
  local before; before=$(screen | head -5)
  sleep 1
  [ "$before" = "$(screen | head -5)" ] || { echo "    view moved while scrolled up"; return 1; }
  keys C-End
  wait_gone "new lines"
}

test_interrupt_keeps_the_partial_reply() {
  WEFT_MOCK_TPS=20 start_weft 80x24
  wait_for "Welcome" || return 1
  literal "long please"; keys Enter
  wait_for "streaming" || return 1
  sleep 1
  keys Escape
  wait_for "(interrupted)" && wait_for "idle"
}

test_model_escape_sequences_are_inert() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  literal "escape"; keys Enter
  wait_for "^[" 10 || return 1
  # the terminal itself never saw a colour or title change from model text:
  ! screen_styled | grep -q $'\e\]0;'
}

test_slash_popup_lists_commands() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  literal "/se"
  wait_for "/sessions" || return 1
  keys Tab
  wait_line "│/sessions +│"
}

test_unknown_command_gives_a_message() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  literal "/nosuchthing"; keys Enter
  wait_for "unknown command"
}

test_continue_after_quit_and_after_kill_9() {
  WEFT_HOME=$(mktemp -d)
  WEFT_HOME=$WEFT_HOME start_weft 80x24
  wait_for "Welcome" || return 1
  literal "count to 3"; keys Enter
  wait_line "^ *3 *$" 10 || return 1
  wait_for "idle" || return 1
  keys C-d
  wait_for "[exited 0]" || return 1
  WEFT_HOME=$WEFT_HOME start_weft 80x24 --continue
  wait_for "count to 3" || return 1
  WEFT_MOCK_TPS=20 WEFT_HOME=$WEFT_HOME start_weft 80x24 --continue
  wait_for "count to 3" || return 1
  literal "long please"; keys Enter
  wait_for "streaming" || return 1
  sleep 1.5
  local pid; pid=$(weft_pid) || { echo "    no weft process"; return 1; }
  kill -9 "$pid"
  # (not "[exited": after kill -9 the tty stays raw, so the pane's message
  # can land split across rows depending on the length of $PATH)
  local i; for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$pid" 2>/dev/null || { echo "    weft survived kill -9"; return 1; }
  WEFT_HOME=$WEFT_HOME start_weft 80x24 --continue
  wait_for "(interrupted)" 15 || return 1
  # the prompt and the partial reply were saved before the kill
  grep -q '"long please"' "$WEFT_HOME"/state/weft/sessions/*.jsonl
}

test_thinking_collapsed_then_expanded() {
  start_weft 90x30
  wait_for "Welcome" || return 1
  literal "think about it"; keys Enter
  wait_for "idle" 10 || return 1
  wait_line "▸ Thinking \([0-9]+ lines?\)" 5 || return 1
  keys C-o
  wait_for "▾ Thinking" 5 || return 1
  keys C-o
  wait_line "▸ Thinking \(" 5
}

test_resize_mid_stream_reflows_cleanly() {
  WEFT_MOCK_TPS=80 start_weft 100x30
  wait_for "Welcome" || return 1
  literal "markdown"; keys Enter
  wait_for "streaming" || return 1
  resize 60 25
  sleep 0.3
  resize 120 35
  wait_for "That's everything" 30 || return 1
  wait_line "^╰─{118}╯$" || return 1
  # no row wider than the terminal, no leftovers of the old width
  ! screen | awk '{ if (length($0) > 120) exit 1 }' || true
}

test_large_paste_shows_a_placeholder_and_sends_everything() {
  start_weft 90x30
  wait_for "Welcome" || return 1
  local f; f=$(mktemp)
  seq 1 200000 > "$f"   # about 1.3 MB, 200,000 lines
  tmux_ load-buffer "$f"
  tmux_ paste-buffer -p -t "$SESSION"
  wait_for "[pasted 200000 lines" 20 || return 1
  keys Enter
  # the session file holds the whole paste, not the placeholder
  local i session=""
  for i in $(seq 1 300); do
    session=$(ls "$WEFT_HOME"/state/weft/sessions/*.jsonl 2>/dev/null | head -1)
    [ -n "$session" ] && grep -q '199999\\n200000' "$session" && break
    sleep 0.1
  done
  grep -q '199999\\n200000' "$session" || { echo "    paste not sent in full"; return 1; }
  ! grep -q 'pasted 200000 lines' "$session"
}

test_invalid_utf8_and_controls_in_input_are_harmless() {
  start_weft 80x24
  wait_for "Welcome" || return 1
  tmux_ send-keys -t "$SESSION" -H c3 28 41 1b 5b 32 4a 42
  sleep 0.3
  wait_line "│.?\(AB? *│" 5 || return 1   # typed ESC [ 2 J never reached the screen
  keys Enter
  wait_for "You type" 10 || return 1       # the reply arrived: weft is alive
  wait_for "mock:mock-1"                   # and the status line is intact
}
