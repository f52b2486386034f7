#!/usr/bin/env bash
# Generates the binary and malformed fixtures in this folder. Run from anywhere; commit the output.
set -eu
cd "$(dirname "$0")"
printf 'Caf\xe9 owners were told \xff\xfe twice.\nSecond line is fine.\n' >invalid-utf8.txt
printf 'PK\003\004\000\000binary\000data' >binary.bin
printf 'Line one.\r\nLine two has a tab\there.\r\nNo final newline' >crlf.txt
printf 'Escape \033[31mred\033[0m, bell \007, and a quote " and backslash \\ here.\n' >control.txt
printf '\xef\xbb\xbfA file with a byte-order mark.\n' >bom.txt
