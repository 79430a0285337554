# weft.chat (added by the chat layer of the real binary) against its LuaLS
# annotations in runtime/lua/weft/_meta/chat.lua, both ways.

test_every_chat_binding_is_annotated_and_vice_versa() {
  local meta script out
  meta=$(realpath ../../runtime/lua/weft/_meta/chat.lua)
  script=$(mktemp --suffix .lua)
  cat > "$script" <<LUA
local live, annotated, bad = {}, {}, {}
local function walk(t, prefix)
  for k, v in pairs(t) do
    if type(v) == "function" then live[prefix .. k] = true
    elseif type(v) == "table" then walk(v, prefix .. k .. ".") end
  end
end
walk(weft.chat, "weft.chat.")
for line in io.lines("$meta") do
  local name = line:match("^function ([%w_.]+)%(")
  if name then annotated[name] = true end
end
for n in pairs(live) do if not annotated[n] then bad[#bad + 1] = "no annotation: " .. n end end
for n in pairs(annotated) do if not live[n] then bad[#bad + 1] = "no binding: " .. n end end
table.sort(bad)
print(#bad == 0 and "chat meta ok" or table.concat(bad, "\n"))
weft.quit(#bad == 0 and 0 or 1)
LUA
  out=$(HOME=$(mktemp -d) "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "$out" | sed 's/^/    /'
  [ "$out" = "chat meta ok" ]
}

# The `tick` event fires once per main-loop turn that did work (here the
# turn that runs a timer) and never while the loop is idle.
test_tick_fires_on_turns_that_did_work() {
  local script out
  script=$(mktemp --suffix .lua)
  cat > "$script" <<'LUA'
local ticks, fired = 0, false
weft.autocmd.create("tick", { callback = function() ticks = ticks + 1 end })
weft.timer.defer(20, function() fired = true end)
weft.wait(1000, function() return fired end)
local after_timer = ticks
weft.wait(200, function() return false end)
print(string.format("fired=%s ticks=%s idle_ticks=%d", tostring(fired), tostring(after_timer >= 1),
  ticks - after_timer))
weft.quit(0)
LUA
  out=$(HOME=$(mktemp -d) "$WEFT_BIN" --clean --headless -l "$script" 2>&1)
  echo "$out" | sed 's/^/    /'
  [ "$out" = "fired=true ticks=true idle_ticks=0" ]
}
