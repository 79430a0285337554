# Plugins end to end: project config trust in the real terminal UI, :reload
# from the composer, broken plugins, and the headless faces (real chat tools
# reloaded, the untrusted-config warning on stderr).

# make_project DIR: a repository whose .weft/init.lua creates DIR/ran and
# shows a message.
make_project() {
  mkdir -p "$1/.git" "$1/.weft"
  cat >"$1/.weft/init.lua" <<EOF
io.open("$1/ran", "w"):close()
weft.notify("project " .. "config ran")
EOF
}

test_trust_float_asks_and_trust_runs_the_project_config() {
  local proj; proj=$(mktemp -d)
  make_project "$proj"
  cd "$proj" || return 1
  start_weft 90x24
  wait_for "Trust project config?" || return 1
  wait_for "[v] view" || return 1
  [ ! -e "$proj/ran" ] || { echo "    untrusted config ran before it was trusted"; return 1; }
  literal "v"
  wait_for 'io.open(' || return 1
  literal "t"
  wait_gone "Trust project config?" || return 1
  wait_for "project config ran" || return 1
  [ -e "$proj/ran" ] || { echo "    trusted config did not run"; return 1; }
  grep -q "^trust [0-9a-f]\{64\} $proj/.weft/init.lua$" "$WEFT_HOME/state/weft/trust" \
    || { echo "    trust not recorded:"; cat "$WEFT_HOME/state/weft/trust"; return 1; }
  keys C-d
  wait_for "[exited 0]" || return 1
  # Trusted: the next start runs it without asking; edited: asks again.
  rm -f "$proj/ran"
  start_weft 90x24
  wait_for "project config ran" || return 1
  screen | grep -q "Trust project config?" && { echo "    asked again for trusted content"; return 1; }
  keys C-d
  wait_for "[exited 0]" || return 1
  rm -f "$proj/ran"
  echo "-- edited" >>"$proj/.weft/init.lua"
  start_weft 90x24
  wait_for "Trust project config?" || return 1
  literal "i"
  wait_gone "Trust project config?" || return 1
  [ ! -e "$proj/ran" ] || { echo "    edited config ran without trust"; return 1; }
  literal "still typing"
  wait_for "still typing"
}

test_reload_from_the_composer_keeps_one_copy() {
  local plug; plug=$(mktemp -d)/counter.lua
  cat >"$plug" <<'EOF'
local st = weft.plugin.state()
st.n = (st.n or 0) + 1
weft.cmd.create("count", function()
  weft.notify("loads=" .. st.n .. " commands=" .. #weft.cmd.list())
end, {})
EOF
  start_weft 90x24 --plugin "$plug"
  wait_for "Welcome" || return 1
  literal "/reload counter"; keys Enter
  wait_for "reload counter: loaded" || return 1
  literal "/reload"; keys Enter
  wait_for "reloaded" || return 1
  literal "/count"; keys Enter
  wait_for "loads=3" || return 1
  keys C-d
  wait_for "[exited 0]"
}

test_broken_plugin_does_not_stop_others_or_the_ui() {
  local dir; dir=$(mktemp -d)
  printf 'local x = = 1\n' >"$dir/broken.lua"
  printf 'weft.cmd.create("fine", function() weft.notify("fine plugin works") end, {})\n' >"$dir/fine.lua"
  start_weft 90x24 --plugin "$dir/broken.lua" --plugin "$dir/fine.lua"
  wait_for "broken.lua:1:" || return 1
  literal "/fine"; keys Enter
  wait_for "fine plugin works" || return 1
  literal "/extensions"; keys Enter
  wait_for "broken  error  (flag): $dir/broken.lua:1: unexpected symbol" || return 1
  wait_for "fine  loaded  (flag) 1 command" || return 1
  literal "q"
  wait_gone "q close" || return 1
  literal "hello"; keys Enter
  wait_for "mock provider" || return 1
  keys C-d
  wait_for "[exited 0]"
}

test_headless_reloads_real_chat_tools_and_warns_about_untrusted_config() {
  local proj home out err
  proj=$(mktemp -d); home=$(mktemp -d)
  make_project "$proj"
  mkdir -p "$home/config/weft/plugins/tooly"
  cat >"$home/config/weft/plugins/tooly/init.lua" <<'EOF'
weft.chat.tool.register{ name = "tooly", description = "t", run = function() return "ok" end }
weft.keymap.set("normal", "<F9>", function() end)
weft.timer.every(1000, function() end)
EOF
  cat >"$home/script.lua" <<'EOF'
for _ = 1, 100 do assert(weft.plugin.reload("tooly")) end
local n = 0
for _, t in ipairs(weft.chat.tool.list()) do if t.name == "tooly" then n = n + 1 end end
local p = weft.plugin.list()[1]
print("tools=" .. n .. " timers=" .. p.registered.timers .. " keymaps=" .. p.registered.keymaps .. " " .. p.name .. " " .. p.state)
EOF
  out=$(cd "$proj" && env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
        "$WEFT_BIN" --headless -l "$home/script.lua" 2>"$home/err")
  err=$(cat "$home/err")
  [ "$out" = "tools=1 timers=1 keymaps=1 tooly loaded" ] || { echo "    got: $out"; echo "    stderr: $err"; return 1; }
  grep -q "skipping untrusted project config $proj/.weft/init.lua" <<<"$err" || { echo "    no warning: $err"; return 1; }
  [ ! -e "$proj/ran" ] || { echo "    headless ran untrusted project config"; return 1; }
  out=$(cd "$proj" && env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
        "$WEFT_BIN" --health 2>/dev/null)
  grep -q "tooly  loaded  (user) 1 keymap, 1 timer, 1 tool" <<<"$out" || { echo "    health: $out"; return 1; }
  grep -q "$proj/.weft/init.lua  untrusted  (project)" <<<"$out" || { echo "    health: $out"; return 1; }
  # --clean: no user plugins, no project config (so no warning); --plugin still loads.
  printf 'print("flag plugin ran")\n' >"$home/flag.lua"
  printf 'for _, p in ipairs(weft.plugin.list()) do print("listed " .. p.name) end\n' >"$home/list.lua"
  out=$(cd "$proj" && env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
        "$WEFT_BIN" --headless --clean --plugin "$home/flag.lua" -l "$home/list.lua" 2>&1)
  [ "$out" = "$(printf 'flag plugin ran\nlisted flag')" ] || { echo "    --clean: $out"; return 1; }
  err=$(cd "$proj" && env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" PATH="$PATH" \
        WEFT_MOCK_TPS=0 "$WEFT_BIN" -p "hi" 2>&1 >/dev/null)
  grep -q "skipping untrusted project config" <<<"$err" || { echo "    -p gave no warning: $err"; return 1; }
}
