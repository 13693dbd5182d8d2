#!/bin/sh
# diplomap --export, run as a user would, with no display at all: exact sizes, SVG and PDF
# that other programs open and render like the PNG, text kept as text, clear errors, and
# nothing half-written under the target name when an export fails.
set -u
exe=$1
src=$2
sample="$src/../data/samples/october-2025.diplomap"
fail=0
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok () { echo "ok - $1"; }
bad () { echo "not ok - $1"; fail=1; }
check () { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got '$3', wanted '$2')"; fi; }

# "W H" of a PNG, from its header
png_size () {
  /usr/bin/python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print(*struct.unpack(">II", d[16:24]))' "$1"
}
# the colour of a pixel, as rrggbb
pixel () {
  convert "$1" -format "%[hex:p{$2,$3}]" info: 2>/dev/null | cut -c1-6 | tr 'A-F' 'a-f'
}
# white where a picture has Choe Son Hui's vermillion, black elsewhere
mask () {
  convert "$1" -alpha off -fuzz 10% -fill black +opaque '#d55e00' -fill white -opaque '#d55e00' "$2"
}
count () { convert "$@" -format "%[fx:round(mean*w*h)]" info:; }
# the route pixels of the PNG are route pixels in the other rendering too
same_routes () { # name png other
  mask "$2" "$tmp/m1.png"; mask "$3" "$tmp/m2.png"
  n=$(count "$tmp/m1.png")
  both=$(count "$tmp/m1.png" "$tmp/m2.png" -compose multiply -composite)
  if [ "$n" -gt 50 ] && [ $((both * 10)) -ge $((n * 8)) ]; then ok "$1 ($both of $n)"; else bad "$1 ($both of $n)"; fi
}
# share (in thousandths) of pixels that differ clearly between two images of the same size
differ () {
  compare -metric AE -fuzz 20% "$1" "$2" null: 2>&1 | awk -v w="$3" -v h="$4" '{printf "%d", $1 * 1000 / (w * h)}'
}

"$exe" --export "$tmp/a.png" --size 800x450 --at 2025-10-28T12:00:00Z "$sample"; st=$?
check "png export exits 0" 0 $st
check "png size" "800 450" "$(png_size "$tmp/a.png")"

"$exe" --export "$tmp/b.png" --size 640x360 --scale 2 --view world "$sample"; st=$?
check "png at scale 2 exits 0" 0 $st
check "png at scale 2 size" "1280 720" "$(png_size "$tmp/b.png")"

# SVG: vector, parsed and rendered by librsvg like the PNG
"$exe" --export "$tmp/a.svg" --size 800x450 --at 2025-10-28T12:00:00Z "$sample"; st=$?
check "svg export exits 0" 0 $st
grep -q '<path' "$tmp/a.svg" && ok "svg has paths" || bad "svg has paths"
grep -q '<image' "$tmp/a.svg" && bad "svg has no raster image" || ok "svg has no raster image"
# text stays text: words are <text> elements, not glyph outlines
grep -q '<text[^>]*>Late October 2025' "$tmp/a.svg" && ok "svg title is text" || bad "svg title is text"
grep -q '<text[^>]*>Pyongyang</text>' "$tmp/a.svg" && ok "svg place label is text" || bad "svg place label is text"
grep -q '<text[^>]*>Choe Son Hui</text>' "$tmp/a.svg" && ok "svg legend is text" || bad "svg legend is text"
grep -q 'width="800px"' "$tmp/a.svg" && ok "svg width in px" || bad "svg width: $(head -c 300 "$tmp/a.svg")"
# compacted (dm-svg-compact.c): well-formed XML, styles as classes, none repeated inline
xmllint --noout "$tmp/a.svg" && ok "svg is well-formed XML" || bad "svg is well-formed XML"
grep -q '^<style type="text/css">' "$tmp/a.svg" && grep -q '<path class="s[0-9]*" d="M' "$tmp/a.svg" \
  && ok "svg styles are classes" || bad "svg styles are classes"
n=$(grep -o 'style="[^"]*"' "$tmp/a.svg" | sort | uniq -d | wc -l)
check "no inline style repeated" 0 "$n"
rsvg-convert -o "$tmp/svg.png" "$tmp/a.svg"; st=$?
check "rsvg-convert renders the svg" 0 $st
check "svg rendering size" "800 450" "$(png_size "$tmp/svg.png")"
# text is laid out with each surface's own font metrics, so only the map must match closely
d=$(differ "$tmp/a.png" "$tmp/svg.png" 800 450)
[ "${d:-999}" -le 100 ] && ok "svg renders like the png ($d/1000 differ)" || bad "svg renders like the png ($d/1000 differ)"
same_routes "svg routes where the png has them" "$tmp/a.png" "$tmp/svg.png"
check "svg header is white" "ffffff" "$(pixel "$tmp/svg.png" 3 3)"
check "svg sea where the png has sea" "$(pixel "$tmp/a.png" 400 400)" "$(pixel "$tmp/svg.png" 400 400)"

# PDF: opens, exact page size, text is text, renders like the PNG
"$exe" --export "$tmp/a.pdf" --size 800x450 --at 2025-10-28T12:00:00Z "$sample"; st=$?
check "pdf export exits 0" 0 $st
pdfinfo "$tmp/a.pdf" > "$tmp/info" 2>&1; st=$?
check "pdfinfo opens the pdf" 0 $st
grep -q "Page size: *800 x 450 pts" "$tmp/info" && ok "pdf page size" || bad "pdf page size: $(cat "$tmp/info")"
grep -q "Pages: *1" "$tmp/info" && ok "pdf has one page" || bad "pdf pages"
"$exe" --export "$tmp/t.pdf" --size 800x450 --title "Choe and Trump" "$sample"
pdftotext "$tmp/t.pdf" - | grep -q "Choe and Trump" && ok "pdf title is text" || bad "pdf title is text"
pdftotext "$tmp/a.pdf" - | grep -q "Natural Earth" && ok "pdf attribution is text" || bad "pdf attribution is text"
pdfimages -list "$tmp/a.pdf" 2>/dev/null | awk 'NR > 2' | grep -q . && bad "pdf has no raster image" || ok "pdf has no raster image"
pdftoppm -r 72 -png -singlefile "$tmp/a.pdf" "$tmp/pdf"; st=$?
check "pdftoppm renders the pdf" 0 $st
check "pdf rendering size" "800 450" "$(png_size "$tmp/pdf.png")"
d=$(differ "$tmp/a.png" "$tmp/pdf.png" 800 450)
[ "${d:-999}" -le 100 ] && ok "pdf renders like the png ($d/1000 differ)" || bad "pdf renders like the png ($d/1000 differ)"
same_routes "pdf routes where the png has them" "$tmp/a.png" "$tmp/pdf.png"

# Options change the picture
# (Mercator given: unset, the sample's fit is Equal Earth, its legs passing 75° N)
"$exe" --export "$tmp/nolegend.png" --size 800x450 --at 2025-10-28T12:00:00Z --no-legend --no-caption \
  --projection mercator "$sample"
d=$(differ "$tmp/a.png" "$tmp/nolegend.png" 800 450)
[ "${d:-0}" -ge 20 ] && ok "--no-legend --no-caption change the figure" || bad "--no-legend --no-caption change nothing ($d)"
check "--no-caption: the map reaches the top" "$(pixel "$tmp/nolegend.png" 400 1 | cut -c1-2)" "df"
for p in mercator equirectangular equal-earth; do
  "$exe" --export "$tmp/p-$p.png" --size 400x300 --view world --projection $p "$sample"; st=$?
  check "--projection $p" 0 $st
done
"$exe" --export "$tmp/box.png" --size 400x300 --view 120,20,250,60 "$sample"; st=$?
check "--view box across the antimeridian" 0 $st

# --graticule draws meridians and parallels: faint lines over the sea (a few levels off it)
"$exe" --export "$tmp/g0.png" --size 800x450 --view world "$sample"
"$exe" --export "$tmp/g1.png" --size 800x450 --view world --graticule "$sample"; st=$?
check "--graticule exits 0" 0 $st
n=$(compare -metric AE -fuzz 2% "$tmp/g0.png" "$tmp/g1.png" null: 2>&1)
[ "${n%.*}" -ge 1000 ] 2>/dev/null && ok "--graticule draws lines ($n pixels)" || bad "--graticule draws lines ($n pixels)"

# Names with colons are file names, not URIs of a scheme "fig-2025-10-29t12"; file:// is a URI
cp "$sample" "$tmp/in-12:00.diplomap"
( cd "$tmp" && "$exe" --export fig-2025-10-29T12:00.png --size 400x300 in-12:00.diplomap ); st=$?
check "export to a name with colons exits 0" 0 $st
check "export to a name with colons writes it" "400 300" "$(png_size "$tmp/fig-2025-10-29T12:00.png")"
"$exe" --export "file://$tmp/from-uri.png" --size 400x300 "$sample"; st=$?
check "export to a file:// URI exits 0" 0 $st
check "export to a file:// URI writes the file" "400 300" "$(png_size "$tmp/from-uri.png")"
( cd "$tmp" && "$exe" --convert out-12:00.geojson in-12:00.diplomap >/dev/null ); st=$?
check "convert between names with colons exits 0" 0 $st
[ -s "$tmp/out-12:00.geojson" ] && ok "convert wrote the name with colons" || bad "convert wrote the name with colons"
( cd "$tmp" && "$exe" --check in-12:00.diplomap >/dev/null ); st=$?
check "check a name with colons exits 0" 0 $st

# --help: the window's names the commands without a display; --export's has one FILE…
for i in 1 2 3 4 5; do
  "$exe" --help > "$tmp/help" 2>&1; st=$?
  [ $st -eq 0 ] || break
done
check "--help exits 0 (5 times)" 0 $st
for c in --check --export --convert; do
  grep -q -- "^ *$c .*FILE" "$tmp/help" && ok "--help names $c" || bad "--help names $c: $(cat "$tmp/help")"
done
"$exe" --export x.png --help > "$tmp/help" 2>&1; st=$?
check "--export --help exits 0" 0 $st
grep -q "FILE… FILE…" "$tmp/help" && bad "--export --help: FILE… once: $(head -3 "$tmp/help")" || ok "--export --help: FILE… once"
grep -q -- "--graticule" "$tmp/help" && ok "--export --help lists --graticule" || bad "--export --help lists --graticule"
"$exe" --check --help > "$tmp/help" 2>&1
grep -q "FILE… FILE…" "$tmp/help" && bad "--check --help: FILE… once" || ok "--check --help: FILE… once"

# Errors: clear messages, non-zero exit, nothing written
expect_error () { # name status pattern args...
  name=$1; want=$2; pattern=$3; shift 3
  out=$("$exe" "$@" 2>&1); st=$?
  check "$name exits $want" "$want" "$st"
  echo "$out" | grep -q -- "$pattern" && ok "$name message" || bad "$name message: $out"
}
expect_error "bad size" 2 "--size" --export "$tmp/x.png" --size 12x "$sample"
expect_error "bad scale" 2 "--scale" --export "$tmp/x.png" --scale zero "$sample"
expect_error "bad view" 2 "--view" --export "$tmp/x.png" --view 1,2,3 "$sample"
expect_error "bad projection" 2 "--projection" --export "$tmp/x.png" --projection gnomonic "$sample"
expect_error "bad time" 2 "--at" --export "$tmp/x.png" --at yesterday "$sample"
expect_error "bad sources" 2 "--sources" --export "$tmp/x.png" --sources everywhere "$sample"
expect_error "unknown format" 2 "x.bmp" --export "$tmp/x.bmp" "$sample"
expect_error "no input" 2 "No file" --export "$tmp/x.png"
expect_error "unloadable input" 2 "not-json.diplomap" --export "$tmp/x.png" "$src/data/not-json.diplomap"
expect_error "missing input" 2 "nowhere.diplomap" --export "$tmp/x.png" "$tmp/nowhere.diplomap"
printf '<gpx version="1.1"></gpx>\n' > "$tmp/empty.gpx"
expect_error "nothing to draw" 2 "Nothing to draw" --export "$tmp/x.png" "$tmp/empty.gpx"
expect_error "unwritable path" 1 "no-such-dir/x.png" --export "$tmp/no-such-dir/x.png" "$sample"
[ -e "$tmp/x.png" ] || [ -e "$tmp/x.bmp" ] && bad "failed exports wrote nothing" || ok "failed exports wrote nothing"

# --sources: numbered footnotes, the one list line, or none
"$exe" --export "$tmp/notes.svg" --size 1280x720 --sources footnotes "$sample" >/dev/null 2>&1
grep -q '>1\. Reuters, ' "$tmp/notes.svg" && ! grep -q '>Sources:' "$tmp/notes.svg" \
  && ok "--sources footnotes numbers the sources" || bad "--sources footnotes"
"$exe" --export "$tmp/none.svg" --size 1280x720 --sources none "$sample" >/dev/null 2>&1
! grep -q 'Reuters' "$tmp/none.svg" && ok "--sources none" || bad "--sources none shows sources"

# --highlight: a summit drawn as the window's selection (pixels: test-figure-highlight); an id
# the files do not have is an error that writes nothing
"$exe" --export "$tmp/lit.png" --size 640x360 --highlight minsk-conference "$sample" >/dev/null 2>&1; st=$?
check "--highlight exits 0" 0 $st
check "--highlight png size" "640 360" "$(png_size "$tmp/lit.png")"
"$exe" --export "$tmp/plain.png" --size 640x360 "$sample" >/dev/null 2>&1
! cmp -s "$tmp/lit.png" "$tmp/plain.png" && ok "--highlight changes the figure" || bad "--highlight drew nothing"
expect_error "--highlight unknown id" 2 "no-such-event" --export "$tmp/y.png" --highlight no-such-event "$sample"
[ -e "$tmp/y.png" ] && bad "--highlight unknown id wrote a file" || ok "--highlight unknown id wrote nothing"

# Places without times (GPX waypoints) are drawn as places (issue 10; their dots and legend
# entry: /render/routes/undated-places), so such a file exports
printf '<gpx version="1.1"><wpt lat="48.2082" lon="16.3738"><name>Vienna</name></wpt><wpt lat="30.0444" lon="31.2357"><name>Cairo</name></wpt></gpx>\n' > "$tmp/places.gpx"
"$exe" --export "$tmp/places.png" --size 800x450 "$tmp/places.gpx" >/dev/null 2>&1; st=$?
check "places without times export exits 0" 0 $st
check "places without times png size" "800 450" "$(png_size "$tmp/places.png")"

# A write that fails half-way (file size limit) leaves the old file whole and no temporary
echo old > "$tmp/keep.png"
( trap '' XFSZ; ulimit -f 8; "$exe" --export "$tmp/keep.png" --size 1600x900 "$sample" ) > "$tmp/err" 2>&1; st=$?
[ $st -ne 0 ] && ok "interrupted write fails ($st)" || bad "interrupted write fails"
grep -q "keep.png" "$tmp/err" && ok "interrupted write names the file" || bad "interrupted write message: $(cat "$tmp/err")"
check "old file kept" "old" "$(cat "$tmp/keep.png")"
check "no temporary left" "" "$(ls -A "$tmp" | grep '^\.keep')"

exit $fail
