#!/bin/sh
# diplomap --check, with no display at all: exit codes, positions, JSON counts.
set -u
exe=$1
src=$2
fail=0
unset DISPLAY WAYLAND_DISPLAY

check () { # name expected-status actual-status
  if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1 (exit $3, wanted $2)"; fail=1; fi
}

out=$("$exe" --check "$src/../data/samples/october-2025.diplomap" 2>&1); st=$?
check "sample is clean" 0 $st

out=$("$exe" --check "$src/data/bad-events.diplomap" 2>&1); st=$?
check "problems give exit 1" 1 $st
line=$(grep -n '"Qwxyzzy Nowhere"' "$src/data/bad-events.diplomap" | cut -d: -f1)
echo "$out" | grep -q "bad-events.diplomap:$line:[0-9]*: .*Qwxyzzy Nowhere" && echo "ok - unknown place at line $line" \
  || { echo "not ok - unknown place position: $out"; fail=1; }

out=$("$exe" --check "$src/data/not-json.diplomap" 2>&1); st=$?
check "not JSON gives exit 2" 2 $st
echo "$out" | grep -q "not-json.diplomap:4:[0-9]*: " && echo "ok - parse error position" \
  || { echo "not ok - parse error position: $out"; fail=1; }

json=$("$exe" --check --json "$src/data/issue-example.diplomap" "$src/data/bad-events.diplomap"); st=$?
check "json with problems gives exit 1" 1 $st
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["events"] == 4, d["events"]
assert d["legs"] == 2, d["legs"]
assert d["actors"] == 2, d["actors"]
assert d["start"].startswith("2025-10-2"), d["start"]
assert d["end"] > d["start"]
assert len(d["problems"]) == 5, d["problems"]
for p in d["problems"]:
    assert p["file"].endswith("bad-events.diplomap") and p["line"] > 0 and p["column"] > 0, p
' && echo "ok - json counts" || { echo "not ok - json counts: $json"; fail=1; }

# A folder of travels XML (the U.S. travel record's layout): visits + journeys, inferred legs
json=$("$exe" --check --json "$src/data/ustravel"); st=$?
check "travels folder with an unknown place gives exit 1" 1 $st
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["events"] == 10 + 4, d["events"]
assert d["by_type"]["visit"] == 10 and d["by_type"]["trip"] == 4, d["by_type"]
assert d["legs"] == 14, d["legs"]
assert d["actors"] == 2, d["actors"]
assert len(d["problems"]) == 1, d["problems"]
p = d["problems"][0]
assert p["file"].endswith("doe-john.xml") and p["line"] == 50 and p["column"] == 9, p
' && echo "ok - travels folder json counts" || { echo "not ok - travels folder: $json"; fail=1; }

exit $fail
