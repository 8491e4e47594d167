#!/usr/bin/env bash
# Points a real bot at this system: calls the Bot API's setWebhook with the secret token and the
# update kinds the bot uses. Needs network access to the Bot API (api.telegram.org or TELEGRAM_API).
#   TELEGRAM_BOT_TOKEN      the token from @BotFather (same value as the Telegram__BotToken setting)
#   TELEGRAM_WEBHOOK_SECRET the secret (same value as Telegram__WebhookSecret): 1-256 of A-Z a-z 0-9 _ -
#   PUBLIC_URL              the public base of the app: in Azure `azd env get-value SERVICE_API_URI` (the Front Door
#                           endpoint, https://fde-....azurefd.net), locally a tunnel
set -euo pipefail
: "${TELEGRAM_BOT_TOKEN:?set TELEGRAM_BOT_TOKEN}" "${TELEGRAM_WEBHOOK_SECRET:?set TELEGRAM_WEBHOOK_SECRET}" "${PUBLIC_URL:?set PUBLIC_URL}"
api="${TELEGRAM_API:-https://api.telegram.org}"
[[ "$TELEGRAM_WEBHOOK_SECRET" =~ ^[A-Za-z0-9_-]{1,256}$ ]] || { echo "TELEGRAM_WEBHOOK_SECRET may only hold A-Z a-z 0-9 _ - (1-256)" >&2; exit 1; }
curl -fsS "$api/bot$TELEGRAM_BOT_TOKEN/setWebhook" \
  --data-urlencode "url=${PUBLIC_URL%/}/api/telegram/webhook" \
  --data-urlencode "secret_token=$TELEGRAM_WEBHOOK_SECRET" \
  --data-urlencode 'allowed_updates=["message","edited_message","callback_query","my_chat_member"]' \
  --data-urlencode "max_connections=40"
echo
curl -fsS "$api/bot$TELEGRAM_BOT_TOKEN/getWebhookInfo"
echo
