#!/bin/sh
# diplomap --export of animations, run as a user would with no display: each format read
# back by ffprobe, the defaults, bad arguments, and a missing encoder that leaves no file.
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
check "webm codec, size, frames" "vp8 640x360 24" "$(probe "$tmp/a.webm")"

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

check "only the outputs, no temporary file" "a.gif a.mp4 a.webm frames" "$(ls -A "$tmp" | tr '\n' ' ' | sed 's/ $//')"

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
