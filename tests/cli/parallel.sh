#!/usr/bin/env bash
# The streaming filter under real GNU parallel: `parallel --pipe -k -j2` over a JSONL corpus gives
# the same records, in the same order, as one process. Skips (77) without GNU parallel.
set -u
unspin=$1 corpus=$2
command -v parallel >/dev/null || { echo "skipped: GNU parallel is not installed (tools/setup installs it)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
for k in $(seq 12); do
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    printf '{"id":%d,"src":"example","text":%s}\n' "$n" "$(jq -n --arg t "$line" '$t')"
  done <"$corpus/example-spun.txt"
done >"$tmp/corpus.jsonl"
"$unspin" batch - -q -j1 <"$tmp/corpus.jsonl" >"$tmp/one.jsonl" || { echo "FAIL: one process"; exit 1; }
parallel --will-cite --pipe -k -j2 --block 2k "$unspin" batch - -q -j1 <"$tmp/corpus.jsonl" >"$tmp/par.jsonl" 2>"$tmp/par.err" ||
  { echo "FAIL: parallel run"; cat "$tmp/par.err"; exit 1; }
[ "$(wc -l <"$tmp/par.jsonl")" -eq "$n" ] || { echo "FAIL: $(wc -l <"$tmp/par.jsonl") records out of $n"; exit 1; }
cmp "$tmp/one.jsonl" "$tmp/par.jsonl" || { echo "FAIL: parallel --pipe output differs from one process"; exit 1; }
jq -e -s 'map(.id) == [range(1; '"$((n + 1))"')]' "$tmp/par.jsonl" >/dev/null || { echo "FAIL: order"; exit 1; }
echo "ok: $n records through parallel --pipe -j2 equal one process"
