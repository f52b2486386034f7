#!/usr/bin/env bash
# Never damage clean text: `unspin fix` must return every clean file byte for byte: the project's
# own clean test data and the original of its example, generated edge cases, and the clean seed
# articles (001, 002, 004) when ../shared is present.
set -u
unspin=$1 data=$2 corpus=$3 shared=$4
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'no newline at end' >"$tmp/no-eol.txt"
printf '\xef\xbb\xbf\r\n\r\n  \t\n\xc2\xa0\n' >"$tmp/whitespace.txt"
printf 'Emoji 👨‍👩‍👧 e\xcc\x81 שלום “q” — end\r' >"$tmp/mixed.txt"
# One "word" of a million letters (a keyboard held down, a scraped blob), with a grammatical word
# glued at each end: the glued-word splitter once took hours over it.
{ printf 'A line before.\nthe'; head -c 1000000 /dev/zero | tr '\0' x; printf 'the\nA line after.\n'; } >"$tmp/long-word.txt"
files=("$data"/clean.txt "$data"/crlf.txt "$data"/bom.txt "$data"/control.txt "$data"/original-small.txt
       "$corpus"/example-original.txt "$tmp"/*.txt)
if [ -d "$shared/seeds" ]; then
  files+=("$shared"/seeds/001_*.txt "$shared"/seeds/002_*.txt "$shared"/seeds/004_*.txt)
else
  echo "note: $shared/seeds absent, seeds skipped"
fi
for f in "${files[@]}"; do
  "$unspin" fix "$f" >"$tmp/out" || { echo "FAIL: unspin fix $f exited $?"; exit 1; }
  cmp -s "$f" "$tmp/out" || { echo "FAIL: unspin fix changed $f"; cmp "$f" "$tmp/out"; exit 1; }
  "$unspin" fix - <"$f" >"$tmp/out" || { echo "FAIL: unspin fix - <$f exited $?"; exit 1; }
  cmp -s "$f" "$tmp/out" || { echo "FAIL: unspin fix - changed $f"; exit 1; }
done
echo "ok: ${#files[@]} files came back byte-identical"
