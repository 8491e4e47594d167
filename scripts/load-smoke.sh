#!/usr/bin/env bash
# CI smoke load: starts the system with ./run.sh on free ports (Azurite in memory, AZURITE_IN_MEMORY=1;
# LocalHost with its storage-transaction diagnostics on), runs the load command with a small N, and
# fails when any request was refused, lost or duplicated. Timings are printed, never judged.
# N (default 50) and C (default 4) may be set in the environment. FLOOD=2000 (with GENUINE, default 50)
# measures a one-address flood among genuine citizens instead (docs/reliability.md): it fails when the
# flood stored more than the per-address limit or a genuine request was not Routed or Waitlisted.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-50}"
C="${C:-4}"

source scripts/free-ports.sh
free_ports 4
export PORT=${ports[0]} AZURITE_BLOB_PORT=${ports[1]} AZURITE_QUEUE_PORT=${ports[2]} AZURITE_TABLE_PORT=${ports[3]}

dotnet build tools/NgoFunctions.Load -c Release -nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
# Each request names an address of its own in X-Load-Client, which the system reads for its per-address
# limit (IntakeLimits:PerAddress, 5 in 10 minutes): from this machine's one address, most would be refused.
AZURITE_IN_MEMORY=1 SEED_REQUESTS= LocalHost__Diagnostics=true IntakeLimits__ForwardedForHeader=X-Load-Client ./run.sh >"$log" 2>&1 &
system=$!
stop() { kill -TERM "$system" 2>/dev/null || true; wait "$system" 2>/dev/null || true; rm -f "$log"; }
trap stop EXIT

wait_for_system "$log" "$system"

# Azurite's well-known development account (public, documented by Microsoft; not a secret).
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/$account;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/$account;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/$account;"

dotnet tools/NgoFunctions.Load/bin/Release/net10.0/NgoFunctions.Load.dll \
  --base-url "http://127.0.0.1:$PORT" --storage "$storage" --requests "$N" --concurrency "$C" --timeout 120 --client-header X-Load-Client \
  ${FLOOD:+--flood "$FLOOD" --genuine "${GENUINE:-50}"}
