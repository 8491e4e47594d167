#!/usr/bin/env bash
# Everything the tests need, then the tests: installs the pinned npm tools (Azurite, Chart.js, Leaflet, Redocly) and
# Debian's Chromium (for the dashboard's browser tests) when missing, builds the solution (warnings
# are errors in src/), runs every test. The test fixtures start their own Azurite on free ports with
# in-memory storage; nothing else needs to run. Screenshots of the dashboard land in artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
source scripts/chromium.sh

ensure_npm_tools
ensure_chromium
dotnet build NgoFunctions.sln -c Release -nologo -v quiet -clp:"Summary;ErrorsOnly"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test NgoFunctions.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# A failing test's name and message again at the end, where a log cut to its tail still shows them.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "Failed tests:"
  awk '/^ +Failed [A-Za-z]/ { show = 1; lines = 0 }
       /^ +(Stack Trace|Passed |Skipped )/ { show = 0 }
       show && lines++ < 20' "$log"
fi

# One plain closing line: "N passed, N failed", from the runner's own summary.
passed=$(sed -nE 's/^ *Passed: *([0-9]+) *$/\1/p' "$log" | tail -1)
failed=$(sed -nE 's/^ *Failed: *([0-9]+) *$/\1/p' "$log" | tail -1)
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
