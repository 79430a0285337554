#!/usr/bin/env bash
# Runs the Lua API fuzzer (fuzz/lua/api_fuzz.lua) over many seeds, each in
# its own headless weft process with a fresh HOME, under a time limit.
#
#   scripts/lua-fuzz.sh [WEFT_BIN] [--seeds N] [--calls N] [--first S]
#
# A seed fails when its process dies of a signal, runs past the limit
# (a hang), exits non-zero, or reports an error that does not name its
# function ("unnamed:" lines). Prints one line per failing seed, the total
# of calls, and a closing "lua api fuzz: N passed, M failed" line.
set -u
cd "$(dirname "$0")/.."
bin=.build/debug/weft
seeds=8
calls=1500
first=1
limit=120
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    *) bin=$1; shift ;;
  esac
done
bin=$(realpath "$bin")
passed=0; failed=0; total=0; signals=0; hangs=0; unnamed_total=0
for seed in $(seq "$first" $((first + seeds - 1))); do
  home=$(mktemp -d)
  out=$(cd "$home" && env -i HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
        XDG_DATA_HOME="$home/data" WEFT_MOCK_TPS=0 PATH="$PATH" LANG=C.UTF-8 \
        timeout -s KILL "$limit" "$bin" --headless --clean -l "$OLDPWD/fuzz/lua/api_fuzz.lua" "$seed" "$calls" 2>&1)
  status=$?
  rm -rf "$home"
  summary=$(printf '%s\n' "$out" | grep '^lua-api-fuzz ' | tail -1)
  done_calls=$(printf '%s' "$summary" | grep -o 'calls=[0-9]*' | cut -d= -f2)
  unnamed=$(printf '%s\n' "$out" | grep -c '^unnamed:')
  total=$((total + ${done_calls:-0}))
  unnamed_total=$((unnamed_total + unnamed))
  problem=""
  if [ $status -eq 137 ]; then problem="hang (killed after $limit s)"; hangs=$((hangs + 1))
  elif [ $status -gt 128 ]; then problem="died of signal $((status - 128))"; signals=$((signals + 1))
  elif [ $status -ne 0 ]; then problem="exit $status"
  elif [ -z "$summary" ]; then problem="ended early (no summary)"
  elif [ "$unnamed" -gt 0 ]; then problem="$unnamed errors without the function's name"
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    echo "  FAIL seed $seed: $problem"
    printf '%s\n' "$out" | grep -v '^lua-api-fuzz ' | tail -8 | sed 's/^/       /'
  else
    passed=$((passed + 1))
  fi
done
echo "lua api fuzz: $total calls over $seeds seeds, $signals signals, $hangs hangs, $unnamed_total unnamed errors"
echo "lua api fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
