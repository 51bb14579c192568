#!/usr/bin/env bash
# Browser test of petrel's dashboard: Debian's chromium driven by playwright-core (no browser
# download), against `petrel serve` on a store built from examples/. Screenshots are saved in
# target/screenshots/. Installs what it needs on a clean Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "== browser test: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
CHROMIUM=$(command -v chromium)
echo "== browser test: $("$CHROMIUM" --version 2>/dev/null || echo chromium), node $(node --version)"

# playwright-core only: it never downloads a browser.
(cd browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

cargo build -p petrel --quiet
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PETREL=$TARGET_DIR/debug/petrel

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$PETREL" ingest examples/ --db "$WORK/news.db" --date 2021-12-15
"$PETREL" serve --db "$WORK/news.db" --addr 127.0.0.1:0 2>"$WORK/serve.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -n1 || true)
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log"; echo "petrel serve exited"; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/serve.log"; echo "petrel serve did not start"; exit 1; }
echo "== browser test: dashboard at $URL"

mkdir -p "$ROOT/target/screenshots"
(cd browser && PETREL_URL="$URL" CHROMIUM="$CHROMIUM" SCREENSHOT_DIR="$ROOT/target/screenshots" node dashboard.test.mjs)
echo "== browser test: screenshots in target/screenshots/"
