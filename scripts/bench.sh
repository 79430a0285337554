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

weft=${WEFT_BIN:-$root/.build/release/weft}

# startup.first_frame: headless start to the first composed frame, then quit
# (whole process, wall clock, median of 21), with no config and with the
# heaviest example config.
startup() {
  local i s e
  for i in $(seq 21); do
    s=$(date +%s%N); "$weft" "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] / 1000}'
}
tmp=$(mktemp -d)
echo 'weft.ui.redraw(); weft.quit(0)' > "$tmp/first_frame.lua"
{
  echo "| startup.first_frame, no config (--clean) | $(HOME=$tmp startup --clean --headless --size 200x50 -l "$tmp/first_frame.lua") ms | <= 30 ms |"
  echo "| startup.first_frame, runtime/examples/vim.lua | $(HOME=$tmp startup -u runtime/examples/vim.lua --headless --size 200x50 -l "$tmp/first_frame.lua") ms | <= 50 ms |"
} > "$out/startup.md"

# Provider throughput: a 100k-token reply (fake server case 9) streamed
# through `weft -p` as fast as the local fake server sends it.
python3 Tests/Fixtures/fake_openai_server.py --port 0 --idle-timeout 60 > "$tmp/port" &
fake=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
s=$(date +%s%N)
HOME=$tmp "$weft" --clean -p case:9 --base-url "http://127.0.0.1:$(head -1 "$tmp/port")" --model fake > "$tmp/reply" 2>&1 || true
e=$(date +%s%N)
kill $fake 2>/dev/null || true
secs=$(echo "scale=3; ($e - $s) / 1000000000" | bc)
words=$(wc -w < "$tmp/reply")
echo "| openai provider, 100k-token reply through weft -p | $secs s | $(echo "$words / $secs" | bc) tokens/s |" > "$out/provider.md"
rm -rf "$tmp"

compare=""
if [ "${1:-}" = "--compare" ]; then
  if ! command -v nvim >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq neovim; else sudo apt-get install -y -qq neovim; fi
  fi
  compare=$(bash benchmarks/compare/nvim.sh "$weft" 2>&1 || true)
fi

machine="$(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
python3 scripts/perfdoc.py --date "$(date -u +%Y-%m-%d)" --machine "$machine" \
  --benchmarks "$out/benchmarks.md" --bytes "$out/bytes.md" --startup "$out/startup.md" --provider "$out/provider.md" --compare "$compare" > docs/performance.md
echo "wrote docs/performance.md"
