#!/bin/sh
# build-aux/test-summary, which .ci/run ends with: its last line is "N passed, N failed".
# Usage: test-ci-summary.sh build-aux/test-summary .ci/run
set -u
summary=$1
cirun=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

line () { printf '{"name": "%s", "result": "%s", "duration": 0.1}\n' "$1" "$2"; }
{ line a OK; line b OK; line c FAIL; line d SKIP; line e EXPECTEDFAIL; line f TIMEOUT;
  line g INTERRUPT; } > "$tmp/log.json"
out=$("$summary" "$tmp/log.json")
[ "$(printf '%s\n' "$out" | tail -n 1)" = "3 passed, 3 failed" ] && echo "ok - last line counts" \
  || { echo "not ok - last line: $out"; fail=1; }
[ "$(printf '%s\n' "$out" | head -n 1)" = "1 skipped" ] && echo "ok - skipped on a line before" \
  || { echo "not ok - skipped: $out"; fail=1; }

{ line a OK; line b OK; } > "$tmp/clean.json"
out=$("$summary" "$tmp/clean.json")
[ "$out" = "2 passed, 0 failed" ] && echo "ok - one line when nothing is skipped" \
  || { echo "not ok - clean run: $out"; fail=1; }

# .ci/run sums the main suite's log and the fuzz suite's (.ci/fuzz)
out=$("$summary" "$tmp/log.json" "$tmp/clean.json")
[ "$(printf '%s\n' "$out" | tail -n 1)" = "5 passed, 3 failed" ] && echo "ok - two logs are summed" \
  || { echo "not ok - two logs: $out"; fail=1; }
out=$("$summary" "$tmp/clean.json" "$tmp/missing.json")
[ "$out" = "2 passed, 1 failed" ] && echo "ok - a missing second log is a failure" \
  || { echo "not ok - missing second log: $out"; fail=1; }

out=$("$summary" "$tmp/missing.json")
[ "$out" = "0 passed, 1 failed" ] && echo "ok - no log is a failure" || { echo "not ok - no log: $out"; fail=1; }
# .ci/run when the build fails before meson runs a test: a log of an earlier, clean run must
# not be summed up (a copy of .ci/run in a tree whose build-aux/dev fails)
mkdir -p "$tmp/tree/.ci" "$tmp/tree/build-aux" "$tmp/tree/_build/meson-logs"
cp "$cirun" "$tmp/tree/.ci/run"
cp "$summary" "$tmp/tree/build-aux/test-summary"
printf '#!/bin/sh\necho "${DIPLOMAP_WERROR:-}" > "$0.werror"\necho "build failed" >&2\nexit 1\n' \
  > "$tmp/tree/build-aux/dev"
chmod +x "$tmp/tree/.ci/run" "$tmp/tree/build-aux/test-summary" "$tmp/tree/build-aux/dev"
{ line a OK; line b OK; } > "$tmp/tree/_build/meson-logs/testlog.json"
out=$("$tmp/tree/.ci/run" 2>/dev/null)
status=$?
[ "$(printf '%s\n' "$out" | tail -n 1)" = "0 passed, 1 failed" ] \
  && echo "ok - a failed build does not print an earlier run's counts" \
  || { echo "not ok - failed build printed: $out"; fail=1; }
[ "$status" -ne 0 ] && echo "ok - a failed build exits non-zero" \
  || { echo "not ok - failed build exited 0"; fail=1; }
# CI builds with compiler warnings as errors (build-aux/dev honours DIPLOMAP_WERROR=1)
[ "$(cat "$tmp/tree/build-aux/dev.werror" 2>/dev/null)" = 1 ] \
  && echo "ok - CI asks build-aux/dev for -Dwerror=true" \
  || { echo "not ok - .ci/run did not set DIPLOMAP_WERROR=1"; fail=1; }
exit $fail
