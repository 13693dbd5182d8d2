#!/bin/sh
# diplomap --where, with no display at all: where each actor of the sample is at a moment, from
# the same route set the map draws (29 October 12:00 UTC: Choe Son Hui is at the Minsk
# conference, not flying home), at the precision the sources gave.
set -u
exe=$1
src=$2
fail=0
unset DISPLAY WAYLAND_DISPLAY
sample="$src/../data/samples/october-2025.diplomap"

expect () { # name pattern text
  if printf '%s\n' "$3" | grep -q -- "$2"; then echo "ok - $1"; else
    echo "not ok - $1: no match for '$2' in:"; printf '%s\n' "$3" | sed 's/^/# /'; fail=1; fi
}

out=$("$exe" --where --at 2025-10-29T12:00Z "$sample" 2>&1); st=$?
[ "$st" = 0 ] && echo "ok - exit 0" || { echo "not ok - exit $st: $out"; fail=1; }
expect "the moment asked" "^At 29 October 2025, 12:00 UTC:$" "$out"
expect "Choe in Minsk" "^Choe Son Hui: at Minsk (28 – 29 October 2025)$" "$out"
expect "Lavrov in Minsk too" "^Sergey Lavrov: at Minsk (28 – 29 October 2025)$" "$out"
expect "Trump in Gyeongju" "^Donald Trump: at Gyeongju (29 – 30 October 2025)$" "$out"
if printf '%s\n' "$out" | grep -q 'Choe Son Hui: travelling'; then
  echo "not ok - Choe flying home at noon: $out"; fail=1; else echo "ok - Choe not flying"; fi

# No estimated instant shown as a fact: no time of day but the moment asked
if printf '%s\n' "$out" | sed 1d | grep -q '[0-9][0-9]:[0-9][0-9]'; then
  echo "not ok - a time of day: $out"; fail=1; else echo "ok - days only"; fi

# After the conference her return is known to happen, not when
out=$("$exe" --where --at 2025-10-30T06:00Z "$sample" 2>&1)
expect "return unknown" "^Choe Son Hui: not known (last known in Minsk, next in Pyongyang)$" "$out"
# Under way to Moscow on the 26th: the departure's day, the arrival estimated and saying so
out=$("$exe" --where --at 2025-10-26T06:00Z "$sample" 2>&1)
expect "travelling" "^Choe Son Hui: travelling from Pyongyang to Moscow (departs 26 October 2025, arrives about 26 October 2025 (estimated))$" "$out"

json=$("$exe" --where --json --at 2025-10-29T12:00Z "$sample")
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["at"] == "2025-10-29T12:00:00Z", d["at"]
by = {a["actor"]: a for a in d["actors"]}
for a in d["actors"]:
    assert set(a) >= {"actor", "state", "place", "from", "to", "since", "until"}, a
c = by["Choe Son Hui"]
assert (c["state"], c["place"], c["since"], c["until"]) == ("at", "Minsk", "2025-10-28", "2025-10-29"), c
assert c["from"] is None and c["to"] is None, c
' && echo "ok - JSON: Choe at Minsk, days as the file gives them" || { echo "not ok - JSON: $json"; fail=1; }

json=$("$exe" --where --json --at 2025-10-30T06:00Z "$sample")
echo "$json" | /usr/bin/python3 -c '
import json, sys
c = {a["actor"]: a for a in json.load(sys.stdin)["actors"]}["Choe Son Hui"]
assert (c["state"], c["from"], c["to"], c["since"]) == ("unknown", "Minsk", "Pyongyang", None), c
' && echo "ok - JSON: return unknown" || { echo "not ok - JSON unknown: $json"; fail=1; }

out=$("$exe" --where --at yesterday "$sample" 2>&1); st=$?
[ "$st" = 2 ] && echo "ok - a bad time is exit 2" || { echo "not ok - bad time: exit $st"; fail=1; }
expect "bad time named" "yesterday" "$out"
out=$("$exe" --where --at 2025-10-29 2>&1); st=$?
[ "$st" = 2 ] && echo "ok - no file is exit 2" || { echo "not ok - no file: exit $st"; fail=1; }
exit $fail
