#!/bin/sh
# No network, ever (docs/SECURITY.md): --check, --convert and --export of every fixture run
# under strace, and any connect() to an IPv4 or IPv6 address fails the test. A local socket
# (AF_UNIX) is allowed. The self-check first makes sure a connect would be seen.
set -u
exe=$1
src=$2
fail=0
unset DISPLAY WAYLAND_DISPLAY
command -v strace >/dev/null 2>&1 || { echo "1..0 # SKIP strace is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok () { echo "ok - $1"; }
bad () { echo "not ok - $1"; fail=1; }

# Runs the rest of the line under strace; true when it made no connect() to AF_INET/AF_INET6
traced () {
  strace -f -qq -e trace=connect -e signal=none -o "$tmp/trace" "$@" >/dev/null 2>&1
  ! grep -q 'AF_INET' "$tmp/trace"
}

if traced /usr/bin/python3 -c 'import socket
s = socket.socket(); s.settimeout(0.2)
try: s.connect(("127.0.0.1", 9))
except OSError: pass'; then
  bad "the trace sees a connect to 127.0.0.1"
else
  ok "the trace sees a connect to 127.0.0.1"
fi

n=0
for f in "$src"/data/*.diplomap "$src"/data/*.xml "$src"/data/interop/* "$src"/data/ustravel \
         "$src"/../data/samples/october-2025.diplomap "$src"/fuzz/corpus/kml/* "$src"/fuzz/corpus/native/*; do
  name=${f#"$src"/}
  traced "$exe" --check --json "$f" && ok "--check $name" || bad "--check $name: $(grep AF_INET "$tmp/trace")"
  traced "$exe" --convert "$tmp/out.geojson" "$f" && ok "--convert $name" ||
    bad "--convert $name: $(grep AF_INET "$tmp/trace")"
  n=$((n + 1))
done
# figures are slower: the sample, a KML with remote icons and the U.S. record
for f in "$src"/../data/samples/october-2025.diplomap "$src"/data/interop/google-earth.kml "$src"/data/ustravel; do
  rm -f "$tmp/out.png"
  traced "$exe" --export "$tmp/out.png" --size=320x200 "$f" && [ -s "$tmp/out.png" ] && ok "--export ${f#"$src"/}" ||
    bad "--export ${f#"$src"/}: $(grep AF_INET "$tmp/trace")"
done
[ $n -gt 20 ] && ok "$n fixtures traced" || bad "only $n fixtures traced"
exit $fail
