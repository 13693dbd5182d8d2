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

# The same run without LANGUAGE stays English: the French above came from the catalogue
out=$(env -u LANGUAGE LC_ALL=C.UTF-8 DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check "$bad" 2>&1)
expect "English without LANGUAGE" "Unknown place “Qwxyzzy Nowhere”" "$out"

# A French locale, when the machine has one, gives the same French
frloc=$(locale -a 2>/dev/null | grep -i -m1 '^fr_FR\.utf-\?8$' || true)
if [ -n "$frloc" ]; then
  out=$(env -u LANGUAGE LC_ALL="$frloc" DIPLOMAP_LOCALEDIR="$localedir" "$exe" --check "$bad" 2>&1)
  expect "French under $frloc" "Lieu inconnu «${nb}Qwxyzzy Nowhere${nb}»" "$out"
else
  echo "ok - no fr_FR locale on this machine # SKIP"
fi
exit $fail
