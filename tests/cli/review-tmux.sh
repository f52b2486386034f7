#!/usr/bin/env bash
# `unspin review` in a real terminal (a tmux pane): the prompt appears, keys typed at it are
# obeyed (y, n, e with a new text, then a), colour is on because stderr is a terminal, and the
# result equals the edit list applied with the same choices. Skips (77) without tmux.
set -u
unspin=$1 corpus=$2
command -v tmux >/dev/null || { echo "skipped: tmux is not installed (tools/setup installs it)"; exit 77; }
tmp=$(mktemp -d)
sock=unspin-test-$$
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; tmux -L "$sock" capture-pane -p -t review 2>/dev/null | tail -20; exit 1; }
cp "$corpus/example-spun.txt" "$tmp/a.txt"
"$unspin" fix --format=json "$tmp/a.txt" >"$tmp/edits.json" || fail "fix --format=json"
unset TMUX
if ! tmux -L "$sock" -f /dev/null new-session -d -s review -x 220 -y 50 \
  "cd '$tmp' && '$unspin' review a.txt -o out.txt; echo \$? >status; sleep 30" 2>"$tmp/tmux.err"; then
  echo "skipped: tmux cannot open a terminal here ($(cat "$tmp/tmux.err"); is /dev/pts mounted?)"
  exit 77
fi
wait_for() {  # wait_for TEXT: until the pane shows TEXT (10 s)
  for _ in $(seq 100); do
    tmux -L "$sock" capture-pane -p -t review | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "the pane never showed '$1'"
}
wait_for "(1/"
wait_for "Accept this edit [y,n,e,a,d,q,?]?"
tmux -L "$sock" capture-pane -e -p -t review | grep -q $'\x1b\\[31m' || fail "no colour on a terminal"
tmux -L "$sock" send-keys -t review y Enter
wait_for "(2/"
tmux -L "$sock" send-keys -t review n Enter
wait_for "(3/"
tmux -L "$sock" send-keys -t review e Enter
wait_for "Replacement for"
tmux -L "$sock" send-keys -t review 'former' Enter
wait_for "(4/"
tmux -L "$sock" send-keys -t review a Enter
for _ in $(seq 100); do [ -f "$tmp/status" ] && break; sleep 0.1; done
[ "$(cat "$tmp/status" 2>/dev/null)" = 0 ] || fail "review did not finish with status 0"
# The same choices applied to the edit list: drop edit 2, edit 3 becomes "former".
jq -c '.edits[2].new = "former" | del(.edits[1])' "$tmp/edits.json" >"$tmp/chosen.json"
"$unspin" apply "$tmp/chosen.json" "$tmp/a.txt" >"$tmp/expected.txt" || fail "apply"
cmp "$tmp/out.txt" "$tmp/expected.txt" || { diff "$tmp/out.txt" "$tmp/expected.txt"; fail "review result differs"; }
cmp -s "$tmp/a.txt" "$corpus/example-spun.txt" || fail "review changed its input"
# --word-diff on a terminal: colour by default, none with NO_COLOR set.
tmux -L "$sock" new-window -t review -n words \
  "'$unspin' fix --word-diff '$tmp/a.txt'; NO_COLOR=1 '$unspin' fix --word-diff '$tmp/a.txt'; sleep 30"
for _ in $(seq 100); do tmux -L "$sock" capture-pane -p -t review:words | grep -qF '[-stated-]' && break; sleep 0.1; done
pane=$(tmux -L "$sock" capture-pane -e -p -t review:words)
printf '%s' "$pane" | grep -q $'\x1b\\[31mstated' || fail "--word-diff on a terminal has no colour"
printf '%s' "$pane" | grep -qF '[-stated-]{+said+}' || fail "--word-diff with NO_COLOR is not plain"
# batch draws a progress bar on a terminal and ends it with a summary.
mkdir -p "$tmp/corpus" && for i in 1 2 3 4; do cp "$corpus/example-spun.txt" "$tmp/corpus/$i.txt"; done
tmux -L "$sock" new-window -t review -n batch "'$unspin' batch '$tmp/corpus' --out '$tmp/batch-out' -j1; sleep 30"
for _ in $(seq 200); do tmux -L "$sock" capture-pane -p -t review:batch | grep -q 'unspin: batch: ' && break; sleep 0.1; done
pane=$(tmux -L "$sock" capture-pane -p -t review:batch)
printf '%s' "$pane" | grep -qF '[########################] 100.0%' || fail "no finished progress bar on a terminal"
printf '%s' "$pane" | grep -q 'unspin: batch: 4 documents' || fail "no batch summary"
echo "ok: review obeys y, n, e and a in a tmux pane; word diff colours a terminal unless NO_COLOR; batch shows a progress bar"
