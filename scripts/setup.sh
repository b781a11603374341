#!/usr/bin/env bash
# Installs what Workstation needs on Debian 12 and is missing: system packages to build
# and run the Tauri app, to run it headless and drive it (Xvfb, WebKitWebDriver; xdotool
# presses the system-wide shortcut), and
# for credential-store tests (GNOME Keyring on a private D-Bus), plus tauri-driver.
# Safe to run again: it installs only what is missing.
set -euo pipefail

PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev pkg-config curl
  xvfb xauth webkit2gtk-driver imagemagick xdotool
  gnome-keyring dbus-x11 libsecret-tools keyutils
)

source "$(dirname "$0")/apt.sh"
apt_install "${PACKAGES[@]}"

# npm fetches the test and packaging tools (axe-core, the Tauri CLI) into .ci/ (ignored
# by git); the app itself needs no Node.js (demo.sh sets WORKSTATION_SKIP_DRIVER=1).
if [[ "${WORKSTATION_SKIP_DRIVER:-}" != 1 || "${WORKSTATION_NEED_NPM:-}" == 1 ]] && ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
# axe-core for the real-window suite's accessibility audit; like tauri-driver, only for tests.
AXE_JS="$(dirname "$0")/../.ci/node_modules/axe-core/axe.min.js"
if [[ "${WORKSTATION_SKIP_DRIVER:-}" != 1 && ! -f "$AXE_JS" ]]; then
  echo "setup: installing axe-core into .ci/node_modules"
  npm install --prefix "$(dirname "$0")/../.ci" --no-audit --no-fund --silent axe-core@4
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "setup: Rust (cargo ≥ 1.80) is required; install it with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi
if [[ "${WORKSTATION_SKIP_DRIVER:-}" != 1 ]] && ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
