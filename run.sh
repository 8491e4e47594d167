#!/usr/bin/env bash
# Runs the whole system locally: Azurite, the local host (the Functions app's own function classes on
# ASP.NET Core + the WebJobs SDK), the sample NGOs. Prints the URLs to try; Ctrl+C stops everything.
# PORT (default 7071) is the HTTP port; AZURITE_BLOB_PORT/QUEUE/TABLE (10000/10001/10002) Azurite's.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

PORT="${PORT:-7071}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
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

echo "Building..."
dotnet build src/NgoFunctions.LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly

pids=()
cleanup() {
  trap - EXIT INT TERM
  # The host first, gracefully; then Azurite, which holds nothing worth keeping (in memory) and can
  # take long to close its idle connections, so it is killed outright.
  [ ${#pids[@]} -gt 1 ] && stop_all "${pids[1]}"
  [ ${#pids[@]} -gt 0 ] && kill -KILL "${pids[0]}" 2>/dev/null
  rm -rf "$workdir"
}
workdir=$(mktemp -d)
trap cleanup EXIT INT TERM

# In-memory Azurite: every run starts from empty storage. Its working folder is a temp dir. Its
# telemetry (on by default, sent to Microsoft) is off: nothing leaves the machine, and it costs CPU per call.
(cd "$workdir" && exec "$OLDPWD/node_modules/.bin/azurite" --silent --inMemoryPersistence --extentMemoryLimit 256 \
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
  Sectors:                 $base/sectors
  Locations:               $base/locations
  Request status:          $base/requests/{trackingCode}
  NGO registry (X-Api-Key: local-admin-key): $base/registry/ngos
  NGO API (X-Api-Key: a key from POST $base/registry/ngos/{id}/keys): $base/ngo/requests
  Ministry dashboard (key local-ministry-key): $base/ministry/dashboard  (English: ?lang=en)
  Ministry API (X-Api-Key: local-ministry-key): $base/ministry/stats, $base/ministry/coverage, $base/ministry/ngos,
                           $base/ministry/requests, $base/ministry/exports/requests.csv
  Health:                  $base/health
  Azurite: blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT (in memory)
EOT
if [ -n "${SEED_REQUESTS-seed}" ]; then
  echo "  Sample requests: being submitted and routed now, then NGOs act on some (a few seconds; see the log)."
fi
wait -n "${pids[@]}"
