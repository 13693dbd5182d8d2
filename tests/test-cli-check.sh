#!/bin/sh
# diplomap --check, with no display at all: exit codes, positions, JSON counts.
set -u
exe=$1
src=$2
fail=0
unset DISPLAY WAYLAND_DISPLAY

# "LINE:COLUMN" where the fixed string $1 first starts in file $2 (ASCII files)
pos () { awk -v n="$1" 'i = index($0, n) { print NR ":" i; exit }' "$2"; }

check () { # name expected-status actual-status
  if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1 (exit $3, wanted $2)"; fail=1; fi
}

out=$("$exe" --check "$src/../data/samples/october-2025.diplomap" 2>&1); st=$?
check "sample is clean" 0 $st

# The dates are the file's own, at their precision: the sample's trip leaves Pyongyang on
# "2025-10-26" (a day), APEC ends "2025-11-01"; no instant made up by a flight estimate
json=$("$exe" --check --json "$src/../data/samples/october-2025.diplomap")
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert (d["start"], d["end"]) == ("2025-10-26", "2025-11-01"), (d["start"], d["end"])
' && echo "ok - honest start and end" || { echo "not ok - start and end: $json"; fail=1; }
"$exe" --check "$src/../data/samples/october-2025.diplomap" | grep -q -x "From 2025-10-26 to 2025-11-01" \
  && echo "ok - honest From line" || { echo "not ok - From line"; fail=1; }

out=$("$exe" --check "$src/data/bad-events.diplomap" 2>&1); st=$?
check "problems give exit 1" 1 $st
# each problem at the start of the offending value
for case in '"Qwxyzzy Nowhere"|Unknown place' '"2025-10-20"|The event ends before it starts' \
            '"Minsk", "to"|This leg starts in Minsk but the previous one ended in Moscow' '"nobody"|Unknown actor' \
            '"2025-13-45"|“2025-13-45” is not an ISO 8601 date' '"rumoured"|Unknown status'; do
  needle=${case%%|*}; what=${case#*|}
  at=$(pos "$needle" "$src/data/bad-events.diplomap")
  echo "$out" | grep -q -F "bad-events.diplomap:$at: $what" && echo "ok - $what at $at" \
    || { echo "not ok - $what not at $at: $out"; fail=1; }
done

out=$("$exe" --check "$src/data/not-json.diplomap" 2>&1); st=$?
check "not JSON gives exit 2" 2 $st
at=$(pos ',}' "$src/data/not-json.diplomap")  # the stray comma before a "}"
echo "$out" | grep -q -F "not-json.diplomap:$at: not valid JSON: a comma after the last item" && echo "ok - parse error position $at" \
  || { echo "not ok - parse error position: $out"; fail=1; }

# A fatal error in --check --json: the file's one problem, its message without "FILE:LINE:COL: "
at=$(pos ',}' "$src/data/not-json.diplomap")
json=$("$exe" --check --json "$src/data/not-json.diplomap"); st=$?
check "json of a file that is not JSON gives exit 2" 2 $st
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["files"][0]
assert not f["loaded"] and f["problems"] == 1, f
p = d["problems"][0]
assert p["fatal"] and "%d:%d" % (p["line"], p["column"]) == sys.argv[1], (p, sys.argv[1])
assert p["message"].startswith("not valid JSON: "), p["message"]
assert "not-json.diplomap" not in p["message"], p["message"]
' "$at" && echo "ok - fatal error in json" || { echo "not ok - fatal error in json: $json"; fail=1; }

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
assert len(d["problems"]) == 6, d["problems"]
for p in d["problems"]:
    assert p["file"].endswith("bad-events.diplomap") and p["line"] > 0 and p["column"] > 0, p
' && echo "ok - json counts" || { echo "not ok - json counts: $json"; fail=1; }

# Times out of range are problems at their position, and nothing prints "(null)"
for case in 'bad-types.geojson|1e20|1e+20 is not a time' 'bad.csv|99999999999999999999|99999999999999999999 is not a time' \
            'bad.ics|99991301|DTSTART is not an iCalendar date'; do
  f=${case%%|*}; rest=${case#*|}; needle=${rest%%|*}; what=${rest#*|}
  out=$("$exe" --check "$src/data/interop/$f" 2>&1; "$exe" --check --json "$src/data/interop/$f" 2>&1)
  line=$(grep -n -F "$needle" "$src/data/interop/$f" | cut -d: -f1)
  echo "$out" | grep -q -F "$f:$line:" && echo "$out" | grep -q -F "$what" && echo "ok - $what at line $line" \
    || { echo "not ok - $what at line $line: $out"; fail=1; }
  echo "$out" | grep -q "(null)" && { echo "not ok - (null) in: $out"; fail=1; } || echo "ok - no (null) for $f"
done

# A folder of travels XML (the U.S. travel record's layout): visits + journeys, inferred legs
json=$("$exe" --check --json "$src/data/ustravel"); st=$?
check "travels folder with an unknown place gives exit 1" 1 $st
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["events"] == 12 + 5, d["events"]
assert d["by_type"]["visit"] == 12 and d["by_type"]["trip"] == 5, d["by_type"]
assert d["legs"] == 17, d["legs"]
assert d["actors"] == 2, d["actors"]
assert len(d["problems"]) == 1, d["problems"]
p = d["problems"][0]
assert p["file"].endswith("doe-john.xml") and p["line"] == 50 and p["column"] == 9, p
# the misspelt "Brusssels" of the record, matched by the gazetteer, is said
assert d["notes"] == [{"place": "Brussels", "country": "BE",
                       "note": "Matched \u201cBrusssels\u201d to Brussels, Belgium"}], d["notes"]
' && echo "ok - travels folder json counts" || { echo "not ok - travels folder: $json"; fail=1; }
out=$("$exe" --check "$src/data/ustravel" 2>&1)
[ "$(echo "$out" | grep -c '^Note: ')" = 1 ] && echo "$out" | grep -q -F "Note: Matched “Brusssels” to Brussels, Belgium" \
  && echo "ok - the fuzzy match is a note line" || { echo "not ok - no note line: $out"; fail=1; }

exit $fail
