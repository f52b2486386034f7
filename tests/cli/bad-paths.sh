#!/usr/bin/env bash
# Paths the file system refuses (a loop of symbolic links, a link to nowhere, a folder given as
# a file) are errors that name the path, with exit status 2, for every command that reads or
# writes files: never an abort.
set -u
unspin=$1 data=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ln -s loop-b "$tmp/loop-a"
ln -s loop-a "$tmp/loop-b"
ln -s nowhere.txt "$tmp/dangling.txt"
mkdir "$tmp/folder"
fails=0
expect_error() {  # expect_error PATH-IN-MESSAGE COMMAND...
  local shown=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local status=$?
  if [ "$status" != 2 ] || ! grep -q "^unspin: .*$shown" "$tmp/err" || grep -q "terminate called" "$tmp/err"; then
    echo "FAIL: $* exited $status:"; cat "$tmp/err"; fails=$((fails + 1))
  fi
}
for bad in "$tmp/loop-a" "$tmp/dangling.txt" "$tmp/folder"; do
  name=$(basename "$bad")
  expect_error "$name" "$unspin" fix "$bad"
  expect_error "$name" "$unspin" check "$bad"
  expect_error "$name" "$unspin" train-lm "$bad" -o "$tmp/model.kn3"
  expect_error "$name" "$unspin" apply "$bad" "$data/clean.txt"
  expect_error "$name" "$unspin" eval --spun "$bad" --original "$data/clean.txt"
done
expect_error loop-a "$unspin" batch -q "$tmp/loop-a" --out "$tmp/batch-out"
expect_error loop-a "$unspin" fix -o "$tmp/loop-a" "$data/clean.txt"
[ -e "$tmp/model.kn3" ] && { echo "FAIL: a model was written from failed inputs"; fails=$((fails + 1)); }
[ "$fails" = 0 ] || exit 1
echo "ok: refused paths are named errors with status 2 for fix, check, train-lm, apply, eval and batch"
