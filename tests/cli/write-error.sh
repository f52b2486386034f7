#!/usr/bin/env bash
# A write error on standard output (disk full) is reported on one line with exit status 2.
set -u
unspin=$1 data=$2
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 0; }
"$unspin" fix "$data/clean.txt" >/dev/full 2>/tmp/unspin-write-error.$$
status=$?
err=$(cat /tmp/unspin-write-error.$$); rm -f /tmp/unspin-write-error.$$
[ "$status" = 2 ] || { echo "FAIL: exit status $status, expected 2"; exit 1; }
[ "$err" = "unspin: standard output: No space left on device" ] || { echo "FAIL: stderr was: $err"; exit 1; }
echo "ok: write error reported"
