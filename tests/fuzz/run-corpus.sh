#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-corpus.sh FUZZER SECONDS CORPUS ARTIFACTS [DICT]: runs FUZZER over every input of its
# seed CORPUS, then fuzzes for SECONDS (the `fuzz` suite of a -Dfuzzing=true build, which
# CI runs: .ci/fuzz). New inputs go to a temporary folder, never into the seeds; an input
# that fails is written into ARTIFACTS and printed in Base64.
set -eu
fuzzer=$1 seconds=$2 corpus=$3 artifacts=$4
dict=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
exec_fuzzer () {
  if [ -n "$dict" ]; then
    "$fuzzer" "$work" "$corpus" -dict="$dict" "$@"
  else
    "$fuzzer" "$work" "$corpus" "$@"
  fi
}
# -error_exitcode: libFuzzer's own, 77, is what meson counts as a skipped test, so that an
# input that fails would leave the suite green
exec_fuzzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -error_exitcode=1 -artifact_prefix="$artifacts/"
