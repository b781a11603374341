#!/usr/bin/env bash
# Sets up what is missing, then runs Workstation against the built-in demo org.
# With no display (a server, CI) it runs under Xvfb and saves a screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKSTATION_SKIP_DRIVER=1 bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --quiet
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec ./target/debug/workstation --demo
fi
echo "No display: running under Xvfb; a screenshot is saved to test-artifacts/demo.png once the window is up (Ctrl+C to stop)."
mkdir -p test-artifacts
# The demo keeps its throw-away profile in demo/ of this folder: its log says when the window is up.
export WORKSTATION_DATA_DIR=$(mktemp -d)
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  ./target/debug/workstation --demo & app=$!
  log=$WORKSTATION_DATA_DIR/demo/logs/workstation.log
  for _ in $(seq 600); do grep -q "window interactive" "$log" 2>/dev/null && break; sleep 0.1; done
  sleep 2; import -window root test-artifacts/demo.png && echo "screenshot: test-artifacts/demo.png"
  wait $app'
