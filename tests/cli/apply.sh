#!/usr/bin/env bash
# `unspin apply` and `--in-place`: a reviewed edit list reproduces `unspin fix` (also
# pretty-printed, and with an edit removed), is refused for other text, never leaves partial
# files; --in-place keeps a complete backup and the file's mode, and leaves unchanged files alone.
set -u
unspin=$1 corpus=$2 data=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$corpus/example-spun.txt" a.txt
fail() { echo "FAIL: $*"; exit 1; }
"$unspin" fix a.txt >fixed.txt || fail "fix"
"$unspin" fix --format=json a.txt >edits.json || fail "fix --format=json"
"$unspin" apply edits.json a.txt >applied.txt || fail "apply"
cmp -s applied.txt fixed.txt || fail "apply differs from fix"
jq . edits.json >pretty.json && "$unspin" apply pretty.json a.txt | cmp -s - fixed.txt || fail "pretty-printed list"
n=$(jq '.edits | length' edits.json)
[ "$n" -ge 2 ] || fail "expected several edits, got $n"
jq -c 'del(.edits[0])' edits.json >fewer.json
"$unspin" apply fewer.json a.txt >fewer.txt || fail "apply with an edit removed"
first_old=$(jq -r '.edits[0].old' edits.json)
grep -qF -- "$first_old" fewer.txt || fail "the rejected edit was applied anyway"
# Other text: refused, exit 2, nothing written.
printf 'changed\n' >>a.txt
"$unspin" apply -o out.txt edits.json a.txt 2>err.txt
[ $? -eq 2 ] || fail "apply to changed text did not exit 2"
grep -q "refusing" err.txt || fail "no clear refusal: $(cat err.txt)"
[ ! -e out.txt ] || fail "output written despite the refusal"
ls -a | grep -q unspin- && fail "temporary file left behind"
# --in-place: backup complete, mode kept, content is fix's.
cp "$corpus/example-spun.txt" a.txt && chmod 640 a.txt
"$unspin" fix --in-place a.txt 2>/dev/null || fail "fix --in-place"
cmp -s a.txt fixed.txt || fail "--in-place content"
cmp -s a.txt.orig "$corpus/example-spun.txt" || fail "--in-place backup"
[ "$(stat -c %a a.txt)" = 640 ] || fail "--in-place lost the file mode ($(stat -c %a a.txt))"
cp "$data/clean.txt" c.txt
"$unspin" fix --in-place --backup-suffix .bak c.txt || fail "fix --in-place on clean text"
[ ! -e c.txt.bak ] || fail "a backup was made of a file without edits"
cmp -s c.txt "$data/clean.txt" || fail "clean file changed"
cp "$corpus/example-spun.txt" b.txt
"$unspin" apply --in-place --backup-suffix .bak edits.json b.txt || fail "apply --in-place"
cmp -s b.txt fixed.txt && cmp -s b.txt.bak "$corpus/example-spun.txt" || fail "apply --in-place result or backup"
echo "ok: apply and --in-place"
