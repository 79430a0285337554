#!/usr/bin/env bash
# Runs the headless screen tests of the example configs against the real
# weft binary: for every Tests/Lua/examples/X_test.lua,
#
#   weft --headless --size 100x30 -u runtime/examples/X.lua -l Tests/Lua/examples/X_test.lua
#
# (X may be a folder: runtime/examples/X/init.lua), plus the wall test
# (Tests/Lua/examples/wall_test.lua with --clean: the stock UI alone).
# Each run gets a fresh HOME and XDG dirs and the instant mock model.
# Prints one line per file and a closing "examples: N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/weft}")
[ -x "$BIN" ] || { echo "no weft binary at $BIN"; echo "examples: 0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for test in Tests/Lua/examples/*_test.lua; do
  name=$(basename "$test" _test.lua)
  if [ "$name" = wall ]; then
    config=(--clean)
  elif [ -f "runtime/examples/$name.lua" ]; then
    config=(-u "runtime/examples/$name.lua")
  elif [ -f "runtime/examples/$name/init.lua" ]; then
    config=(-u "runtime/examples/$name/init.lua")
  else
    echo "  FAIL $name: no runtime/examples/$name.lua or $name/init.lua"; failed=$((failed + 1)); continue
  fi
  home=$(mktemp -d)
  out=$(env HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
        XDG_DATA_HOME="$home/data" WEFT_MOCK_TPS=0 \
        timeout 120 "$BIN" --headless --size 100x30 "${config[@]}" -l "$test" 2>&1)
  rc=$?
  rm -rf "$home"
  # A config that fails to load is reported as "weft: error in ..." on stderr.
  if [ $rc -eq 0 ] && ! grep -aq "FAIL\|^weft: " <<<"$out"; then
    echo "  ok   $name ($(grep -ac '^  ok ' <<<"$out") checks)"; passed=$((passed + 1))
    grep -a '^  WALL ' <<<"$out" | sed 's/^/    known /' # documented walls, not failures
  else
    echo "  FAIL $name (exit $rc)"; sed 's/^/    /' <<<"$out"; failed=$((failed + 1))
  fi
done
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
