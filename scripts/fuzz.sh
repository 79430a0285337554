#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (address sanitizer + libFuzzer, a
# build of its own in fuzz/.build, apart from the normal debug build) and
# runs each over its seed corpus and dictionary.
#
#   scripts/fuzz.sh [--quick] [--runs N | --time SECONDS] [--timeout S] [--jobs J] [TARGET...]
#
# --quick       no build of its own: run the targets' checks through
#               .build/debug/weft-fuzz, the uninstrumented driver of the
#               normal debug build (make test; blind mutations of the seed
#               corpus, Swift's bounds and overflow checks, no sanitizer)
# --runs N      inputs per target (default 20000: make fuzz-short)
# --time S      seconds per target instead (make fuzz)
# --timeout S   seconds one input may take before it counts as a hang
#               (default 10; raise it on a machine busy with other work)
# --jobs J      J processes per target sharing its corpus (each takes
#               N/J of the inputs; the counts are summed)
# ASAN_OPTIONS  from the environment is appended (malloc_context_size=0
#               speeds up allocation-heavy targets such as FuzzMarkdown)
# TARGET        FuzzJSON, FuzzText, ... (default: every target); only
#               these are built
#
# New inputs that reach new code go to fuzz/.build/corpus/TARGET (the
# committed seeds in fuzz/Corpus/TARGET are read, never written). A crash,
# a failed check, a leak or a hang (one input over --timeout) stops the target
# with its input saved as fuzz/.build/artifacts/TARGET/crash-* and fails
# the run. Each run appends "target inputs seconds result" to
# fuzz/.build/fuzz-log.tsv; docs/reliability.md sums it.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=20000
seconds=""
hang=10
jobs=1
quick=false
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; shift ;;
    --runs) runs=$2; shift 2 ;;
    --time) seconds=$2; shift 2 ;;
    --timeout) hang=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

all=(FuzzInputDecoder FuzzStream FuzzAnthropic FuzzJSON FuzzMarkdown FuzzText FuzzSession FuzzLuaValues FuzzFrame)
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

mkdir -p fuzz/.build
if $quick; then
  bin=.build/debug
  [ -x "$bin/weft-fuzz" ] || { echo "fuzz: $bin/weft-fuzz is missing (swift build --build-tests first)"; exit 1; }
  echo "fuzz: ${#targets[@]} targets through the debug build's weft-fuzz (no sanitizer, blind)"
else
  # swiftc's -sanitize=fuzzer adds no coverage counters when it compiles a
  # module on several threads (SwiftPM's release builds do): without them
  # libFuzzer runs blind (it keeps no input: "corp: 1/1b"). Ask for them.
  flags=(-c release --sanitize fuzzer --sanitize address
         -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
  build_log=fuzz/.build/build.log
  echo "fuzz: building ${#targets[@]} targets (address sanitizer + libFuzzer)..."
  start=$(date +%s)
  # Every target links all of fuzz/Harnesses (no HTTP stack: the provider
  # parsers live in Chat), so the first product builds nearly everything.
  build_ok=true
  : > "$build_log"
  # SwiftPM keeps the file lists of a path dependency (weft itself) from
  # its last plan: a source file added to weft since then is not compiled
  # ("cannot find type ... in scope"). Dropping the plan makes it plan
  # again; nothing already compiled is rebuilt.
  rm -f fuzz/.build/release.yaml fuzz/.build/release/description.json
  for t in "${targets[@]}"; do
    swift build --package-path fuzz "${flags[@]}" --product "$t" >> "$build_log" 2>&1 || { build_ok=false; break; }
  done
  if ! $build_ok; then
    grep -E "error:" "$build_log" | head -20
    echo "fuzz: build failed (see $build_log)"
    echo "fuzz: 0 passed, ${#targets[@]} failed"
    exit 1
  fi
  echo "fuzz: built in $(( $(date +%s) - start )) s"
  bin=$(swift build --package-path fuzz "${flags[@]}" --show-bin-path)
fi

passed=0; failed=0
for t in "${targets[@]}"; do
  corpus=fuzz/.build/corpus/$t
  artifacts=fuzz/.build/artifacts/$t
  run=("$bin/$t")
  if $quick; then
    # A corpus of its own, thrown away: blind runs find nothing worth keeping.
    corpus=fuzz/.build/quick-corpus/$t; rm -rf "$corpus"
    artifacts=fuzz/.build/quick-artifacts/$t
    run=("$bin/weft-fuzz" "$t")
  fi
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ -f "fuzz/Dictionaries/$t.dict" ] && dict=(-dict="fuzz/Dictionaries/$t.dict")
  limit=(-runs=$(( (runs + jobs - 1) / jobs )))
  [ -n "$seconds" ] && limit=(-max_total_time="$seconds")
  log=fuzz/.build/$t.log
  t0=$(date +%s)
  # Leak checking is off: Swift keeps references in spare pointer bits that
  # LeakSanitizer cannot see, so it reports live objects as leaks.
  # SWIFT_BACKTRACE=enable=no: libFuzzer reports a crash itself.
  # Each job logs to its own file; they share the corpus directory, and
  # libFuzzer reloads it, so one job's finds reach the others.
  pids=(); logs=()
  for j in $(seq 1 "$jobs"); do
    jlog=$log; [ "$jobs" -gt 1 ] && jlog=fuzz/.build/$t.$j.log
    logs+=("$jlog")
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
      "${run[@]}" "${limit[@]}" "${dict[@]}" -max_len=4096 -timeout="$hang" -rss_limit_mb=3072 -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "fuzz/Corpus/$t" > "$jlog" 2>&1 &
    pids+=($!)
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=$?; done
  [ "$jobs" -gt 1 ] && cat "${logs[@]}" > "$log"
  took=$(( $(date +%s) - t0 ))
  inputs=0
  for jlog in "${logs[@]}"; do
    n=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$jlog" | grep -o '[0-9]*$' | tail -1)
    inputs=$(( inputs + ${n:-0} ))
  done
  if [ $status -eq 0 ]; then
    result=clean; passed=$((passed + 1))
    printf '  ok   %-18s %9s inputs in %4s s\n' "$t" "$inputs" "$took"
  elif grep -aq "libFuzzer: run interrupted" "$log" && ! grep -aqE "ERROR: (AddressSanitizer|libFuzzer: deadly|libFuzzer: timeout|libFuzzer: out-of-memory)|fuzz check failed" "$log"; then
    result=interrupted; failed=$((failed + 1))
    printf '  STOP %-18s after %s inputs: interrupted\n' "$t" "$inputs"
  else
    result=crash; failed=$((failed + 1))
    printf '  FAIL %-18s after %s inputs (exit %s): see %s\n' "$t" "$inputs" "$status" "$log"
    grep -aE "fuzz check failed|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|SUMMARY|Test unit written" "$log" | head -5 | sed 's/^/       /'
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$inputs" "$took" "$result" >> "fuzz/.build/$($quick && echo quick-log || echo fuzz-log).tsv"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
