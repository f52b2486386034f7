#!/usr/bin/env bash
# `unspin fix big.txt | head -1` must end quietly: no message, exit status 0.
set -u
unspin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 40000); do echo "Line $i of a long input that will not all be read by head."; done >"$tmp/big.txt"
for cmd in fix check; do
  "$unspin" $cmd "$tmp/big.txt" 2>"$tmp/err" | head -1 >/dev/null
  status=${PIPESTATUS[0]}
  if [ "$status" != 0 ] || [ -s "$tmp/err" ]; then
    echo "FAIL: unspin $cmd | head -1 exited $status with stderr:"; cat "$tmp/err"; exit 1
  fi
done
echo "ok: broken pipe ends quietly"
