#!/usr/bin/env bash
# Runs every suite: Swift unit tests, the Lua suite (headless weft), and the
# tmux end-to-end tests against the real binary. Prints a closing
# "N passed, M failed" line and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
run_suite() {
  local name=$1; shift
  echo "=== $name ==="
  if ! "$@"; then
    echo "=== $name: FAILED ==="
    status=1
  fi
}

run_suite "swift test" swift test --skip-build --skip OpenAIProviderTests --skip AnthropicProviderTests
# Network tests against local fake servers run alone: in the big parallel run
# a starved thread pool turns their timing checks into noise.
run_suite "swift test (OpenAI provider, local fake server)" swift test --skip-build --filter OpenAIProviderTests
run_suite "swift test (Anthropic provider, local fake server)" swift test --skip-build --filter AnthropicProviderTests
run_suite "lua examples" bash Tests/Lua/run_examples.sh .build/debug/weft
run_suite "libFuzzer targets (quick, debug build)" bash scripts/fuzz.sh --quick --runs 20000
run_suite "lua api fuzz (short)" bash scripts/lua-fuzz.sh .build/debug/weft --seeds 4 --calls 1500
if [ -f Tests/EndToEnd/run.sh ]; then
  run_suite "end-to-end (tmux)" bash Tests/EndToEnd/run.sh .build/debug/weft
fi
exit $status
