#!/bin/sh
# diplomap --check speaks French when asked: LANGUAGE=fr with the .mo built in the build tree
# (DIPLOMAP_LOCALEDIR), and English without it. Needs no French locale: C.UTF-8 is enough.
set -u
exe=$1
src=$2
localedir=$3
fail=0
unset DISPLAY WAYLAND_DISPLAY
bad="$src/data/bad-events.diplomap"
nb=$(printf '\302\240')   # the no-break space French puts before ":" and inside « »

expect () { # name pattern text
  if printf '%s\n' "$3" | grep -q -- "$2"; then echo "ok - $1"; else
    echo "not ok - $1: no match for '$2' in:"; printf '%s\n' "$3" | sed 's/^/# /'; fail=1; fi
}

[ -f "$localedir/fr/LC_MESSAGES/diplomap.mo" ] && echo "ok - fr .mo built" \
  || { echo "not ok - no $localedir/fr/LC_MESSAGES/diplomap.mo"; fail=1; }

out=$(env LANGUAGE=fr LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check "$bad" 2>&1); st=$?
[ "$st" = 1 ] && echo "ok - exit 1 in French too" || { echo "not ok - exit $st"; fail=1; }
line=$(grep -n '"Qwxyzzy Nowhere"' "$bad" | cut -d: -f1)
# Positions stay machine-readable (file:line:column: ), the message is French with its typography
expect "unknown place in French" \
  "bad-events.diplomap:$line:[0-9]*: Lieu inconnu «${nb}Qwxyzzy Nowhere${nb}»${nb}: déclarez-le" "$out"
expect "unknown actor in French" "Acteur inconnu «${nb}nobody${nb}»${nb}: déclarez-le dans «${nb}actors${nb}»" "$out"
# Plurals follow French rules: 0 and 1 are singular
expect "summary in French" "bad-events.diplomap${nb}: 2 événements, 0 étape, 6 problèmes" "$out"
expect "total in French" "^Total${nb}: 2 événements, 0 étape, 1 acteur, 3 lieux" "$out"
expect "period in French" "^Du 2025-10-2.* au 2025-10-2" "$out"
if printf '%s\n' "$out" | grep -q "Unknown place"; then echo "not ok - English left: $out"; fail=1; \
  else echo "ok - no English message left"; fi

# A file that is not JSON: its position is the error's data, not read back from the French
# text (which holds none): the same FILE:LINE:COLUMN and the same "line" and "column"
broken="$src/data/not-json.diplomap"
at=$(awk 'i = index($0, ",}") { print NR ":" i; exit }' "$broken")
out=$(env LANGUAGE=fr LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check "$broken" 2>&1); st=$?
[ "$st" = 2 ] && echo "ok - not JSON: exit 2 in French" || { echo "not ok - not JSON: exit $st"; fail=1; }
expect "not JSON placed in French" \
  "not-json.diplomap:$at: JSON non valide${nb}: une virgule après le dernier élément" "$out"
json=$(env LANGUAGE=fr LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check --json "$broken")
if printf '%s' "$json" | /usr/bin/python3 -c '
import json, sys
p = json.load(sys.stdin)["problems"][0]
assert p["fatal"] and "%d:%d" % (p["line"], p["column"]) == sys.argv[1], (p, sys.argv[1])
assert p["message"].startswith("JSON non valide\u00a0: une virgule"), p["message"]
assert not any(c.isdigit() for c in p["message"]), p["message"]
' "$at"; then echo "ok - not JSON placed in French JSON"; else echo "not ok - French JSON: $json"; fail=1; fi

# The same run without LANGUAGE stays English: the French above came from the catalogue
out=$(env -u LANGUAGE LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check "$bad" 2>&1)
expect "English without LANGUAGE" "Unknown place “Qwxyzzy Nowhere”" "$out"

# Under a real French locale (made here from the `locales` package's sources, so the test
# needs no locale installed system-wide): messages in French, month names in French, and
# every number written in a file keeps its dot (CSV, GeoJSON, KML, SVG are not French)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if localedef -i fr_FR -f UTF-8 "$tmp/fr_FR.UTF-8" 2>"$tmp/localedef.log"; then
  echo "ok - fr_FR.UTF-8 made"
else
  echo "not ok - localedef fr_FR.UTF-8 (install the locales package):"; sed 's/^/# /' "$tmp/localedef.log"
  exit 1
fi
fr () { env -u LANGUAGE LOCPATH="$tmp" LC_ALL=fr_FR.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" "$@"; }
out=$(fr --check "$bad" 2>&1)
expect "French under fr_FR.UTF-8" "Lieu inconnu «${nb}Qwxyzzy Nowhere${nb}»" "$out"
sample="$src/../data/samples/october-2025.diplomap"
for ext in csv geojson kml; do
  fr --convert "$tmp/out.$ext" "$sample" >/dev/null 2>&1 || { echo "not ok - convert to $ext"; fail=1; }
done
# Pyongyang's latitude, 39.03..., as the files write it
for ext in csv geojson kml; do
  if grep -q '39\.0[0-9]' "$tmp/out.$ext" && ! grep -q '39,0[0-9]' "$tmp/out.$ext"; then
    echo "ok - $ext numbers with a dot under fr_FR"
  else echo "not ok - $ext numbers under fr_FR:"; grep -m3 '39[.,]0' "$tmp/out.$ext" | sed 's/^/# /'; fail=1; fi
done
# and they read back: the same events as the sample
for ext in csv geojson kml; do
  n=$(fr --check --json "$tmp/out.$ext" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
  [ "$n" = 10 ] && echo "ok - $ext read back under fr_FR: $n events" || { echo "not ok - $ext read back: $n"; fail=1; }
done
# A point with no name and no known place within 10 km (mid-Atlantic) is named by its
# coordinates, with dots: that name is written in files
printf '%s\n' '{"type": "FeatureCollection", "features": [{"type": "Feature",' \
  '"properties": {"actor": "Emmanuel Macron", "date": "2025-10-02"},' \
  '"geometry": {"type": "Point", "coordinates": [-30.5678, 45.1234]}}]}' >"$tmp/unnamed.geojson"
for ext in csv geojson; do
  fr --convert "$tmp/unnamed-out.$ext" "$tmp/unnamed.geojson" >/dev/null 2>&1 \
    || { echo "not ok - convert an unnamed point to $ext"; fail=1; }
  if grep -q '45\.1234, -30\.5678' "$tmp/unnamed-out.$ext"; then
    echo "ok - unnamed point in $ext named with dots under fr_FR"
  else echo "not ok - unnamed point in $ext under fr_FR:"; sed 's/^/# /' "$tmp/unnamed-out.$ext"; fail=1; fi
done
fr --export "$tmp/fig.svg" --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
  || { echo "not ok - export svg under fr_FR"; fail=1; }
if grep -q 'opacity="[0-9]*,' "$tmp/fig.svg"; then echo "not ok - SVG with decimal commas"; fail=1; \
  else echo "ok - SVG numbers with a dot"; fi
rsvg-convert -o "$tmp/fig.png" "$tmp/fig.svg" && echo "ok - SVG made under fr_FR renders" \
  || { echo "not ok - rsvg-convert"; fail=1; }
expect "caption's month in French" "octobre 2025" "$(cat "$tmp/fig.svg")"

# --language: a figure in another language than the session's, texts and map labels alike
env LANGUAGE=fr LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --export "$tmp/en.svg" \
  --language en --size 1280x720 --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
  || { echo "not ok - export --language en"; fail=1; }
svg=$(cat "$tmp/en.svg")
expect "--language en in a French session: legend" ">Confirmed</text>" "$svg"
expect "--language en in a French session: country" ">Russia</text>" "$svg"
expect "--language en in a French session: place" ">Moscow</text>" "$svg"
expect "--language en in a French session: caption's date" ">Tuesday 28 October 2025, 12:00 UTC " "$svg"
# under a French locale too: the weekday and month names follow the figure's language, not LC_TIME
fr --export "$tmp/en-fr_FR.svg" --language en --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
  || { echo "not ok - export --language en under fr_FR"; fail=1; }
expect "--language en under fr_FR: caption's date" ">Tuesday 28 October 2025, 12:00 UTC " \
  "$(cat "$tmp/en-fr_FR.svg")"
env -u LANGUAGE LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --export "$tmp/fr.svg" \
  --language fr --size 1280x720 --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
  || { echo "not ok - export --language fr"; fail=1; }
svg=$(cat "$tmp/fr.svg")
expect "--language fr: legend" ">Confirmé</text>" "$svg"
expect "--language fr: country (CLDR)" ">Russie</text>" "$svg"
expect "--language fr: place (gazetteer)" ">Moscou</text>" "$svg"
expect "--language fr under C.UTF-8: caption's date" ">mardi 28 octobre 2025 à 12:00 UTC " "$svg"
for lang in ru ko; do
  env -u LANGUAGE LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --export "$tmp/$lang.svg" \
    --language $lang --size 1280x720 --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
    || { echo "not ok - export --language $lang"; fail=1; }
done
expect "--language ru: country" ">Россия</text>" "$(cat "$tmp/ru.svg")"
expect "--language ru: place" ">Москва</text>" "$(cat "$tmp/ru.svg")"
expect "--language ru: caption's date and place" ">вторник, 28 октября 2025, 12:00 UTC · Минск 15:00" \
  "$(cat "$tmp/ru.svg")"
expect "--language ko: caption's date" ">2025년 10월 28일 화요일 12:00 UTC " "$(cat "$tmp/ko.svg")"
expect "--language ko: country" ">러시아</text>" "$(cat "$tmp/ko.svg")"
expect "--language ko: place" ">모스크바</text>" "$(cat "$tmp/ko.svg")"
out=$(env -u LANGUAGE LC_ALL=C.UTF-8 "$exe" --export "$tmp/x.svg" --language 'fr;x' "$sample" 2>&1); st=$?
[ $st -eq 2 ] && [ ! -e "$tmp/x.svg" ] && echo "ok - a bad --language is refused" \
  || { echo "not ok - bad --language: status $st"; fail=1; }
expect "bad --language says why" "is not a language code" "$out"
exit $fail
