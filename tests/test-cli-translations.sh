#!/bin/sh
# diplomap --check and --export in Russian and Korean: the messages, their plural forms
# (Russian has three: 1 персона, 2 события, 0 этапов) and the dates of a figure's caption in
# each language's order. Like test-cli-french.sh, with the .mo files of the build tree.
set -u
exe=$1
src=$2
localedir=$3
fail=0
unset DISPLAY WAYLAND_DISPLAY
bad="$src/data/bad-events.diplomap"
line=$(grep -n '"Qwxyzzy Nowhere"' "$bad" | cut -d: -f1)

expect () { # name pattern text
  if printf '%s\n' "$3" | grep -q -- "$2"; then echo "ok - $1"; else
    echo "not ok - $1: no match for '$2' in:"; printf '%s\n' "$3" | sed 's/^/# /'; fail=1; fi
}
run () { # LANG ARGS...: messages in LANG under C.UTF-8
  lang=$1; shift
  env LANGUAGE="$lang" LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" "$@" 2>&1
}

for lang in ru ko; do
  [ -f "$localedir/$lang/LC_MESSAGES/diplomap.mo" ] && echo "ok - $lang .mo built" \
    || { echo "not ok - no $localedir/$lang/LC_MESSAGES/diplomap.mo"; fail=1; }
done

out=$(run ru --check "$bad"); st=$?
[ "$st" = 1 ] && echo "ok - exit 1 in Russian" || { echo "not ok - ru: exit $st"; fail=1; }
expect "unknown place in Russian, position kept" \
  "bad-events.diplomap:$line:[0-9]*: Неизвестное место «Qwxyzzy Nowhere»: объявите его в «places»" "$out"
expect "unknown actor in Russian" "Неизвестная персона «nobody»: объявите её в «actors»" "$out"
# Russian plurals: 2 → the second form, 0 and 6 → the third, 1 → the first, 3 → the second
expect "summary in Russian" "bad-events.diplomap: 2 события, 0 этапов, 6 проблем$" "$out"
expect "total in Russian" "^Всего: 2 события, 0 этапов, 1 персона, 3 места$" "$out"
expect "period in Russian" "^С 2025-10-2.* по 2025-10-2" "$out"

out=$(run ko --check "$bad"); st=$?
[ "$st" = 1 ] && echo "ok - exit 1 in Korean" || { echo "not ok - ko: exit $st"; fail=1; }
expect "unknown place in Korean, position kept" \
  "bad-events.diplomap:$line:[0-9]*: 알 수 없는 장소 ‘Qwxyzzy Nowhere’: ‘places’에 선언" "$out"
expect "unknown status in Korean" "알 수 없는 상태 ‘rumoured’" "$out"
# Korean counts with a counter word after the number, and one plural form
expect "summary in Korean" "bad-events.diplomap: 일정 2건, 구간 0개, 문제 6건$" "$out"
expect "total in Korean" "^합계: 일정 2건, 구간 0개, 인물 1명, 장소 3곳$" "$out"
for pattern in "Unknown place" "Неизвестное" ; do
  if printf '%s\n' "$out" | grep -q "$pattern"; then echo "not ok - '$pattern' in Korean output"; fail=1; \
    else echo "ok - no '$pattern' in Korean output"; fi
done

# A file that is not JSON: the same FILE:LINE:COLUMN in every language
broken="$src/data/not-json.diplomap"
at=$(awk 'i = index($0, ",}") { print NR ":" i; exit }' "$broken")
expect "not JSON placed in Russian" \
  "not-json.diplomap:$at: некорректный JSON: запятая после последнего элемента" "$(run ru --check "$broken")"
expect "not JSON placed in Korean" \
  "not-json.diplomap:$at: 올바른 JSON이 아닙니다: 목록이나 객체의 마지막 항목 뒤에 쉼표가 있습니다" \
  "$(run ko --check "$broken")"

# Under real ru_RU and ko_KR locales (made here from the `locales` package's sources), a
# figure's caption gives the date in each language's order: the genitive month after the
# day in Russian, year-month-day with 년 월 일 in Korean
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample="$src/../data/samples/october-2025.diplomap"
for loc in ru_RU ko_KR; do
  if localedef -i $loc -f UTF-8 "$tmp/$loc.UTF-8" 2>"$tmp/localedef.log"; then
    echo "ok - $loc.UTF-8 made"
  else
    echo "not ok - localedef $loc.UTF-8 (install the locales package):"; sed 's/^/# /' "$tmp/localedef.log"
    exit 1
  fi
  env -u LANGUAGE LOCPATH="$tmp" LC_ALL=$loc.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" \
    "$exe" --export "$tmp/$loc.svg" --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
    || { echo "not ok - export svg under $loc"; fail=1; }
done
expect "caption's date in Russian" "вторник, 28 октября 2025, 12:00 UTC\|Вторник, 28 октября 2025, 12:00 UTC" \
  "$(cat "$tmp/ru_RU.svg")"
expect "caption's date in Korean" "2025년 10월 28일 화요일 12:00 UTC" "$(cat "$tmp/ko_KR.svg")"
# The Russian scale bar's label ("1000 км на 61° с. ш.") is longer than its bar: it stays
# inside the map, clear of the right edge (no dark ink in the last 6 pixels by the scale bar)
env -u LANGUAGE LOCPATH="$tmp" LC_ALL=ru_RU.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" \
  "$exe" --export "$tmp/ru.png" --size 1280x720 --at 2025-10-28T12:00:00Z "$sample" >/dev/null 2>&1 \
  || { echo "not ok - export png under ru_RU"; fail=1; }
edge=$(convert "$tmp/ru.png" -crop 6x44+1274+640 -colorspace gray -format "%[fx:round(minima*100)]" info:)
if [ -n "$edge" ] && [ "$edge" -gt 50 ]; then echo "ok - Russian scale bar inside the map ($edge)"; \
  else echo "not ok - dark ink at the right edge by the scale bar: minimum gray $edge%"; fail=1; fi
exit $fail
