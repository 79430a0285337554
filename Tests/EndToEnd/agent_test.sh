# The coding agent end to end, against the offline mock model in a scratch
# git project: an edit approved in the float showing its diff, /undo
# restoring identical bytes, /rewind, Shift-Tab mode cycling, !command,
# print mode honouring --permission-mode, and the Lua functions.

# new_project: a fresh git project as the working directory.
new_project() {
  PROJECT=$(mktemp -d)
  cd "$PROJECT" || return 1
  git init -q . 2>/dev/null || mkdir .git
}

test_edit_approved_in_the_float_then_undo_restores_the_bytes() {
  new_project || return 1
  start_weft 100x32
  wait_for "Welcome" || return 1
  literal "write"; keys Enter
  wait_for "Create weft-scratch.txt?" || return 1
  wait_line " 6 \+ counter: 1" || return 1
  keys y
  wait_for "Wrote weft-scratch.txt" || return 1
  cp weft-scratch.txt "$PROJECT/.v1"
  literal "edit"; keys Enter
  wait_for "Edit weft-scratch.txt?" || return 1
  # The diff shows removed and added rows on red and green, before anything is written.
  wait_line " 6 - counter: 1" || return 1
  screen_styled | grep -q "48;5;52m" || { echo "    no DiffDelete row colour"; return 1; }
  screen_styled | grep -q "48;5;22m" || { echo "    no DiffAdd row colour"; return 1; }
  cmp -s weft-scratch.txt "$PROJECT/.v1" || { echo "    written before approval"; return 1; }
  keys y
  wait_for "Edited weft-scratch.txt" || return 1
  wait_line "✓ edit_file  weft-scratch.txt  \+2 -2" || return 1
  ! cmp -s weft-scratch.txt "$PROJECT/.v1" || { echo "    the edit did not change the file"; return 1; }
  wait_line "mock-1  idle" || return 1
  literal "/undo"; keys Enter
  wait_for "restored weft-scratch.txt" || return 1
  cmp weft-scratch.txt "$PROJECT/.v1"
}

test_rewind_restores_files_and_continues_in_a_new_session() {
  new_project || return 1
  start_weft 100x32 --permission-mode edits
  wait_for "Welcome" || return 1
  literal "write"; keys Enter
  wait_for "Wrote weft-scratch.txt" || return 1
  cp weft-scratch.txt "$PROJECT/.v1"
  literal "edit"; keys Enter
  wait_for "Edited weft-scratch.txt" || return 1
  wait_line "mock-1  idle" || return 1
  local sessions="$WEFT_HOME/state/weft/sessions" old
  old=$(ls "$sessions")
  local before; before=$(wc -l < "$sessions/$old")
  literal "/rewind"; keys Enter
  wait_for "Rewind to before which prompt?" || return 1
  keys Enter
  wait_for "Rewound to before prompt 2" || return 1
  cmp weft-scratch.txt "$PROJECT/.v1" || return 1
  [ "$(ls "$sessions" | wc -l)" = 2 ] || { echo "    no new session"; ls "$sessions"; return 1; }
  [ "$(wc -l < "$sessions/$old")" = "$before" ] || { echo "    the old session file changed"; return 1; }
  # The prompt rewound to is back in the composer.
  wait_line "│edit +│"
}

test_shift_tab_cycles_the_permission_mode() {
  new_project || return 1
  start_weft 100x24
  wait_for "⏵ ask" || return 1
  keys BTab; wait_for "⏵ edits" || return 1
  keys BTab; wait_for "⏵ read-only" || return 1
  keys BTab; wait_for "⏵ ask"
}

test_bang_command_runs_in_the_shell() {
  new_project || return 1
  : > marker-file.txt
  start_weft 100x24
  wait_for "Welcome" || return 1
  literal "!ls"; keys Enter
  wait_line "✓ [$] ls" || return 1
  wait_for "marker-file.txt"
}

test_print_mode_honours_the_permission_mode() {
  new_project || return 1
  printf 'counter: 1\nstatus: draft\n' > weft-scratch.txt
  cp weft-scratch.txt .v1
  local home; home=$(mktemp -d)
  # ask: the edit needs approval and nobody can give it: denied, file untouched.
  env -i HOME="$home" XDG_STATE_HOME="$home/state" PATH="$PATH" WEFT_MOCK_TPS=0 "$WEFT_BIN" --clean -p "edit" > /dev/null
  cmp -s weft-scratch.txt .v1 || { echo "    ask mode changed the file"; return 1; }
  # edits: an edit inside the project is applied without a prompt.
  env -i HOME="$home" XDG_STATE_HOME="$home/state" PATH="$PATH" WEFT_MOCK_TPS=0 \
    "$WEFT_BIN" --clean --permission-mode edits -p "edit" > /dev/null || return 1
  grep -q "counter: 2" weft-scratch.txt || { echo "    edits mode did not apply the edit"; cat weft-scratch.txt; return 1; }
  "$WEFT_BIN" --permission-mode bogus -p x 2>&1 | grep -q "ask|edits|read-only|yolo"
}

test_lua_permission_mode_undo_checkpoints_and_diff() {
  new_project || return 1
  local script out
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
local function check(ok, what) if not ok then io.stderr:write("FAILED: " .. what .. "\n"); weft.quit(1) end end
weft.chat.provider.set{ name = "mock", tokens_per_second = 0 }
local modes = {}
weft.autocmd.create("permission_mode", { callback = function(ev) modes[#modes + 1] = ev.data.mode end })
check(weft.chat.permission_mode() == "ask", "default mode")
check(weft.chat.permission_mode("edits") == "edits", "set mode")
check(not pcall(weft.chat.permission_mode, "sometimes"), "bad mode is an error")
weft.chat.submit("write")
check(weft.wait(5000, function() return weft.chat.state() == "idle" end), "write finished")
local f = io.open("weft-scratch.txt"); local v1 = f:read("a"); f:close()
weft.chat.submit("edit")
check(weft.wait(5000, function() return weft.chat.state() == "idle" end), "edit finished")
local cps = weft.chat.checkpoints()
check(#cps == 2 and cps[2].prompt == "edit" and not cps[2].undone, "two checkpoints")
local r = weft.chat.undo()
check(r and #r.restored == 1 and r.turns[1] == 2, "undo restored one file")
f = io.open("weft-scratch.txt"); local now = f:read("a"); f:close()
check(now == v1, "undo restored the bytes")
check(weft.chat.checkpoints()[2].undone, "turn 2 undone")
local d = weft.chat.diff.unified("a\nb\n", "a\nc\n", { path = "x.txt" })
check(d == "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n", "diff.unified")
local buf = weft.buf.create{ scratch = true }
check(weft.chat.diff.render(buf, d) == 3, "diff.render count")
check(weft.buf.get_lines(buf, 0, -1)[2] == "2 - b", "diff.render rows")
local marks = weft.extmark.list(buf, weft.ns.create("diff"), 0, -1)
check(#marks > 0, "diff.render marks")
check(not pcall(weft.chat.diff.render, buf, "not a diff"), "bad diff is an error")
check(#weft.chat.instructions() == 0, "no AGENTS.md")
check(modes[1] == "edits", "permission_mode event")
print("agent lua ok")
weft.quit(0)
LUA
  out=$(env -i HOME="$(mktemp -d)" PATH="$PATH" "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "$out" | sed 's/^/    /'
  [ "$out" = "agent lua ok" ]
}
