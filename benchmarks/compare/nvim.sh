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

# The loops of issue 15, written once with API placeholders: @SET(b, s, e,
# lines), @GET(b, s, e), @MARK(b, ns, row, col), @NEW() and @NS(name) become
# each editor's call (nvim_buf_set_lines gets strict_indexing = false
# before the lines). Each prints CPU milliseconds (os.clock) of its timed
# part, except top_insert_1m which prints microseconds per insert.
cat > "$dir/append.lua" <<'LUA'
local b = @NEW()
local t0 = os.clock()
for i = 1, 100000 do @SET(b, -1, -1, {'line ' .. i}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/get_lines.lua" <<'LUA'
local b = @NEW()
local lines = {}
for i = 1, 100000 do lines[i] = 'line number ' .. i end
@SET(b, 0, -1, lines)
local t0, n = os.clock(), 0
for i = 0, 99999, 7 do n = n + #@GET(b, i, i + 1)[1] end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/marks.lua" <<'LUA'
local b = @NEW()
local lines = {}
for i = 1, 100000 do lines[i] = 'line number ' .. i end
@SET(b, 0, -1, lines)
local ns = @NS('bench')
local t0 = os.clock()
for i = 0, 99999 do @MARK(b, ns, i, 2) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/top_insert_marks.lua" <<'LUA'
local b = @NEW()
local lines = {}
for i = 1, 100000 do lines[i] = 'line number ' .. i end
@SET(b, 0, -1, lines)
local ns = @NS('bench')
for i = 0, 99999 do @MARK(b, ns, i, 2) end
local t0 = os.clock()
for i = 1, 1000 do @SET(b, 0, 0, {'top ' .. i}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
cat > "$dir/top_insert_1m.lua" <<'LUA'
local b = @NEW()
local lines = {}
for i = 1, 1000000 do lines[i] = 'line number ' .. i end
@SET(b, 0, -1, lines)
lines = nil
local t0 = os.clock()
for i = 1, 1000 do @SET(b, 0, 0, {'top ' .. i}) end
io.stdout:write(string.format("%.3f\n", (os.clock() - t0) * 1000))
LUA
for f in append get_lines marks top_insert_marks top_insert_1m; do
  sed -e 's/@NEW()/vim.api.nvim_create_buf(false, true)/' \
      -e 's/@SET(\([^,]*\), \([^,]*\), \([^,]*\), /vim.api.nvim_buf_set_lines(\1, \2, \3, false, /' \
      -e 's/@GET(\([^,]*\), \([^)]*\))/vim.api.nvim_buf_get_lines(\1, \2, false)/' \
      -e 's/@MARK(\([^)]*\))/vim.api.nvim_buf_set_extmark(\1, {})/' \
      -e 's/@NS(/vim.api.nvim_create_namespace(/' "$dir/$f.lua" > "$dir/nvim_$f.lua"
  { sed -e 's/@NEW()/weft.buf.create{}/' -e 's/@SET(/weft.buf.set_lines(/' -e 's/@GET(/weft.buf.get_lines(/' \
        -e 's/@MARK(\([^)]*\))/weft.extmark.set(\1, {})/' -e 's/@NS(/weft.ns.create(/' "$dir/$f.lua"
    echo 'weft.quit(0)'; } > "$dir/weft_$f.lua"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs=7
nv() { for _ in $(seq $runs); do nvim --clean --headless -c "luafile $1" -c 'qa!' 2>&1 | tail -1; done | median; }
wf() { for _ in $(seq $runs); do "$weft" --clean --headless -l "$1" 2>&1 | tail -1; done | median; }
ms_of() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000" | bc; }
# Start-up: 31 starts of each editor, taken in turns (one of each, the
# first of the pair alternating), so a change in the machine's load during
# the runs falls on both alike; the median of each.
startups() {
  local i st="$dir/startups"
  : > "$st"
  for i in $(seq 31); do
    if [ $((i % 2)) -eq 0 ]; then
      echo "n $(ms_of nvim --clean --headless +qa)" >> "$st"; echo "w $(ms_of "$weft" --clean --headless -l "$dir/quit.lua")" >> "$st"
    else
      echo "w $(ms_of "$weft" --clean --headless -l "$dir/quit.lua")" >> "$st"; echo "n $(ms_of nvim --clean --headless +qa)" >> "$st"
    fi
  done
  n_st=$(awk '$1 == "n" {print $2}' "$st" | median); w_st=$(awk '$1 == "w" {print $2}' "$st" | median)
}

n_sl=$(nv "$dir/nvim_set_lines.lua"); w_sl=$(wf "$dir/weft_set_lines.lua")
n_em=$(nv "$dir/nvim_extmark.lua"); w_em=$(wf "$dir/weft_extmark.lua")
n_ap=$(nv "$dir/nvim_append.lua"); w_ap=$(wf "$dir/weft_append.lua")
n_gl=$(nv "$dir/nvim_get_lines.lua"); w_gl=$(wf "$dir/weft_get_lines.lua")
n_mk=$(nv "$dir/nvim_marks.lua"); w_mk=$(wf "$dir/weft_marks.lua")
n_tm=$(nv "$dir/nvim_top_insert_marks.lua"); w_tm=$(wf "$dir/weft_top_insert_marks.lua")
runs=3
n_t1=$(nv "$dir/nvim_top_insert_1m.lua"); w_t1=$(wf "$dir/weft_top_insert_1m.lua")
runs=7
startups

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
echo "| lua.append_lines (100k one-line appends, CPU ms) | $w_ap | $n_ap | $(ratio "$w_ap" "$n_ap") | <= 0.5 |"
echo "| lua.get_lines (every 7th of 100k lines, CPU ms) | $w_gl | $n_gl | $(ratio "$w_gl" "$n_gl") | <= 0.5 |"
echo "| lua.extmark_set_100k (one mark per line, CPU ms) | $w_mk | $n_mk | $(ratio "$w_mk" "$n_mk") | <= 0.5 |"
echo "| lua.top_insert_marks (1,000 top inserts, 100k lines and marks, CPU ms) | $w_tm | $n_tm | $(ratio "$w_tm" "$n_tm") | <= 1 |"
echo "| lua.top_insert_1m (1,000 top inserts into 1M lines, CPU ms) | $w_t1 | $n_t1 | $(ratio "$w_t1" "$n_t1") | <= 1 |"
echo "| startup.first_frame, headless, ms (wall) | $w_st | $n_st | $(ratio "$w_st" "$n_st") | <= 1 |"
echo "| dense 200x50 redraw through a pty, bytes (first frame, startup included) | $w_db | $n_db | $(ratio "$w_db" "$n_db") | <= 0.5 |"
