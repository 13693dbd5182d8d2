#!/bin/sh
# diplomap --export of animations, run as a user would with no display: each format read
# back by ffprobe, the defaults, bad arguments, progress on a terminal only, and a missing
# encoder that leaves no file.
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
# "codec WxH frames"
probe () {
  ffprobe -v error -count_frames -select_streams v:0 \
    -show_entries stream=codec_name,width,height,nb_read_frames -of csv=p=0 "$1" |
    awk -F, '{ print $1, $2 "x" $3, $4 }'
}

"$exe" --export "$tmp/a.webm" --size 640x360 --duration 2 --fps 12 \
  --from 2025-10-27T00:00:00Z --to 2025-10-30T00:00:00Z "$sample"; st=$?
check "webm exits 0" 0 $st
check "webm codec, size, frames" "vp9 640x360 24" "$(probe "$tmp/a.webm")"

"$exe" --export "$tmp/a.mp4" --size 640x360 --duration 1 --fps 25 "$sample"; st=$?
check "mp4 exits 0" 0 $st
check "mp4 codec, size, frames" "h264 640x360 25" "$(probe "$tmp/a.mp4")"

# GIF defaults: 800x450, 15 frames a second
"$exe" --export "$tmp/a.gif" --duration 1 "$sample"; st=$?
check "gif exits 0" 0 $st
check "gif codec, size, frames" "gif 800x450 15" "$(probe "$tmp/a.gif")"

"$exe" --export "$tmp/frames/" --size 320x180 --duration 1 --fps 5 "$sample"; st=$?
check "png sequence exits 0" 0 $st
check "png sequence files" "5" "$(ls "$tmp/frames" | grep -c '^frame-0000[1-5]\.png$')"

# a held, eased clip whose camera follows: a second held at each end (5 + 5 + 5 frames); the
# held frames are the same picture, the camera moves the map between the ends
"$exe" --export "$tmp/held/" --size 320x180 --duration 1 --fps 5 --hold --ease --follow "$sample"; st=$?
check "--hold --ease --follow exits 0" 0 $st
check "--hold adds a second at each end" "15" "$(ls "$tmp/held" | grep -c '^frame-000[01][0-9]\.png$')"
check "held frames are the same" "same" "$(cmp -s "$tmp/held/frame-00001.png" "$tmp/held/frame-00005.png" && echo same)"
check "the playback moves on" "" "$(cmp -s "$tmp/held/frame-00001.png" "$tmp/held/frame-00015.png" && echo same)"
rm -r "$tmp/held"
"$exe" --export "$tmp/b.png" --follow "$sample" 2>"$tmp/err"; st=$?
check "--follow on a still exits 2" 2 $st

# --timeline: the lanes under the map, named in an SVG's text (no legend: the names are the lanes')
"$exe" --export "$tmp/t.svg" --timeline --no-legend --size 960x540 "$sample"; st=$?
check "--timeline on a still exits 0" 0 $st
check "--timeline lanes named" "yes" "$(grep -q '>Sergey Lavrov<' "$tmp/t.svg" && echo yes)"
rm -f "$tmp/t.svg"

# --timeline-only: the lanes alone over --from to --to, no map (no place names); not a clip
"$exe" --export "$tmp/o.svg" --timeline-only --from 2025-10-25 --to 2025-11-01 --size 960x540 "$sample"; st=$?
check "--timeline-only exits 0" 0 $st
check "--timeline-only lanes named" "yes" "$(grep -q '>Sergey Lavrov<' "$tmp/o.svg" && echo yes)"
check "--timeline-only axis from --from" "yes" "$(grep -q '>25 Oct<' "$tmp/o.svg" && echo yes)"
check "--timeline-only no map" "no" "$(grep -q '>Gyeongju<' "$tmp/o.svg" && echo yes || echo no)"
"$exe" --export "$tmp/o.webm" --timeline-only "$sample" 2>/dev/null; st=$?
check "--timeline-only on a clip exits 2" 2 $st
rm -f "$tmp/o.svg"

# --small-multiples: panels at moments spread over --from to --to, each captioned with its date
"$exe" --export "$tmp/g.svg" --small-multiples 3 --from 2025-10-25T00:00:00Z --to 2025-10-29T00:00:00Z \
  --size 1200x800 "$sample"; st=$?
check "--small-multiples exits 0" 0 $st
check "--small-multiples panels' dates" "3" \
  "$(grep -o 'Saturday 25 October 2025, 00:00 UTC\|Monday 27 October 2025, 00:00 UTC\|Wednesday 29 October 2025, 00:00 UTC' "$tmp/g.svg" | sort -u | wc -l | tr -d ' ')"
rm -f "$tmp/g.svg"
"$exe" --export "$tmp/g.png" --small-multiples 1 "$sample" 2>"$tmp/err"; st=$?
check "--small-multiples 1 exits 2" 2 $st
"$exe" --export "$tmp/g.gif" --small-multiples 3 "$sample" 2>"$tmp/err"; st=$?
check "--small-multiples on an animation exits 2" 2 $st
rm -f "$tmp/err"

check "only the outputs, no temporary file" "a.gif a.mp4 a.webm frames" "$(ls -A "$tmp" | tr '\n' ' ' | sed 's/ $//')"

# progress on stderr only when it is a terminal (script(1) gives the command one)
"$exe" --export "$tmp/quiet/" --size 160x90 --duration 1 --fps 5 "$sample" 2> "$tmp/quiet.err"
check "no progress when stderr is not a terminal" "" "$(cat "$tmp/quiet.err")"
script -qec "\"$exe\" --export \"$tmp/tty/\" --size 160x90 --duration 1 --fps 5 \"$sample\"" \
  /dev/null > "$tmp/tty.out" 2>&1
check "progress on a terminal" "yes" "$(grep -q 'frame 5 of 5' "$tmp/tty.out" && echo yes)"
rm -rf "$tmp/quiet" "$tmp/quiet.err" "$tmp/tty" "$tmp/tty.out"

# bad arguments: exit 2, nothing written
"$exe" --export "$tmp/b.webm" --fps 0 "$sample" 2>"$tmp/err"; st=$?
check "bad --fps exits 2" 2 $st
grep -q -- '--fps' "$tmp/err" && ok "bad --fps names it" || bad "bad --fps: $(cat "$tmp/err")"
"$exe" --export "$tmp/b.png" --duration 3 "$sample" 2>"$tmp/err"; st=$?
check "--duration on a still exits 2" 2 $st
"$exe" --export "$tmp/b.webm" --from 2025-10-30 --to 2025-10-27 "$sample" 2>"$tmp/err"; st=$?
check "--to before --from exits 2" 2 $st
[ -e "$tmp/b.webm" ] && bad "nothing written on bad arguments" || ok "nothing written on bad arguments"

# no H.264 encoder: GStreamer sees every plugin but x264 and openh264
plugins=$(pkg-config --variable=pluginsdir gstreamer-1.0 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/gstreamer-1.0)
mkdir "$tmp/plugins" "$tmp/out"
for p in "$plugins"/*.so; do
  case "$(basename "$p")" in libgstx264.so|libgstopenh264.so) ;; *) ln -s "$p" "$tmp/plugins/" ;; esac
done
GST_PLUGIN_SYSTEM_PATH_1_0="$tmp/plugins" GST_PLUGIN_PATH_1_0= GST_REGISTRY_1_0="$tmp/registry.bin" \
  "$exe" --export "$tmp/out/c.mp4" --size 320x180 --duration 1 "$sample" 2>"$tmp/err"; st=$?
check "missing encoder exits 1" 1 $st
grep -q 'x264enc' "$tmp/err" && ok "missing encoder named" || bad "missing encoder named: $(cat "$tmp/err")"
grep -q 'gstreamer1.0-plugins-ugly' "$tmp/err" && ok "its package named" || bad "its package named"
check "missing encoder leaves no file" "" "$(ls -A "$tmp/out")"

exit $fail
