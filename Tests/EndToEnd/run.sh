#!/usr/bin/env bash
# Runs every Tests/EndToEnd/*_test.sh against the real weft binary in tmux.
# Prints one line per test and a closing "N passed, M failed" line.
# Usage: run.sh [WEFT_BIN] [PATTERN] — PATTERN (a grep -E regex) keeps only
# the tests whose "file test_name" matches, e.g. run.sh BIN agent_test.
set -u
pattern=${2:-}
here=$(dirname "$0")
export WEFT_BIN=$(realpath "${1:-$here/../../.build/debug/weft}")
cd "$here"
command -v tmux >/dev/null || { echo "tmux is not installed"; echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for file in *_test.sh; do
  # shellcheck disable=SC1090
  tests=$(grep -o '^test_[a-z0-9_]*' "$file")
  for t in $tests; do
    if [ -n "$pattern" ] && ! echo "$file $t" | grep -Eq -- "$pattern"; then continue; fi
    if ( source ./lib.sh; source "./$file"; trap stop_weft EXIT; "$t" ); then
      echo "  ok   $file $t"; passed=$((passed + 1))
    else
      echo "  FAIL $file $t"; failed=$((failed + 1))
    fi
  done
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
