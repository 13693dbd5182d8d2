#!/bin/sh
# diplomap --convert, with no display: every output format, and what --check --json counts.
set -u
exe=$1
src=$2
fail=0
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample="$src/../data/samples/october-2025.diplomap"

ok () { echo "ok - $1"; }
bad () { echo "not ok - $1"; fail=1; }

for ext in geojson csv kml diplomap; do
  "$exe" --convert "$tmp/out.$ext" "$sample" >/dev/null 2>"$tmp/err"; st=$?
  [ $st -eq 0 ] && ok "convert to .$ext" || { bad "convert to .$ext (exit $st): $(cat "$tmp/err")"; continue; }
  json=$("$exe" --check --json "$tmp/out.$ext"); st=$?
  [ $st -eq 0 ] && ok ".$ext reads back without problems" || bad ".$ext reads back (exit $st)"
  echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["files"][0]
assert f["loaded"] and f["events"] == 10 and f["legs"] == 8 and f["problems"] == 0, f
assert d["actors"] == 5, d["actors"]
' && ok ".$ext counts" || bad ".$ext counts: $json"
done

# one .diplomap into .diplomap: what this version does not know survives, in place
"$exe" --convert "$tmp/kept.diplomap" "$src/data/unknown-members.diplomap" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 1 ] && ok "unknown members: exit 1 for the rejected event" || bad "unknown members (exit $st): $(cat "$tmp/err")"
/usr/bin/python3 - "$tmp/kept.diplomap" <<'PY' && ok "unknown members, rejected events and version survive --convert" || bad "--convert lost what it did not know: $(cat "$tmp/kept.diplomap")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["diplomap"] == 2, d["diplomap"]
assert d["layers"] == {"basemap": "relief"}, d.get("layers")
assert [(e["id"], e["type"]) for e in d["events"]] == [("t", "trip"), ("future", "procession")], d["events"]
assert d["actors"][0]["portrait"] == "choe.png", d["actors"]
assert d["places"][0]["floor"] == 3, d["places"]
PY

"$exe" --convert "$tmp/out.xyz" "$sample" >/dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok "unknown output extension gives exit 2" || bad "unknown output extension (exit $st)"
[ ! -e "$tmp/out.xyz" ] && ok "nothing written for an unknown extension" || bad "out.xyz was written"

"$exe" --convert "$tmp/bad.geojson" "$src/data/interop/truncated.geojson" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 2 ] && grep -q "truncated.geojson:[0-9]*:[0-9]*: " "$tmp/err" && ok "unreadable input: exit 2 with a position" \
  || bad "unreadable input (exit $st): $(cat "$tmp/err")"

json=$("$exe" --check --json "$src/data/interop/mixed.geojson"); st=$?
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["files"][0]
assert f["events"] == 9 and f["problems"] == 1, f
assert d["by_type"]["trip"] == 3 and d["by_type"]["summit"] == 1, d["by_type"]
' && ok "GeoJSON counts in --check --json" || bad "GeoJSON counts: $json"

json=$("$exe" --check --json "$src/data/interop/spreadsheet.csv" "$src/data/interop/routes.tsv"); st=$?
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [f["events"] for f in d["files"]] == [4, 1], d["files"]
assert [f["legs"] for f in d["files"]] == [5, 2], d["files"]
' && ok "CSV and TSV counts in --check --json" || bad "CSV and TSV counts: $json"

json=$("$exe" --check --json "$src/data/interop/google-earth.kml" "$src/data/interop/google-earth.kmz"); st=$?
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [(f["events"], f["legs"], f["problems"]) for f in d["files"]] == [(5, 5, 1)] * 2, d["files"]
' && ok "KML and KMZ counts in --check --json" || bad "KML and KMZ counts: $json"

json=$("$exe" --check --json "$src/data/interop/visits.ics"); st=$?
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [(f["events"], f["problems"]) for f in d["files"]] == [(5, 2)], d["files"]
assert d["by_type"]["meeting"] == 1 and d["by_type"]["summit"] == 1, d["by_type"]
' && ok "iCalendar counts in --check --json" || bad "iCalendar counts: $json"

# every reader into every writer: the events survive
"$exe" --convert "$tmp/all.geojson" "$src/data/interop/visits.ics" "$src/data/interop/google-earth.kmz" \
  "$src/data/interop/spreadsheet.csv" "$src/data/interop/mixed.geojson" >/dev/null 2>&1
json=$("$exe" --check --json "$tmp/all.geojson")
echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["files"][0]["events"] == 5 + 5 + 4 + 9, d["files"]
assert d["files"][0]["problems"] == 0, d["problems"]
' && ok "all formats into one GeoJSON" || bad "all formats into one GeoJSON: $json"

# past the file size limit (ulimit -f): a message, the old file as it was, no temporary file
mkdir "$tmp/limit"
echo OLD > "$tmp/limit/out.geojson"
(ulimit -f 1; exec "$exe" --convert "$tmp/limit/out.geojson" "$sample") >/dev/null 2>"$tmp/err"; st=$?
[ $st -ne 0 ] && [ $st -lt 128 ] && grep -q "Could not save .*out.geojson: File too large" "$tmp/err" &&
  [ "$(cat "$tmp/limit/out.geojson")" = OLD ] && [ "$(ls -A "$tmp/limit")" = out.geojson ] &&
  ok "a write past ulimit -f fails cleanly" || bad "a write past ulimit -f (exit $st): $(cat "$tmp/err"); $(ls -A "$tmp/limit")"

# hostile files at the command line (docs/SECURITY.md): a U.S.-record folder holding a link
# to itself crashed --convert and --export; each file is read once now
mkdir "$tmp/loop"
cp "$src/data/ustravel/secretary-travels/roe-jane.xml" "$tmp/loop/"
ln -s . "$tmp/loop/self"
ln -s ../loop "$tmp/loop/up"
count () { "$exe" --check --json "$1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["files"][0]["events"])'; }
"$exe" --convert "$tmp/loop.geojson" "$tmp/loop" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 0 ] && [ "$(count "$tmp/loop.geojson")" = "$(count "$tmp/loop/roe-jane.xml")" ] &&
  ok "--convert of a folder with a link loop" || bad "--convert of a folder with a link loop (exit $st): $(cat "$tmp/err")"
"$exe" --export "$tmp/loop.png" "$tmp/loop" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 0 ] && [ -s "$tmp/loop.png" ] && ok "--export of a folder with a link loop" ||
  bad "--export of a folder with a link loop (exit $st): $(cat "$tmp/err")"
# a Latin-1 .ics: --check --json printed its bytes as they were, not UTF-8
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:R\351union\r\n''DTSTART:20250101\r\nGEO:55.75;37.62\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$tmp/latin1.ics"
"$exe" --check --json "$tmp/latin1.ics" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.buffer.read().decode("utf-8"))
assert d["files"][0]["events"] == 1, d
assert any("not UTF-8" in p["message"] for p in d["problems"]), d["problems"]
' && ok "--check --json of a Latin-1 .ics is UTF-8" || bad "--check --json of a Latin-1 .ics"

exit $fail
