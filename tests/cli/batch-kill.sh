#!/usr/bin/env bash
# A batch killed with SIGKILL mid-run and then rerun gives exactly the outputs of an
# uninterrupted run: outputs are complete or absent, stale temporary files are cleared, and
# complete outputs are not redone.
set -u
unspin=$1 corpus=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p in/part1 in/part2
for i in $(seq -w 1 24); do
  for k in $(seq 40); do cat "$corpus/example-spun.txt"; echo "Document $i, part $k, stated the council."; done >"in/part$((10#$i % 2 + 1))/doc$i.txt"
done
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  for k in $(seq 20); do n=$((n + 1)); printf '{"id":%d,"text":%s}\n' "$n" "$(jq -n --arg t "$line ($k)" '$t')"; done
done <"$corpus/example-spun.txt" >in/records.jsonl

"$unspin" batch in --out whole -j2 -q 2>/dev/null || fail "uninterrupted run failed"
"$unspin" batch in --out killed -j2 -q 2>/dev/null &
pid=$!
for _ in $(seq 1500); do  # until a few outputs exist (at most 30 s)
  [ "$(find killed -name 'doc*.txt' 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null || fail "the batch finished before it could be killed; make the input bigger"
wait "$pid" 2>/dev/null
done_before=$(find killed -name 'doc*.txt' | wc -l)
[ "$done_before" -lt 24 ] || fail "nothing left to resume"
# Whatever the kill left is either complete (equal to the uninterrupted output) or a temporary.
for f in $(cd killed && find . -name 'doc*.txt'); do cmp -s "killed/$f" "whole/$f" || fail "partial output $f after SIGKILL"; done
"$unspin" batch in --out killed -j2 2>resume.err || fail "resumed run failed"
grep -q "$done_before files up to date and skipped" resume.err || fail "resume redid finished files: $(tail -1 resume.err)"
diff -r whole killed >/dev/null || { diff -r whole killed | head -5; fail "resumed outputs differ from an uninterrupted run"; }
[ -z "$(find killed -name '.*.unspin-*')" ] || fail "temporary files left behind"
echo "ok: killed after $done_before of 24 files; the rerun completed the rest identically"
