#!/usr/bin/env bash
# `unspin fix --html` renders in a real headless browser (Debian's chromium): the DOM has one
# highlighted edit per edit of `fix --format=json`, every passage has a score, the confidence
# filter's script ran, markup in the input is shown as text (no injected element, title intact),
# and a 5,000-word article renders. Screenshots are checked to be real PNG images and kept in
# $UNSPIN_ARTIFACTS when set. Skips (exit 77) when chromium is not installed.
set -u
unspin=$1 corpus=$2
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "skipped: chromium is not installed (tools/setup installs it)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
render() {  # render HTML: writes $1.dom and $1.png
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
    --virtual-time-budget=2000 --dump-dom "file://$1" >"$1.dom" 2>"$1.log" || fail "chromium could not render $1"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
    --window-size=1200,1600 --screenshot="$1.png" "file://$1" >>"$1.log" 2>&1 || fail "chromium screenshot of $1"
  [ "$(head -c 8 "$1.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$1.png is not a PNG"
  [ "$(stat -c %s "$1.png")" -gt 10000 ] || fail "$1.png is suspiciously small"
  [ -n "${UNSPIN_ARTIFACTS:-}" ] && mkdir -p "$UNSPIN_ARTIFACTS" && cp "$1.png" "$UNSPIN_ARTIFACTS/"
  return 0
}
# 1. The example article with hostile markup added.
{ cat "$corpus/example-spun.txt"
  printf '%s\n' "They stated <script>document.title='pwned';document.body.innerHTML=''</script> it would by no means fail <img src=x onerror=\"document.title='pwned'\"> & \"quotes\"."
} >"$tmp/a.txt"
"$unspin" fix --html "$tmp/a.html" "$tmp/a.txt" >/dev/null || fail "fix --html"
"$unspin" fix --format=json "$tmp/a.txt" >"$tmp/a.json" || fail "fix --format=json"
edits=$(jq '.edits | length' "$tmp/a.json")
passages=$(jq '.passages | length' "$tmp/a.json")
[ "$edits" -ge 10 ] || fail "expected at least 10 edits, got $edits"
grep -q 'http' "$tmp/a.html" && fail "the report refers to an external resource"
render "$tmp/a.html"
dom=$tmp/a.html.dom
[ "$(grep -o 'class="edit' "$dom" | wc -l)" -eq "$edits" ] || fail "DOM has $(grep -o 'class="edit' "$dom" | wc -l) edits, JSON $edits"
[ "$(grep -o 'class="passage"' "$dom" | wc -l)" -eq "$passages" ] || fail "DOM passages differ from $passages"
grep -q '<title>unspin review: ' "$dom" || fail "title changed (script from the input ran?)"
grep -q 'pwned' "$dom" && ! grep -q '&lt;script&gt;document.title=' "$dom" && fail "input markup was not escaped"
grep -q '&lt;script&gt;document.title=' "$dom" || fail "the input's <script> is not shown as text"
[ "$(grep -o '<script' "$dom" | wc -l)" -eq 1 ] || fail "an extra <script> element is in the DOM"
grep -q '<img' "$dom" && fail "an <img> element from the input is in the DOM"
grep -q "<span id=\"shown\">$edits</span>" "$dom" || fail "the filter script did not run"
grep -q 'data-confidence="0\.[0-9]*"' "$dom" || fail "edits carry no confidence"
# 2. A 5,000-word article stays renderable.
for i in $(seq 30); do cat "$corpus/example-spun.txt"; echo; done >"$tmp/long.txt"
words=$(wc -w <"$tmp/long.txt")
[ "$words" -ge 5000 ] || fail "long article has only $words words"
"$unspin" fix --html "$tmp/long.html" "$tmp/long.txt" >/dev/null || fail "fix --html on $words words"
render "$tmp/long.html"
long_edits=$(grep -o 'class="edit' "$tmp/long.html.dom" | wc -l)
[ "$long_edits" -ge 300 ] || fail "only $long_edits edits rendered in the long article"
echo "ok: report renders in $("$browser" --version 2>/dev/null | head -1): $edits edits, escaping holds, $words-word article with $long_edits edits"
