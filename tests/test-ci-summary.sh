#!/bin/sh
# build-aux/test-summary, which .ci/run ends with: its last line is "N passed, N failed".
set -u
summary=$1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

line () { printf '{"name": "%s", "result": "%s", "duration": 0.1}\n' "$1" "$2"; }
{ line a OK; line b OK; line c FAIL; line d SKIP; line e EXPECTEDFAIL; line f TIMEOUT; } > "$tmp/log.json"
out=$("$summary" "$tmp/log.json")
[ "$(printf '%s\n' "$out" | tail -n 1)" = "3 passed, 2 failed" ] && echo "ok - last line counts" \
  || { echo "not ok - last line: $out"; fail=1; }
[ "$(printf '%s\n' "$out" | head -n 1)" = "1 skipped" ] && echo "ok - skipped on a line before" \
  || { echo "not ok - skipped: $out"; fail=1; }

{ line a OK; line b OK; } > "$tmp/clean.json"
out=$("$summary" "$tmp/clean.json")
[ "$out" = "2 passed, 0 failed" ] && echo "ok - one line when nothing is skipped" \
  || { echo "not ok - clean run: $out"; fail=1; }

out=$("$summary" "$tmp/missing.json")
[ "$out" = "0 passed, 1 failed" ] && echo "ok - no log is a failure" || { echo "not ok - no log: $out"; fail=1; }
exit $fail
