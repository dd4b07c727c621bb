#!/usr/bin/env bash
# Telepath's one entry point for developers and CI.
#   ./build.sh run     run one silo on the embedded default (SQLite under ./data)
#   ./build.sh test    install what the tests need (sip-tester, baresip, postgresql) when missing, then run every test
#   ./build.sh bench   run the BenchmarkDotNet micro-benchmarks (pass a filter, e.g. './build.sh bench "*G711*"')
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "build.sh: need root (or sudo) to run: $*" >&2; return 1; fi
}

# Debian packages the interop and cluster tests drive: real peers nobody here wrote.
ensure_test_dependencies() {
  local missing=()
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
  command -v baresip >/dev/null 2>&1 || missing+=(baresip-core)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "build.sh: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Prints the closing line CI reads ("N passed, N failed, N skipped") from the TRX files of this run.
summarize() {
  local dir=$1 passed=0 failed=0 total=0 executed=0 p f t e
  for trx in "$dir"/*.trx; do
    [ -e "$trx" ] || continue
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    t=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' total="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    e=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' executed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + p)); failed=$((failed + f)); total=$((total + t)); executed=$((executed + e))
  done
  echo "$passed passed, $failed failed, $((total - executed)) skipped"
}

cmd=${1:-help}
shift || true
case "$cmd" in
  run)
    exec dotnet run --project src/Silo -- "$@"
    ;;
  test)
    ensure_test_dependencies
    results=artifacts/test-results
    rm -rf "$results"
    status=0
    dotnet test Telepath.sln -c Release --logger trx --results-directory "$results" "$@" || status=$?
    summarize "$results"
    exit "$status"
    ;;
  bench)
    exec dotnet run -c Release --project bench/Telepath.Benchmarks -- --filter "${1:-*}"
    ;;
  *)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    [ "$cmd" = help ] || exit 2
    ;;
esac
