#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser with AFL++ and SharpFuzz, bounded in time.
#   bench/fuzz/run.sh <sip|sdp|rtp|rtcp|digest> [seconds=300]
# Installs afl++ (Debian) and the sharpfuzz instrumenter when missing; findings land in artifacts/fuzz/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?target}
seconds=${2:-300}
command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
tools=artifacts/tools
[ -x "$tools/sharpfuzz" ] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine >/dev/null
out=artifacts/fuzz/$target
build=artifacts/fuzz-build
rm -rf "$build"
dotnet publish bench/Telepath.Fuzz -c Release -o "$build" >/dev/null
"$tools/sharpfuzz" "$build/Telepath.Media.dll"
mkdir -p "$out"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --preserve-status "$seconds" afl-fuzz -i "bench/fuzz/corpus/$target" -o "$out" -t 5000 -m none -- "$build/Telepath.Fuzz" "$target" || true
# A target that dies before its first input (afl-fuzz aborts at start-up) must not read as a clean run.
execs=$(sed -n 's/^execs_done *: *//p' "$out/default/fuzzer_stats" 2>/dev/null || true)
if [ -z "$execs" ] || [ "$execs" -eq 0 ]; then
  echo "afl-fuzz did not run $target (see its output above)" >&2
  exit 1
fi
crashes=$(find "$out" -path '*crashes/id*' | wc -l)
echo "fuzzed $target for ${seconds}s: $execs executions, $crashes crash(es) in $out"
[ "$crashes" -eq 0 ]
