#!/bin/sh
# Installs the build into a temporary folder (meson install --destdir) and validates what a
# desktop gets: the desktop file, the metainfo (and that its screenshots are committed), the
# GSettings schema, the MIME type and the icons, scalable and symbolic. TAP output.
set -u
builddir=$1
src=$2
app_id=io.github.diplomap.Diplomap
fail=0
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }
check () { # NAME COMMAND...: the command's output shown when it fails
  name=$1; shift
  if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# DESTDIR: meson's post-install scripts (schemas, icon cache) leave the staged tree alone
if ! out=$(meson install -C "$builddir" --destdir "$tmp" --no-rebuild 2>&1); then
  echo "not ok 1 - meson install --destdir"; printf '%s\n' "$out" | sed 's/^/# /'; echo "1..1"; exit 1
fi
ok "meson install --destdir"
desktop=$(find "$tmp" -path "*/share/applications/$app_id.desktop" | head -n 1)
[ -n "$desktop" ] || { not_ok "no $app_id.desktop installed"; echo "1..$n"; exit 1; }
share=$(dirname "$(dirname "$desktop")")
prefix=$(dirname "$share")

check "desktop file valid" desktop-file-validate "$desktop"
check "desktop file names the icon" grep -qx "Icon=$app_id" "$desktop"
exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
check "Exec= ($exe) is installed" test -x "$prefix/bin/$exe"

metainfo=$share/metainfo/$app_id.metainfo.xml
check "metainfo valid" appstreamcli validate --no-net --explain "$metainfo"
check "metainfo translated (fr, ru, ko)" sh -c \
  "grep -q 'xml:lang=\"fr\"' '$metainfo' && grep -q 'xml:lang=\"ru\"' '$metainfo' && grep -q 'xml:lang=\"ko\"' '$metainfo'"
shots=$(sed -n 's|.*<image>https://raw.githubusercontent.com/diplomap/diplomap/main/\(.*\)</image>.*|\1|p' "$metainfo")
[ -n "$shots" ] && ok "metainfo has screenshots" || not_ok "metainfo has no screenshots"
for shot in $shots; do
  check "screenshot $shot committed, a PNG" sh -c "identify -format %m '$src/$shot' | grep -qx PNG"
done

check "schema compiles (--strict)" glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas"
check "schema installed" test -f "$share/glib-2.0/schemas/$app_id.gschema.xml"

mime=$share/mime/packages/$app_id.mime.xml
check "MIME type well-formed XML" xmllint --noout "$mime"
check "MIME type declares application/x-diplomap" grep -q 'type="application/x-diplomap"' "$mime"
check "desktop file opens that type" grep -q '^MimeType=.*application/x-diplomap;' "$desktop"

for icon in scalable/apps/$app_id.svg symbolic/apps/$app_id-symbolic.svg; do
  path=$share/icons/hicolor/$icon
  check "icon $icon installed" test -f "$path"
  check "icon $icon well-formed SVG" xmllint --noout "$path"
  check "icon $icon renders" rsvg-convert -w 64 -h 64 -o "$tmp/icon.png" "$path"
done
echo "1..$n"
exit $fail
