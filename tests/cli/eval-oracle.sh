#!/usr/bin/env bash
# The evaluation harness on real corpus text: spin ten dev documents, then evaluate
#   - an oracle output (the original itself): every spun edit fixed, no damage, error reduction 1;
#   - the spun text as output: nothing fixed, recall 0, no damage.
# Skips when the prepared corpus is absent (tools/build prepares it after tools/setup).
set -u
unspin=$1 corpus=$2
[ -f "$corpus/MANIFEST.tsv" ] || { echo "skip: no prepared corpus in $corpus"; exit 0; }
corpus=$(cd "$corpus" && pwd)  # pairs-file paths are relative to the pairs file
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/spun"
docs=$(ls "$corpus"/dev/*.txt | head -10)
# shellcheck disable=SC2086
"$unspin" spin --seed 11 --out-dir "$tmp/spun" $docs || { echo "FAIL: spin"; exit 1; }
for f in $docs; do printf '%s\t%s\t%s\n' "$tmp/spun/$(basename "$f")" "$f" "$f"; done >"$tmp/oracle.tsv"
for f in $docs; do s=$tmp/spun/$(basename "$f"); printf '%s\t%s\t%s\n' "$s" "$f" "$s"; done >"$tmp/identity.tsv"
"$unspin" eval --pairs "$tmp/oracle.tsv" --format=json >"$tmp/oracle.json" || { echo "FAIL: eval oracle"; exit 1; }
"$unspin" eval --pairs "$tmp/identity.tsv" --format=json >"$tmp/identity.json" || { echo "FAIL: eval identity"; exit 1; }
jq -e '.repair.spun_edits > 100 and .repair.fixed == .repair.spun_edits and .repair.damage == 0
       and .repair.error_reduction == 1 and .repair.precision == 1' "$tmp/oracle.json" >/dev/null \
  || { echo "FAIL: oracle output not scored as perfect:"; cat "$tmp/oracle.json"; exit 1; }
jq -e '.repair.fixed == 0 and .repair.recall == 0 and .repair.damage == 0 and .repair.missed == .repair.spun_edits' \
  "$tmp/identity.json" >/dev/null || { echo "FAIL: unchanged output not scored as recall 0:"; cat "$tmp/identity.json"; exit 1; }
echo "ok: oracle and identity outputs score as expected on $(jq .repair.spun_edits "$tmp/oracle.json") spun edits"
