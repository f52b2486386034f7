# Shared by the CLI tests of generated data files. Sourced after `unspin` and `built`
# (build/data) are set.

# without_data_file NAME: skips the test (exit 0) when the build has not made NAME; otherwise
# makes the scratch directory $work (removed on exit) and $work/data, which holds links to every
# file of $built except NAME.
without_data_file() {
  [ -f "$built/$1" ] || { echo "skip: no $built/$1 (tools/setup, then tools/build)"; exit 0; }
  work=$(mktemp -d) || exit 1
  trap 'rm -rf "$work"' EXIT
  built=$(cd "$built" && pwd) || exit 1  # the links must not depend on the working directory
  mkdir -p "$work/data"
  for f in "$built"/*; do [ "$(basename "$f")" = "$1" ] || ln -sf "$f" "$work/data/"; done
}

# expect_error WHAT PATTERN COMMAND...: the command, run on $work/data, exits with status 2 and
# one line on stderr that matches PATTERN.
expect_error() {
  local what=$1 pattern=$2; shift 2
  UNSPIN_DATA=$work/data "$@" >"$work/out" 2>"$work/err"
  local status=$?
  [ "$status" = 2 ] || { echo "FAIL ($what): exit status $status, expected 2"; cat "$work/err"; exit 1; }
  grep -q -- "$pattern" "$work/err" || { echo "FAIL ($what): stderr lacks '$pattern':"; cat "$work/err"; exit 1; }
  [ "$(wc -l <"$work/err")" = 1 ] || { echo "FAIL ($what): more than one line on stderr"; cat "$work/err"; exit 1; }
}
