#!/usr/bin/env bash
# The bot's answer time (docs/performance.md): starts the system with ./run.sh on free ports (Azurite in
# memory, a bot configured against the load command's stand-in Bot API), then CHATS fresh private chats
# (default 40) send /start to the webhook, C at a time (default 4); prints the webhook's answer time and
# the time from the update to the chat's first reply, p50 and p95. INLINE_BUDGET (milliseconds) sets
# Telegram:InlineBudgetMilliseconds: unset, the default (answered in the webhook); 0, every update queued.
# Fails only when a chat got no reply; timings are printed, never judged.
set -euo pipefail
cd "$(dirname "$0")/.."

CHATS="${CHATS:-40}"
C="${C:-4}"

source scripts/free-ports.sh
free_ports 5
export PORT=${ports[0]} AZURITE_BLOB_PORT=${ports[1]} AZURITE_QUEUE_PORT=${ports[2]} AZURITE_TABLE_PORT=${ports[3]}
bot_port=${ports[4]}

dotnet build tools/NgoFunctions.Load -c Release -nologo -v quiet -clp:ErrorsOnly

# A made-up token and secret for a bot that exists only on this machine.
secret="bot-latency-$RANDOM$RANDOM"
log=$(mktemp)
env AZURITE_IN_MEMORY=1 SEED_REQUESTS= \
  Telegram__BotToken="100000:local-bot-latency-token" Telegram__WebhookSecret="$secret" Telegram__ApiBaseUrl="http://127.0.0.1:$bot_port" \
  ${INLINE_BUDGET:+Telegram__InlineBudgetMilliseconds=$INLINE_BUDGET} \
  ./run.sh >"$log" 2>&1 &
system=$!
stop() { kill -TERM "$system" 2>/dev/null || true; wait "$system" 2>/dev/null || true; rm -f "$log"; }
trap stop EXIT

wait_for_system "$log" "$system"

dotnet tools/NgoFunctions.Load/bin/Release/net10.0/NgoFunctions.Load.dll \
  --base-url "http://127.0.0.1:$PORT" --bot-chats "$CHATS" --concurrency "$C" --bot-port "$bot_port" --webhook-secret "$secret"
