#!/usr/bin/env bash
# Runs every Tests/EndToEnd/*_test.sh against the real weft binary in tmux.
# Prints one line per test and a closing "N passed, M failed" line.
set -u
here=$(dirname "$0")
export WEFT_BIN=$(realpath "${1:-$here/../../.build/debug/weft}")
cd "$here"
command -v tmux >/dev/null || { echo "tmux is not installed"; echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for file in *_test.sh; do
  # shellcheck disable=SC1090
  tests=$(grep -o '^test_[a-z0-9_]*' "$file")
  for t in $tests; do
    if ( source ./lib.sh; source "./$file"; trap stop_weft EXIT; "$t" ); then
      echo "  ok   $file $t"; passed=$((passed + 1))
    else
      echo "  FAIL $file $t"; failed=$((failed + 1))
    fi
  done
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
