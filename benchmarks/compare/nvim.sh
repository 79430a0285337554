#!/usr/bin/env bash
# Runs the same Lua loops, the same startup and a dense 200x50 redraw (bytes
# through a pty, benchmarks/pty/ptyrun.py) in weft
# and in Neovim, in one run, and prints a markdown table with weft/nvim ratios.
#   benchmarks/compare/nvim.sh path/to/weft
set -euo pipefail
weft=${1:?usage: nvim.sh WEFT_BINARY}
command -v nvim >/dev/null || { echo "nvim is not installed"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export HOME=$dir XDG_CONFIG_HOME=$dir/config XDG_STATE_HOME=$dir/state WEFT_MOCK_TPS=0

# The loops, written once per API; each prints CPU milliseconds (os.clock).
cat > "$dir/nvim_set_lines.lua" <<'LUA'
local b = vim.api.nvim_create_buf(false, true)
local t0 = os.clock()
for i = 1, 10000 do vim.api.nvim_buf_set_lines(b, 0, -1, false, {'line ' .. i, 'second'}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/weft_set_lines.lua" <<'LUA'
local b = weft.buf.create{}
local t0 = os.clock()
for i = 1, 10000 do weft.buf.set_lines(b, 0, -1, {'line ' .. i, 'second'}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
weft.quit(0)
LUA
cat > "$dir/nvim_extmark.lua" <<'LUA'
local b = vim.api.nvim_create_buf(false, true)
vim.api.nvim_buf_set_lines(b, 0, -1, false, {string.rep('x', 100)})
local ns = vim.api.nvim_create_namespace('bench')
local t0 = os.clock()
for i = 1, 10000 do vim.api.nvim_buf_set_extmark(b, ns, 0, i % 100, {hl_group = 'Title'}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/weft_extmark.lua" <<'LUA'
local b = weft.buf.create{}
weft.buf.set_lines(b, 0, -1, {string.rep('x', 100)})
local ns = weft.ns.create('bench')
local t0 = os.clock()
for i = 1, 10000 do weft.extmark.set(b, ns, 0, i % 100, {hl = 'Title'}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
weft.quit(0)
LUA
echo 'weft.quit(0)' > "$dir/quit.lua"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs=7
nv() { for _ in $(seq $runs); do nvim --clean --headless -c "luafile $1" -c 'qa!' 2>&1 | tail -1; done | median; }
wf() { for _ in $(seq $runs); do "$weft" --clean --headless -l "$1" 2>&1 | tail -1; done | median; }
ms_of() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000" | bc; }
startup() { for _ in $(seq 11); do ms_of "$@"; done | median; }

n_sl=$(nv "$dir/nvim_set_lines.lua"); w_sl=$(wf "$dir/weft_set_lines.lua")
n_em=$(nv "$dir/nvim_extmark.lua"); w_em=$(wf "$dir/weft_extmark.lua")
n_st=$(startup nvim --clean --headless +qa); w_st=$(startup "$weft" --clean --headless -l "$dir/quit.lua")

# Dense 200x50 redraw: the same screen (benchmarks/pty/dense.lua: prose
# with a different truecolor highlight every 3-7 cells) drawn by each
# editor's first frame in a 200x50 pty; bytes written, startup included.
pty=$(cd "$(dirname "$0")/../pty" && pwd)
n_db=$(python3 "$pty/ptyrun.py" bytes nvim --noplugin -n -i NONE -u "$pty/dense_nvim.lua")
w_db=$(python3 "$pty/ptyrun.py" bytes "$weft" -u "$pty/dense_weft.lua")

ratio() { echo "scale=2; $1 / $2" | bc; }
echo "| scenario | weft | nvim $(nvim --version | head -1 | awk '{print $2}') | weft/nvim | target |"
echo "|---|---|---|---|---|"
echo "| lua.buf_set_lines (10k calls, CPU ms) | $w_sl | $n_sl | $(ratio "$w_sl" "$n_sl") | <= 0.5 |"
echo "| lua.extmark_set (10k marks, CPU ms) | $w_em | $n_em | $(ratio "$w_em" "$n_em") | <= 0.5 |"
echo "| startup.first_frame, headless, ms (wall) | $w_st | $n_st | $(ratio "$w_st" "$n_st") | <= 1 |"
echo "| dense 200x50 redraw through a pty, bytes (first frame, startup included) | $w_db | $n_db | $(ratio "$w_db" "$n_db") | <= 0.5 |"
