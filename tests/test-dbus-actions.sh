#!/bin/sh
# The window's actions over D-Bus, as a script uses them: delete an event, save, check the
# file (docs/EDITING.md). Run by meson under dbus-run-session (its own session bus) and,
# like the window tests, with a display (build-aux/dev test runs the suite under Xvfb).
set -u
exe=$1
src=$2
t=$(mktemp -d)
mkdir -m700 "$t/run"
export HOME="$t" XDG_CONFIG_HOME="$t/cf" XDG_CACHE_HOME="$t/c" XDG_DATA_HOME="$t/d"
file="$t/october.diplomap"
cp "$src/../data/samples/october-2025.diplomap" "$file"
dest=io.github.diplomap.Diplomap
app=/io/github/diplomap/Diplomap
win=$app/window/1

act () { # object-path action parameter(s)
  gdbus call --session --dest $dest --object-path "$1" --method org.gtk.Actions.Activate \
    "$2" "$3" '{}' >/dev/null 2>&1
}

"$exe" "$file" &
pid=$!
i=0
until act $win select-none '[]'; do
  i=$((i + 1))
  if [ $i -gt 150 ]; then echo "not ok - the window's actions are on the bus"; kill $pid; exit 1; fi
  sleep 0.2
done
echo "ok - the window's actions are on the bus"

# The file loads in the background: deleting an event not loaded yet does nothing, so try
# until the saved file has lost it
i=0
while grep -q '"apec-2025"' "$file"; do
  i=$((i + 1))
  if [ $i -gt 50 ]; then echo "not ok - deleted and saved over D-Bus"; kill $pid; exit 1; fi
  act $win delete-event "[<'apec-2025'>]"
  act $win save '[]'
  sleep 0.2
done
echo "ok - deleted and saved over D-Bus"
fail=0
grep -q '"trump-xi"' "$file" || { echo "not ok - the other events are kept"; fail=1; }

# A second start hands its file to the running instance and returns: the file opens in its
# window (an event only that file has can be deleted there, and saved into it)
other="$t/example.diplomap"
cp "$src/data/issue-example.diplomap" "$other"
"$exe" "$other" &
second=$!
i=0
while kill -0 $second 2>/dev/null; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then echo "not ok - a second start returns"; kill $second; fail=1; break; fi
  sleep 0.1
done
if wait $second; then echo "ok - a second start returns"; else echo "not ok - a second start returns"; fail=1; fi
i=0
while grep -q '"apec"' "$other"; do
  i=$((i + 1))
  if [ $i -gt 50 ]; then echo "not ok - the second file opens in the running instance"; fail=1; break; fi
  act $win delete-event "[<'apec'>]"
  act $win save '[]'
  sleep 0.2
done
if ! grep -q '"apec"' "$other"; then
  echo "ok - the second file opens in the running instance"
  grep -q '"choe-tour"' "$other" || { echo "not ok - its other events are kept"; fail=1; }
  grep -q '"apec-2025"' "$file" && { echo "not ok - the first file keeps its delete"; fail=1; }
fi

# The running instance quits when asked over the bus
act $app quit '[]'
wait $pid
st=$?
[ $st -eq 0 ] || { echo "not ok - quit (exit $st)"; fail=1; }
rm -rf "$t"
exit $fail
