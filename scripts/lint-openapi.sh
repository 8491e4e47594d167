#!/usr/bin/env bash
# Lints the OpenAPI document the worker serves at /api/openapi.json with Redocly CLI (pinned in
# package-lock.json), by the rules of redocly.yaml. Fails on any error; warnings are printed (the known
# ones are explained in docs/api.md). Installs the npm tools first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

ensure_npm_tools
REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint --config redocly.yaml --format=stylish src/NgoFunctions.App/OpenApi/openapi.json
