# Shared by run.sh and test.sh: install the pinned npm tools when missing.
# Sourced, not executed.
# Azurite runs the storage emulator; Chart.js and Leaflet are embedded into the Functions app at build
# time (the ministry dashboard's charts and map), and so is Swagger UI (the API reference page), so the
# build fails without them; Redocly CLI lints the OpenAPI document (scripts/lint-openapi.sh). Any one
# missing (a checkout from before it was added) installs them all.
ensure_npm_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/chart.js/dist/chart.umd.js ] || [ ! -x node_modules/.bin/redocly ] \
     || [ ! -f node_modules/swagger-ui-dist/swagger-ui-bundle.js ] || [ ! -f node_modules/leaflet/dist/leaflet.js ]; then
    echo "Installing Azurite, Chart.js, Leaflet, Swagger UI and Redocly CLI (pinned in package-lock.json)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# wait_for_port PORT SECONDS: until something listens on 127.0.0.1:PORT.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# stop_all PID...: SIGTERM, up to 10 s to finish, then SIGKILL.
stop_all() {
  local pid deadline=$((SECONDS + 10))
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
