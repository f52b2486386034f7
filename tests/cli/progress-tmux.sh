#!/usr/bin/env bash
# The progress bar of `check` and `fix`, in a real terminal (a tmux pane): shown over several
# files or one large file when the results go to a file and the run takes more than a second
# (the test makes that no time at all); absent with -q,
# absent when the results go to the terminal, and absent when standard error is not a terminal.
# The results are the same either way. Skips (77) without tmux or a corpus.
set -u
unspin=$1 corpus=$2 clean=$3
command -v tmux >/dev/null || { echo "skipped: tmux is not installed (tools/setup installs it)"; exit 77; }
[ -d "$clean/dev" ] || { echo "skipped: no prepared corpus (tools/build makes it after tools/setup)"; exit 77; }
tmp=$(mktemp -d)
sock=unspin-progress-$$
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$tmp"/*.err; do echo "== $f"; cat -A "$f" | tail -5; done; exit 1; }
# 24 corpus files; the bar is told to appear at once instead of after a second.
files=()
for f in $(ls "$clean"/dev/*.txt | head -24); do files+=("$f"); done
export UNSPIN_PROGRESS_AFTER=0
unset TMUX
pane_run() {  # pane_run NAME COMMAND: runs COMMAND with stderr on the terminal; the pane's text in NAME.pane
  if ! tmux -L "$sock" -f /dev/null new-session -d -s "$1" -x 200 -y 20 \
    "cd '$tmp' && { $2; }; echo \$? >'$tmp/$1.status'; sleep 30" 2>"$tmp/tmux.err"; then
    echo "skipped: tmux cannot open a terminal here ($(cat "$tmp/tmux.err"); is /dev/pts mounted?)"
    exit 77
  fi
  for _ in $(seq 600); do [ -f "$tmp/$1.status" ] && break; sleep 0.1; done
  [ -f "$tmp/$1.status" ] || fail "$1 did not finish"
  tmux -L "$sock" capture-pane -p -t "$1" >"$tmp/$1.pane"
}
list="${files[*]}"
pane_run bar "'$unspin' check $list >check.out"
grep -q 'files' "$tmp/bar.pane" && grep -q '\[#' "$tmp/bar.pane" || fail "no progress bar: $(cat "$tmp/bar.pane")"
grep -q "24/24 files" "$tmp/bar.pane" || fail "the bar did not reach 24/24 files: $(cat "$tmp/bar.pane")"
[ "$(cat "$tmp/bar.status")" = 1 ] || [ "$(cat "$tmp/bar.status")" = 0 ] || fail "check status $(cat "$tmp/bar.status")"
pane_run quiet "'$unspin' check -q $list >quiet.out"
grep -q 'files' "$tmp/quiet.pane" && fail "-q still drew a bar: $(cat "$tmp/quiet.pane")"
pane_run fixbar "'$unspin' fix -o fixed.txt $list"
grep -q "24/24 files" "$tmp/fixbar.pane" || fail "fix -o drew no bar: $(cat "$tmp/fixbar.pane")"
# One large file: the bar moves within it and ends at 100%.
cat "${files[@]}" "${files[@]}" >"$tmp/big.txt"
pane_run one "'$unspin' check big.txt >one.out"
grep -q "1/1 files" "$tmp/one.pane" && grep -q "100.0%" "$tmp/one.pane" || fail "no bar for one large file: $(cat "$tmp/one.pane")"
# Results to the terminal: no bar mixed into them.
pane_run toterm "'$unspin' check $list | tail -0; '$unspin' check ${files[0]} ${files[1]}"
grep -q 'files' "$tmp/toterm.pane" && fail "a bar was drawn over results on the terminal: $(cat "$tmp/toterm.pane")"
# Standard error not a terminal: nothing on it.
"$unspin" check $list >"$tmp/plain.out" 2>"$tmp/plain.err"
[ -s "$tmp/plain.err" ] && fail "progress written to a non-terminal stderr: $(head -c 300 "$tmp/plain.err")"
cmp -s "$tmp/plain.out" "$tmp/check.out" || fail "the results differ with the progress bar"
cmp -s "$tmp/plain.out" "$tmp/quiet.out" || fail "the results differ with -q"
echo ok
