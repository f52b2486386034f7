#!/usr/bin/env bash
# `check --format=json` and `fix --format=json` print valid JSON, one object per input, for every
# input: control characters, invalid UTF-8 (with --lenient), empty files, long lines and random
# bytes; `fix --jsonl` answers every record with valid JSON, even records with awkward strings.
set -u
unspin=$1 data=$2
command -v jq >/dev/null || { echo "FAIL: jq is missing (tools/setup installs it)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: >"$tmp/empty.txt"
printf '\n\n\r\n' >"$tmp/newlines.txt"
head -c 200000 /dev/urandom | tr -d '\000' >"$tmp/random.bin"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "word%d ", i; print "" }' >"$tmp/long-line.txt"
inputs=("$data"/*.txt "$tmp"/*.txt "$tmp/random.bin")
"$unspin" check --format=json --lenient "${inputs[@]}" >"$tmp/out.jsonl" 2>"$tmp/err"
status=$?
[ "$status" -le 1 ] || { echo "FAIL: exit status $status"; cat "$tmp/err"; exit 1; }
lines=$(wc -l <"$tmp/out.jsonl")
[ "$lines" = "${#inputs[@]}" ] || { echo "FAIL: $lines JSON lines for ${#inputs[@]} inputs"; exit 1; }
while IFS= read -r line; do
  printf '%s' "$line" | jq -e 'has("file") and has("score") and has("label") and (.passages | type == "array")' >/dev/null \
    || { echo "FAIL: invalid or incomplete JSON: ${line:0:200}"; exit 1; }
done <"$tmp/out.jsonl"
"$unspin" fix --format=json --lenient "${inputs[@]}" >"$tmp/fix.jsonl" 2>"$tmp/err" ||
  { echo "FAIL: fix --format=json exit status $?"; cat "$tmp/err"; exit 1; }
[ "$(wc -l <"$tmp/fix.jsonl")" = "${#inputs[@]}" ] || { echo "FAIL: fix JSON lines"; exit 1; }
while IFS= read -r line; do
  printf '%s' "$line" | jq -e '.schema == "unspin-fix/1" and (.sha256 | length == 64) and (.edits | type == "array")' >/dev/null \
    || { echo "FAIL: invalid fix JSON: ${line:0:200}"; exit 1; }
done <"$tmp/fix.jsonl"
printf '%s\n' '{"text":"They stated \u0007 \ud83d\ude00 \"q\" </script> by no means."}' '{"text":""}' '{"text":"\n\n\r"}' \
  '{"id":1,"text":"x","unspin":{"old":true}}' >"$tmp/records.jsonl"
"$unspin" fix --jsonl <"$tmp/records.jsonl" >"$tmp/records.out" 2>"$tmp/err" || { echo "FAIL: fix --jsonl"; cat "$tmp/err"; exit 1; }
[ "$(wc -l <"$tmp/records.out")" = 4 ] || { echo "FAIL: --jsonl record count"; exit 1; }
while IFS= read -r line; do
  printf '%s' "$line" | jq -e '.unspin.label' >/dev/null || { echo "FAIL: invalid record: ${line:0:200}"; exit 1; }
done <"$tmp/records.out"
[ "$(sed -n 4p "$tmp/records.out" | jq -c '[.id, (.unspin | has("old"))]')" = '[1,false]' ] || { echo "FAIL: existing unspin member not replaced"; exit 1; }
echo "ok: ${#inputs[@]} inputs gave valid check and fix JSON; 4 awkward JSONL records too"
