#!/usr/bin/env bash
# Runs the whole system locally: Azurite, the local host (a Functions host of our own: it starts the
# built NgoFunctions.App isolated worker as its own process and drives it over the Functions host <->
# worker gRPC protocol, HTTP through the worker's ASP.NET Core integration, queue and timer triggers on
# the WebJobs SDK), the sample NGOs. Prints the URLs to try; Ctrl+C stops everything.
# PORT (default 7071) is the HTTP port; AZURITE_BLOB_PORT/QUEUE/TABLE (10000/10001/10002) Azurite's.
# Azurite keeps its data in AZURITE_DATA (default .azurite/ in the repository, git-ignored), so a
# second run finds what the first left; `./run.sh --fresh` empties that folder first;
# AZURITE_IN_MEMORY=1 keeps nothing (in memory, as the load smoke test measures it). Sample NGOs are
# added when missing and sample requests only into a store without requests (SEED_REQUESTS= for none).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

fresh=
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    *) echo "Usage: $0 [--fresh]   (--fresh: start from empty storage)" >&2; exit 2 ;;
  esac
done

PORT="${PORT:-7071}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
DATA_DIR="${AZURITE_DATA:-$PWD/.azurite}"
for port in "$PORT" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use. Stop what holds it, or choose other ports (PORT, AZURITE_*_PORT)." >&2
    exit 1
  fi
done

ensure_npm_tools
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json
# A local run is the Development environment, the only one where the sample keys' hashes are accepted.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"

# The build, skipped when no source or build file changed since the last one this script made (a no-op
# `dotnet build` still spends ~10 s, most of it in the Functions SDK's inner extensions build).
out=src/NgoFunctions.LocalHost/bin/Release/net10.0
stamp="$out/.run-sh-build"
if [ -f "$stamp" ] && [ -z "$(find src tools Directory.Build.props Directory.Packages.props global.json \
    -newer "$stamp" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  echo "Build up to date."
else
  echo "Building..."
  rm -f "$stamp"
  dotnet build src/NgoFunctions.LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly
  touch "$stamp"
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  # The host first, so its last writes land; then Azurite, gracefully too: it saves its data files
  # on the way out (between saves it writes them every 5 s), so killing it outright could lose the
  # last seconds. (Ctrl+C in a terminal reaches both at once; Azurite then saves and exits by itself.)
  # Each stop_all waits up to 10 s before SIGKILL. In memory Azurite holds nothing worth keeping and
  # can take long to close idle connections: killed outright.
  [ ${#pids[@]} -gt 1 ] && stop_all "${pids[1]}"
  if [ ${#pids[@]} -gt 0 ]; then
    if [ -n "${AZURITE_IN_MEMORY:-}" ]; then kill -KILL "${pids[0]}" 2>/dev/null; else stop_all "${pids[0]}"; fi
  fi
  rm -rf "$workdir"
}
workdir=$(mktemp -d)
trap cleanup EXIT INT TERM

# Azurite keeps its data in DATA_DIR across runs (see the top), or nothing with AZURITE_IN_MEMORY=1
# (it refuses --location then; it runs in a temp folder, where anything it writes goes). Its telemetry
# (on by default, sent to Microsoft) is off: nothing leaves the machine, and it costs CPU per call.
if [ -n "${AZURITE_IN_MEMORY:-}" ]; then
  kept="in memory, nothing kept"
  storage=(--inMemoryPersistence --extentMemoryLimit 256)
else
  # Only Azurite's own files: AZURITE_DATA may name a folder that holds other things too.
  [ -z "$fresh" ] || rm -rf "$DATA_DIR"/__azurite_db_*__.json "$DATA_DIR/__blobstorage__" "$DATA_DIR/__queuestorage__"
  mkdir -p "$DATA_DIR"
  DATA_DIR=$(cd "$DATA_DIR" && pwd)  # Azurite runs in another folder: a relative AZURITE_DATA is the caller's
  storage=(--location "$DATA_DIR")
  kept="data in $DATA_DIR, ./run.sh --fresh empties it"
fi
(cd "$workdir" && exec "$OLDPWD/node_modules/.bin/azurite" --silent "${storage[@]}" \
  --blobPort "$BLOB_PORT" --queuePort "$QUEUE_PORT" --tablePort "$TABLE_PORT" --skipApiVersionCheck --disableTelemetry >"$workdir/azurite.log" 2>&1) &
pids+=($!)
for port in "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do
  wait_for_port "$port" 30 || { echo "Azurite did not start:" >&2; cat "$workdir/azurite.log" >&2; exit 1; }
done

# Azurite's well-known development account (public, documented by Microsoft; not a secret).
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/$account;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/$account;TableEndpoint=http://127.0.0.1:$TABLE_PORT/$account;"

dotnet src/NgoFunctions.LocalHost/bin/Release/net10.0/NgoFunctions.LocalHost.dll \
  --urls "http://127.0.0.1:$PORT" --LocalHost:SettingsFile="$PWD/local.settings.json" --LocalHost:SeedNgosFile="$PWD/seed/ngos.json" \
  --LocalHost:SeedRequestsFile="${SEED_REQUESTS-$PWD/seed/requests.json}" &
pids+=($!)
deadline=$((SECONDS + 90))
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/sectors" 2>/dev/null; do
  kill -0 "${pids[1]}" 2>/dev/null || { echo "The local host stopped; see the messages above." >&2; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "The local host did not answer within 90 s." >&2; exit 1; }
  sleep 0.5
done

base="http://127.0.0.1:$PORT/api"
cat <<EOT

NgoFunctions is running (Ctrl+C stops it).
  Request form (Arabic):   $base/form
  Request form (English):  $base/form?lang=en
  Telegram Mini App form:  $base/miniapp  (what it posts needs initData signed by Telegram: open it from the bot)
  Sectors:                 $base/sectors
  Locations:               $base/locations
  Request status:          $base/requests/{trackingCode}
  NGO registry (X-Api-Key: local-admin-key): $base/registry/ngos
  NGO API (X-Api-Key: a key from POST $base/registry/ngos/{id}/keys): $base/ngo/requests
  Ministry dashboard (key local-ministry-key): $base/ministry/dashboard  (English: ?lang=en)
  Ministry API (X-Api-Key: local-ministry-key): $base/ministry/stats, $base/ministry/coverage, $base/ministry/ngos,
                           $base/ministry/parked-messages,
                           $base/ministry/requests, $base/ministry/exports/{requests,stats,coverage}.csv
  API reference:           $base/docs  (OpenAPI: $base/openapi.json)
  Service directory (HSDS): $base/hsds/organizations, $base/hsds/services
  Open311 GeoReport v2:    $base/open311/v2/discovery.json, $base/open311/v2/services.json, $base/open311/v2/requests/{id}.json
                           (posting: a partner key from POST $base/registry/partners/{id}/keys)
  Health:                  $base/health
  Azurite: blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT ($kept)
EOT
if [ -n "${SEED_REQUESTS-seed}" ]; then
  echo "  Sample requests: when no request is stored yet, submitted and routed now, then NGOs act on some (a few seconds; see the log)."
fi
wait -n "${pids[@]}"
