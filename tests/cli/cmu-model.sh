#!/usr/bin/env bash
# CMU's language model converted by the build (build/data/cmu.kn3): missing, truncated or the
# wrong kind of model file is a clear error, exit status 2, and no output file is left behind.
set -u
unspin=$1 built=$2 data=$3
. "$(dirname "$0")/lib.sh"
without_data_file cmu.kn3

expect_error "fix, missing" "cmu.kn3: CMU's language model is missing; the build converts it from .*tools/build" "$unspin" fix -o "$work/fixed.txt" "$data/clean.txt"
[ -e "$work/fixed.txt" ] && { echo "FAIL: an output file was written"; exit 1; }
expect_error "check, missing" "cmu.kn3: CMU's language model is missing" "$unspin" check "$data/clean.txt"
head -c 100000 "$built/cmu.kn3" >"$work/data/cmu.kn3"
expect_error "fix, truncated" "cmu.kn3: not a valid unspin language model (file truncated" "$unspin" fix "$data/clean.txt"
ln -sf "$built/news.kn3" "$work/data/cmu.kn3"
expect_error "fix, the project's model in its place" "cmu.kn3: not a valid unspin language model (its scores are not in the units expected here)" "$unspin" fix "$data/clean.txt"
ln -sf "$built/cmu.kn3" "$work/data/cmu.kn3"
expect_error "fix --model with CMU's converted model" "not a valid unspin language model (this is CMU's model converted by the build" "$unspin" fix --model "$built/cmu.kn3" "$data/clean.txt"
UNSPIN_DATA=$work/data "$unspin" fix "$data/clean.txt" >"$work/out" 2>"$work/err" || { echo "FAIL: fix with the real model"; cat "$work/err"; exit 1; }
cmp -s "$work/out" "$data/clean.txt" || { echo "FAIL: clean text changed"; exit 1; }
echo "ok: a missing, truncated or foreign CMU model is one clear error"
