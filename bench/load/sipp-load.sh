#!/usr/bin/env bash
# SIP load run: SIPp places authenticated calls (INVITE -> 401 -> INVITE with digest -> 200 -> ACK -> BYE) at a
# steady rate against the real Media SIP server hosted in-process on 127.0.0.1, and prints the achieved call rate
# and the setup time (first INVITE -> 200, including the 401 round trip) at p50/p99.
#   bench/load/sipp-load.sh [rate_cps=300] [calls=6000]
# Goal: >= 300 cps sustained, p99 setup < 20 ms. Needs sipp (./build.sh test installs sip-tester).
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-300}
calls=${2:-6000}
command -v sipp >/dev/null 2>&1 || { echo "sipp missing: run ./build.sh test" >&2; exit 1; }
dotnet build tests/Telepath.Interop.Tests -c Release -v q -nologo >/dev/null
TELEPATH_SIP_LOAD_RATE=$rate TELEPATH_SIP_LOAD_CALLS=$calls \
  dotnet test tests/Telepath.Interop.Tests -c Release --no-build \
    --filter "FullyQualifiedName~SippLoadTests" --logger "console;verbosity=detailed" | grep -E "SIPLOAD|Passed|Failed"
