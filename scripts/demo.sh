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
echo "No display: running under Xvfb; a screenshot is saved to test-artifacts/demo.png after 8 s (Ctrl+C to stop)."
mkdir -p test-artifacts
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  ./target/debug/workstation --demo & app=$!
  sleep 8; import -window root test-artifacts/demo.png && echo "screenshot: test-artifacts/demo.png"
  wait $app'
