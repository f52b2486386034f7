#!/usr/bin/env bash
# `unspin fix --diff` must reproduce exactly what `unspin fix` prints when applied by the real
# tools: `patch -p1` and `git apply`. Inputs: the project's spun example, the same without a final
# newline, and with CRLF line ends (and seed 000 when ../shared is present). Also checks that
# --word-diff without markup equals the fixed text, and that --format=json is valid JSON whose
# edits, applied to the input, give the fixed text.
set -u
unspin=$1 corpus=$2 shared=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
cp "$corpus/example-spun.txt" "$tmp/in/example.txt"
printf '%s' "$(cat "$corpus/example-spun.txt")" >"$tmp/in/no-eol.txt"
sed 's/$/\r/' "$corpus/example-spun.txt" >"$tmp/in/crlf.txt"
[ -d "$shared/seeds" ] && cp "$shared"/seeds/000_*.txt "$tmp/in/seed-000.txt"
tools=0
for f in "$tmp"/in/*.txt; do
  name=in/$(basename "$f")
  (cd "$tmp" && "$unspin" fix "$name" >expected && "$unspin" fix --diff "$name" >p.diff) || { echo "FAIL: unspin on $name"; exit 1; }
  ! cmp -s "$f" "$tmp/expected" || { echo "FAIL: no edits on $name, nothing to test"; exit 1; }
  if command -v patch >/dev/null; then
    rm -rf "$tmp/p" && mkdir -p "$tmp/p/in" && cp "$f" "$tmp/p/in/"
    (cd "$tmp/p" && patch -s -p1 <../p.diff) || { echo "FAIL: patch -p1 rejected the diff of $name"; cat "$tmp/p.diff"; exit 1; }
    cmp "$tmp/p/$name" "$tmp/expected" || { echo "FAIL: patch -p1 result differs for $name"; exit 1; }
    tools=$((tools + 1))
  fi
  if command -v git >/dev/null; then
    rm -rf "$tmp/g" && mkdir -p "$tmp/g/in" && cp "$f" "$tmp/g/in/"
    (cd "$tmp/g" && git init -q && git apply ../p.diff) || { echo "FAIL: git apply rejected the diff of $name"; exit 1; }
    cmp "$tmp/g/$name" "$tmp/expected" || { echo "FAIL: git apply result differs for $name"; exit 1; }
    tools=$((tools + 1))
  fi
  # Word diff: dropping the old text and the markers gives the fixed text.
  "$unspin" fix --word-diff --color=never "$f" | perl -0pe 's/\[-.*?-\]//gs; s/\{\+(.*?)\+\}/$1/gs' >"$tmp/word"
  cmp "$tmp/word" "$tmp/expected" || { echo "FAIL: --word-diff of $name does not reduce to the fixed text"; exit 1; }
  # JSON: valid, and its edits applied (from the end, by byte offsets) give the fixed text.
  "$unspin" fix --format=json "$f" >"$tmp/edits.json" || { echo "FAIL: --format=json on $name"; exit 1; }
  perl -MJSON::PP -0e '
    my ($json, $in) = @ARGV;
    open my $j, "<", $json or die; my $doc = JSON::PP->new->decode(do { local $/; <$j> });
    open my $t, "<:raw", $in or die; my $text = do { local $/; <$t> };
    for my $e (reverse @{$doc->{edits}}) {
      my $new = $e->{new}; utf8::encode($new);
      substr($text, $e->{start}, $e->{end} - $e->{start}) = $new;
    }
    binmode STDOUT; print $text;' "$tmp/edits.json" "$f" >"$tmp/from-json" ||
    { echo "FAIL: --format=json of $name is not valid JSON"; exit 1; }
  cmp "$tmp/from-json" "$tmp/expected" || { echo "FAIL: the JSON edits of $name do not give the fixed text"; exit 1; }
done
[ "$tools" -gt 0 ] || echo "note: neither patch nor git installed; only word diff and JSON checked"
echo "ok: diffs, word diffs and JSON edit lists reproduce unspin fix ($tools patch/git applications)"
