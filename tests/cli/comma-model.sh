#!/usr/bin/env bash
# A missing or corrupt comma model (build/data/commas.tsv) is a clear error, exit status 2, and
# no output file is left behind.
set -u
unspin=$1 built=$2 data=$3
. "$(dirname "$0")/lib.sh"
without_data_file commas.tsv

expect_error "fix, missing" "commas.tsv: cannot read the comma model.*tools/setup" "$unspin" fix -o "$work/fixed.txt" "$data/clean.txt"
[ -e "$work/fixed.txt" ] && { echo "FAIL: an output file was written"; exit 1; }
expect_error "check, missing" "commas.tsv: cannot read the comma model" "$unspin" check "$data/clean.txt"
printf 'however\t1000\t900\t500\n' >"$work/data/commas.tsv"
expect_error "fix, foreign" "commas.tsv: not an unspin comma model" "$unspin" fix "$data/clean.txt"
printf '# unspin comma model 1\nhowever\t1000\t9000\t500\n' >"$work/data/commas.tsv"
expect_error "fix, corrupt" "commas.tsv:2: a word with more commas than occurrences" "$unspin" fix "$data/clean.txt"
# The real file works from the same directory.
ln -sf "$built/commas.tsv" "$work/data/commas.tsv"
UNSPIN_DATA=$work/data "$unspin" fix "$data/clean.txt" >"$work/out" 2>"$work/err" || { echo "FAIL: fix with the real model"; cat "$work/err"; exit 1; }
echo "ok: a missing or corrupt comma model is one clear error"
