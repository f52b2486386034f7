#!/usr/bin/env bash
# A write error on standard output (disk full) is reported on one line with exit status 2. A
# batch whose output cannot be written stops with status 2, says so, leaves every output it wrote
# complete, and a rerun finishes the job.
set -u
unspin=$1 data=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Batch: a folder stands where one output should go (root can write anywhere, so no permission
# trick would do). It must not count as an up-to-date output either.
mkdir "$tmp/in"
for f in clean spun-small original-small one-line; do cp "$data/$f.txt" "$tmp/in/$f.txt"; done
mkdir -p "$tmp/out/spun-small.txt"
"$unspin" batch -q "$tmp/in" --out "$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || { echo "FAIL: batch with an output taken by a folder exited $status, expected 2"; exit 1; }
grep -q "^unspin: $tmp/out/spun-small.txt: " "$tmp/err" || { echo "FAIL: the failed output is not named:"; cat "$tmp/err"; exit 1; }
grep -q "^unspin: batch: stopped" "$tmp/err" || { echo "FAIL: no word that the batch stopped:"; cat "$tmp/err"; exit 1; }
for f in "$tmp"/out/*.txt; do
  [ -f "$f" ] || continue
  "$unspin" fix "$tmp/in/$(basename "$f")" >"$tmp/expected"
  cmp -s "$f" "$tmp/expected" || { echo "FAIL: $f is not the whole repaired text"; exit 1; }
done
ls -A "$tmp/out" | grep -q unspin- && { echo "FAIL: temporary files left in the output folder"; exit 1; }
rmdir "$tmp/out/spun-small.txt"
"$unspin" batch -q "$tmp/in" --out "$tmp/out" 2>"$tmp/err" || { echo "FAIL: the rerun exited $?:"; cat "$tmp/err"; exit 1; }
for f in "$tmp"/in/*.txt; do
  "$unspin" fix "$f" >"$tmp/expected"
  cmp -s "$tmp/out/$(basename "$f")" "$tmp/expected" || { echo "FAIL: after the rerun, $(basename "$f") is wrong or missing"; exit 1; }
done
echo "ok: a batch that cannot write stops, says so, and a rerun finishes it"

# A file where an output's folder should go, for text and for JSON Lines: the same stop, and no
# stop message when the output folder itself cannot be made (nothing had started).
mkdir -p "$tmp/in2/news" "$tmp/out2"
cp "$data/clean.txt" "$tmp/in2/news/a.txt"
printf '{"text": "The troopers had been seen."}\n' >"$tmp/in2/news/b.jsonl"
: >"$tmp/out2/news"
"$unspin" batch -q "$tmp/in2" --out "$tmp/out2" 2>"$tmp/err"
[ $? = 2 ] || { echo "FAIL: batch with a file where a folder goes did not exit 2"; exit 1; }
grep -q "^unspin: $tmp/out2/news: cannot create the folder" "$tmp/err" || { echo "FAIL: unclear error:"; cat "$tmp/err"; exit 1; }
grep -q "^unspin: batch: stopped" "$tmp/err" || { echo "FAIL: no word that the batch stopped:"; cat "$tmp/err"; exit 1; }
"$unspin" batch -q "$tmp/in2/news/b.jsonl" --out "$tmp/out2/news/deeper" 2>"$tmp/err"
[ $? = 2 ] || { echo "FAIL: batch into an impossible output folder did not exit 2"; exit 1; }
grep -q "stopped" "$tmp/err" && { echo "FAIL: a batch that never started says it stopped:"; cat "$tmp/err"; exit 1; }
echo "ok: an output folder that cannot be made is a clear error"

[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 0; }
"$unspin" fix "$data/clean.txt" >/dev/full 2>"$tmp/err"
status=$?
err=$(cat "$tmp/err")
[ "$status" = 2 ] || { echo "FAIL: exit status $status, expected 2"; exit 1; }
[ "$err" = "unspin: standard output: No space left on device" ] || { echo "FAIL: stderr was: $err"; exit 1; }
echo "ok: write error reported"
