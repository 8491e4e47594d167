#!/usr/bin/env bash
# CI smoke load: starts the system with ./run.sh on free ports (in-memory Azurite, LocalHost with its
# storage-transaction diagnostics on), runs the load command with a small N, and fails when any
# request was refused, lost or duplicated. Timings are printed, never judged.
# N (default 50) and C (default 4) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-50}"
C="${C:-4}"

# A free port: random in 20000-59999, nothing listening on it.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
export PORT AZURITE_BLOB_PORT AZURITE_QUEUE_PORT AZURITE_TABLE_PORT
PORT=$(free_port); AZURITE_BLOB_PORT=$(free_port); AZURITE_QUEUE_PORT=$(free_port); AZURITE_TABLE_PORT=$(free_port)

dotnet build tools/NgoFunctions.Load -c Release -nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
SEED_REQUESTS= LocalHost__Diagnostics=true ./run.sh >"$log" 2>&1 &
system=$!
stop() { kill -TERM "$system" 2>/dev/null || true; wait "$system" 2>/dev/null || true; rm -f "$log"; }
trap stop EXIT

deadline=$((SECONDS + 180))
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/sectors" 2>/dev/null; do
  kill -0 "$system" 2>/dev/null || { echo "The system did not start:" >&2; cat "$log" >&2; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "The system did not answer within 180 s:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.5
done

# Azurite's well-known development account (public, documented by Microsoft; not a secret).
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/$account;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/$account;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/$account;"

dotnet tools/NgoFunctions.Load/bin/Release/net10.0/NgoFunctions.Load.dll \
  --base-url "http://127.0.0.1:$PORT" --storage "$storage" --requests "$N" --concurrency "$C" --timeout 120
