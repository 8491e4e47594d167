# Shared by test.sh: the browser the dashboard tests drive. Sourced, not executed.
# The tests launch Debian's Chromium through Playwright (ExecutablePath=/usr/bin/chromium, or
# CHROMIUM_PATH); Playwright never downloads a browser here.
ensure_chromium() {
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$browser" ] && return 0
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable." >&2
    return 1
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Chromium is missing and installing it needs root: run 'apt-get install chromium' as root, or set CHROMIUM_PATH." >&2
      return 1
    fi
    sudo=(sudo)
  fi
  echo "Installing Chromium (Debian's package) for the dashboard tests..."
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # fonts-dejavu-core has Arabic glyphs, for readable screenshots of the Arabic pages.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  [ -x "$browser" ] || { echo "apt-get installed chromium but $browser is still missing." >&2; return 1; }
}
