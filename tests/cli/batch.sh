#!/usr/bin/env bash
# `unspin batch`: text files and JSONL from a folder tree, outputs equal to `unspin fix`, other
# JSONL fields byte for byte, per-document errors recorded while the batch goes on (exit 2), the
# same bytes for -j1 and -j2, resume and --force, --include/--exclude, --to-field, --edit-lists,
# and the streaming filter (`fix --jsonl`, `batch -`) with one record out per record in.
set -u
unspin=$1 corpus=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p in/sub in/.hidden
cp "$corpus/example-spun.txt" in/a.txt
cp "$corpus/example-original.txt" in/sub/b.txt
cp "$corpus/example-spun.txt" in/.hidden/skip.txt
printf '\xff\xfe not text' >in/bad.txt
# JSONL: one record per line of the example, odd fields, a broken line, a record without text.
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  printf '{"id": %d, "meta": {"tags": ["a", "b"], "score": 1.50}, "text": %s, "ünï": "x"}\n' "$n" "$(jq -n --arg t "$line" '$t')"
done <"$corpus/example-spun.txt" >in/records.jsonl
printf '{broken\n{"id": 99, "body": "no text field"}\n' >>in/records.jsonl
records=$(wc -l <in/records.jsonl)

"$unspin" batch in --out out1 -j1 -q 2>err1; status=$?
[ "$status" -eq 2 ] || fail "exit status $status with a bad document (expected 2)"
"$unspin" batch in --out out2 -j2 -q 2>err2 || true
diff -r out1 out2 >/dev/null || { diff -r out1 out2 | head; fail "-j1 and -j2 outputs differ"; }
[ ! -e out1/.hidden ] || fail "hidden folder processed"
"$unspin" fix in/a.txt | cmp -s - out1/a.txt || fail "out1/a.txt is not what unspin fix prints"
cmp -s in/sub/b.txt out1/sub/b.txt || fail "clean file changed"
[ ! -e out1/bad.txt ] || fail "an output was written for a bad input"
grep -q '"input":"in/bad.txt"' out1/errors.jsonl || fail "bad.txt not in errors.jsonl"
grep -q '"line":'"$((records - 1))" out1/errors.jsonl || fail "broken JSONL line not in errors.jsonl"
[ "$(wc -l <out1/records.jsonl)" -eq "$records" ] || fail "JSONL record count changed"
# Every field but text and unspin is byte for byte the input's.
jq -c 'del(.text)' <(head -n $((records - 2)) in/records.jsonl) >want.jsonl
jq -c 'del(.text, .unspin)' <(head -n $((records - 2)) out1/records.jsonl) >got.jsonl
cmp -s want.jsonl got.jsonl || fail "other JSONL fields changed"
grep -qF '"meta": {"tags": ["a", "b"], "score": 1.50}' out1/records.jsonl || fail "JSONL bytes of other fields not kept"
tail -n 2 out1/records.jsonl | cmp -s - <(tail -n 2 in/records.jsonl) || fail "bad records not passed through"
jq -e '.unspin | has("score") and has("label") and has("edits")' <(head -n 1 out1/records.jsonl) >/dev/null ||
  fail "no unspin object"
# The text field is what fix makes of the line.
sed -n 3p "$corpus/example-spun.txt" | "$unspin" fix - >want3
jq -r .text <(sed -n 3p out1/records.jsonl) >got3
cmp -s want3 got3 || fail "record 3 text is not what unspin fix prints"

# Resume: nothing redone; an input touched later is redone; --force redoes all.
"$unspin" batch in --out out1 -j2 2>err3 || true
grep -q "3 files up to date and skipped" err3 || fail "rerun did not skip: $(tail -1 err3)"
sleep 1; touch in/a.txt
"$unspin" batch in --out out1 -j2 2>err4 || true
grep -q "2 files up to date and skipped" err4 || fail "touched input not redone: $(tail -1 err4)"
"$unspin" batch in --out out1 -j2 --force 2>err5 || true
grep -q "files up to date" err5 && fail "--force did not redo"

# --include/--exclude, --to-field, --edit-lists.
"$unspin" batch in --out out3 --include '*.jsonl' --to-field fixed --edit-lists -q 2>/dev/null || true
[ -e out3/records.jsonl ] && [ ! -e out3/a.txt ] || fail "--include"
head -n $((records - 2)) out3/records.jsonl |
  jq -s -e 'map(select(.id == 3))[0] | (.text != .fixed) and ((.unspin.edit_list | length) > 0)' >/dev/null ||
  fail "--to-field or --edit-lists"
"$unspin" batch in --out out4 --exclude 'sub/*' --exclude '*.jsonl' --edit-lists -q 2>/dev/null || true
[ -e out4/a.txt ] && [ ! -e out4/sub/b.txt ] && [ ! -e out4/records.jsonl ] || fail "--exclude"
jq -e '.schema == "unspin-fix/1" and ((.edits | length) > 0)' out4/a.txt.edits.json >/dev/null || fail "edit list file"

# Streaming: one record out per record in, in order, same as the batch output.
head -n $((records - 2)) in/records.jsonl >ok.jsonl
"$unspin" fix --jsonl -j2 <ok.jsonl >s1.jsonl 2>/dev/null || fail "fix --jsonl"
"$unspin" batch - --flush <ok.jsonl >s2.jsonl 2>/dev/null || fail "batch -"
head -n $((records - 2)) out1/records.jsonl | cmp -s - s1.jsonl || fail "fix --jsonl differs from the batch output"
cmp -s s1.jsonl s2.jsonl || fail "batch - differs from fix --jsonl"
"$unspin" fix --jsonl <in/records.jsonl >s3.jsonl 2>s3.err; [ $? -eq 2 ] || fail "stream with a bad record: exit not 2"
[ "$(wc -l <s3.jsonl)" -eq "$records" ] || fail "stream dropped records"
grep -q "stdin:$((records - 1)):" s3.err || fail "stream error does not name the line"
# CRLF records keep their line ends.
head -n 3 ok.jsonl | sed 's/$/\r/' >crlf.jsonl
"$unspin" batch - -q <crlf.jsonl >crlf.out 2>/dev/null || fail "CRLF JSONL"
[ "$(grep -c $'\r$' crlf.out)" -eq 3 ] || fail "CRLF line ends not kept"
sed 's/\r$//' crlf.out | cmp -s - <(head -n 3 s1.jsonl) || fail "CRLF records differ from LF ones"
# Every edit source is counted in the summary, glued words too.
mkdir glue
printf 'They fought Ukrainian soldierstheir role grew.\n' >glue/g.txt
"$unspin" batch glue --out glue-out 2>glue.err || fail "batch of a glued-word document"
grep -q "1 split" glue.err || { cat glue.err; fail "summary does not count the split edit"; }
grep -q "soldiers their" glue-out/g.txt || fail "glued words not split in batch"
# The engine options of fix apply: --leftovers deletes a navigation line, and is counted.
mkdir scraped
printf 'close\nThe council voted on Tuesday to close the old river bridge for a year.\n' >scraped/s.txt
"$unspin" batch scraped --out scraped-out 2>/dev/null || fail "batch of a scraped document"
grep -q "^close$" scraped-out/s.txt || fail "batch deleted a line without --leftovers"
"$unspin" batch scraped --out scraped-out2 --leftovers 2>scraped.err || fail "batch --leftovers"
[ "$(cat scraped-out2/s.txt)" = "The council voted on Tuesday to close the old river bridge for a year." ] || fail "batch --leftovers kept the line"
grep -q "1 scrape" scraped.err || { cat scraped.err; fail "summary does not count the scrape edit"; }
echo "ok: batch ($records JSONL records, text files, errors, resume, -j1 = -j2) and streaming"
