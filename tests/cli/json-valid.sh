#!/usr/bin/env bash
# `check --format=json` prints valid JSON, one object per input, for every input: control
# characters, invalid UTF-8 (with --lenient), empty files, long lines and random bytes.
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
echo "ok: ${#inputs[@]} inputs gave valid JSON"
