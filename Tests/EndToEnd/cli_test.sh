# The command line (swift-argument-parser): generated help, one-line errors,
# script arguments after --headless -l FILE, shell completion scripts.

test_help_is_generated_and_lists_every_flag() {
  local out
  out=$("$WEFT_BIN" --help) || return 1
  for flag in "USAGE: weft" "--clean" "-u <file>" "--plugin <path>" "--no-mouse" "--inline" "--headless" "-l <file>" \
              "--size <WxH>" "-p, --print" "--provider <name>" "--model <name>" "--base-url <url>" \
              "--thinking-budget <tokens>" "--max-tokens <tokens>" "--output-format <format>" "--max-turns <n>" "--timeout <seconds>" "--context-window <tokens>" "--auto-compact <share>" "--continue" "--resume <id>" "--health" "-v, --version" "-h, --help"; do
    grep -qF -- "$flag" <<<"$out" || { echo "    --help lacks $flag"; return 1; }
  done
  [ "$("$WEFT_BIN" -h)" = "$out" ]
}

test_help_wraps_between_items_at_narrow_widths() {
  # At 50 columns no example or option is broken back to column 0: every
  # line after "Examples:" until "USAGE" starts indented.
  local out
  out=$(COLUMNS=50 "$WEFT_BIN" --help) || return 1
  local bad
  bad=$(awk '/^Examples:/ {on=1; next} /^USAGE/ {on=0} on && NF && !/^  / {print}' <<<"$out")
  [ -z "$bad" ] || { echo "    broken lines: $bad"; return 1; }
  [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' <<<"$out")" -le 50 ]
}

test_bad_command_lines_are_one_line_errors() {
  local out rc
  check() {  # check EXPECTED-SUBSTRING ARGS...: exit 2, one stderr line, nothing on stdout
    local want=$1; shift
    out=$("$WEFT_BIN" "$@" 2>&1 >/dev/null); rc=$?
    echo "    weft $* -> $rc: $out"
    [ $rc -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -qF -- "$want" <<<"$out" && [[ $out == "weft: "* ]]
  }
  check "Unknown option '--bogus'" --bogus || return 1
  check "want WIDTHxHEIGHT" --headless --size 3 || return 1
  check "want a number of tokens" --thinking-budget -5 || return 1
  check "want a number of tokens" --max-tokens many || return 1
  check "-p needs a prompt" -p || return 1
  check "a prompt needs -p" hello || return 1
  check "Missing value for '-l <file>'" --headless -l || return 1
}

test_script_arguments_follow_the_script_dashes_included() {
  local script out
  script=$(mktemp --suffix .lua)
  echo 'print(table.concat({...}, "|")); weft.quit(0)' > "$script"
  out=$(HOME=$(mktemp -d) "$WEFT_BIN" --clean --headless --size 40x10 -l "$script" a --size -p 2>&1)
  echo "    $out"
  [ "$out" = "a|--size|-p" ]
}

test_completion_scripts_for_bash_zsh_and_fish() {
  local shell out
  for shell in bash zsh fish; do
    out=$("$WEFT_BIN" --generate-completion-script "$shell") || return 1
    grep -qF -- "--headless" <<<"$out" || { echo "    $shell completions lack --headless"; return 1; }
    grep -qF -- "anthropic" <<<"$out" || { echo "    $shell completions lack the provider names"; return 1; }
  done
  bash -n <("$WEFT_BIN" --generate-completion-script bash) || { echo "    bash completions do not parse"; return 1; }
}

test_health_names_a_normalised_runtime_path() {
  local line
  line=$("$WEFT_BIN" --health 2>/dev/null | grep -m1 "runtime ") || { echo "    no runtime line"; return 1; }
  echo "    $line"
  ! grep -qE '/\.\.?/' <<<"$line"
}
