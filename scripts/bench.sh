#!/usr/bin/env bash
# Runs the benchmark suite (release) and regenerates docs/performance.md.
#   scripts/bench.sh            weft's own scenarios
#   scripts/bench.sh --compare  also the Neovim comparisons (installs neovim)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=benchmarks/output
mkdir -p "$out"

(cd benchmarks && swift package --disable-sandbox benchmark --no-progress --format markdown) \
  | sed '/^Note: skipping LD_PRELOAD/d' > "$out/benchmarks.md"
(cd benchmarks && swift run -c release BytesReport) > "$out/bytes.md"

compare=""
if [ "${1:-}" = "--compare" ]; then
  if ! command -v nvim >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq neovim; else sudo apt-get install -y -qq neovim; fi
  fi
  compare=$(bash benchmarks/compare/nvim.sh "$root/.build/release/weft" 2>&1 || true)
fi

machine="$(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
python3 scripts/perfdoc.py --date "$(date -u +%Y-%m-%d)" --machine "$machine" \
  --benchmarks "$out/benchmarks.md" --bytes "$out/bytes.md" --compare "$compare" > docs/performance.md
echo "wrote docs/performance.md"
